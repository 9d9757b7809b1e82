#pragma once
// One test suite, both store backends (issue 14). A test parametrised over
// StoreBackends() gets a fresh, empty store location per test from
// FreshStoreLocation: a SQLite file in the test's temporary directory, or a
// new database in the test binary's PostgreSQL cluster.
//
// zicht_test(NAME BACKENDS …) builds the test sources twice: NAME runs the
// "sqlite" instances (one CTest test each, as every other test), NAME_pg the
// "postgresql" instances, in one process with one throw-away cluster
// (pg_cluster.h), started by a GoogleTest global environment before the
// first test and stopped after the last. When PostgreSQL cannot start (its
// binaries are missing, say), NAME_pg FAILS with the reason: CI must really
// run these tests, never skip them silently.
//
// Test-only. Thread-safety: from the test's main thread.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace zicht::testutil {

//! {"sqlite"} in NAME, {"postgresql"} in NAME_pg.
std::vector<std::string> StoreBackends();

//! A fresh, empty store for `backend`: dir/`file` for SQLite, a new
//! database's URL for PostgreSQL. Adds a test failure (and returns "") when
//! the backend is not available in this binary.
std::string FreshStoreLocation(const std::string& backend, const TempDir& dir, const std::string& file = "zicht.db");

//! StoreBackends() without SQLite: for tests of what only a database server
//! does (a PostgreSQL restart under load). Empty in NAME; such a suite
//! says GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST.
std::vector<std::string> ServerBackends();

//! Stops / starts again this binary's PostgreSQL server (PgCluster::Stop,
//! PgCluster::Restart): "" on success, else what failed — also when the
//! binary has no PostgreSQL.
std::string StopPostgres();
std::string RestartPostgres();

//! A test on a fresh store of the backend its parameter names: a temporary
//! directory dir_ and the store's location db_ (for `--db`). Instantiate
//! with INSTANTIATE_TEST_SUITE_P(Backends, Fixture,
//!     ::testing::ValuesIn(testutil::StoreBackends()), testutil::BackendName()).
class StoreBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = FreshStoreLocation(GetParam(), dir_);
    ASSERT_FALSE(db_.empty());
  }
  bool postgres() const { return GetParam() == "postgresql"; }
  TempDir dir_;
  std::string db_;
};

//! For INSTANTIATE_TEST_SUITE_P's name generator: the backend's name.
struct BackendName {
  template <typename Info>
  std::string operator()(const Info& info) const {
    return info.param;
  }
};

}  // namespace zicht::testutil

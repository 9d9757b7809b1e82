#pragma once
// Test-only helpers: hand-built reports (normalised as ingest would) and a
// real SQLite store in a temporary directory.
#include <memory>
#include <string>
#include <vector>

#include "link/engine.h"
#include "model/report.h"
#include "store/store.h"
#include "testutil/testutil.h"

namespace zicht::link::testing {

struct Id {
  Id(model::IdentifierKind k, std::string v, std::optional<model::Role> r = std::nullopt)
      : kind(k), value(std::move(v)), role(r) {}
  model::IdentifierKind kind;
  std::string value;
  std::optional<model::Role> role;  // default by kind
};

//! A report with normalised identifiers. `date` is "YYYY-MM-DD".
model::Report MakeReport(const std::string& source, const std::string& id, const std::string& date,
                         model::FraudType type, int64_t damage_cents, const std::vector<Id>& ids);

//! A SQLite store in `dir` holding `reports` (one batch).
std::unique_ptr<store::Store> StoreWith(const testutil::TempDir& dir, const std::vector<model::Report>& reports);
//! The same for the store at `location` (a SQLite file or a PostgreSQL URL,
//! e.g. testutil::StoreBackendTest's db_).
std::unique_ptr<store::Store> StoreWith(const std::string& location, const std::vector<model::Report>& reports);

//! Writes `reports` to the store and returns the changed reports for Apply.
std::vector<store::StoredReport> Upsert(store::Store& store, const std::vector<model::Report>& reports);

//! An engine over a fresh SQLite store holding `reports`.
std::unique_ptr<Engine> EngineWith(const testutil::TempDir& dir, const std::vector<model::Report>& reports,
                                   std::vector<WarningList> extra = {}, EngineOptions options = {});
//! The same over the fresh store at `location`.
std::unique_ptr<Engine> EngineWith(const std::string& location, const std::vector<model::Report>& reports,
                                   std::vector<WarningList> extra = {}, EngineOptions options = {});

//! Partition as sorted lists of "source/id", clusters of ≥ 2 only, sorted.
std::vector<std::vector<std::string>> Partition(const Engine& engine);

}  // namespace zicht::link::testing

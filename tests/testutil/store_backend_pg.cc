// store_backend.h for the PostgreSQL instances of a BACKENDS test (NAME_pg):
// one cluster for the whole binary, held by a GoogleTest global environment.
#include <gtest/gtest.h>

#include "testutil/pg_cluster.h"
#include "testutil/store_backend.h"

namespace zicht::testutil {
namespace {

class PgEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    std::string error;
    cluster_ = PgCluster::Start(&error);
    // A failure here fails the binary: no test runs and CTest reports it.
    ASSERT_TRUE(cluster_ != nullptr) << "cannot start a throw-away PostgreSQL cluster: " << error;
  }
  void TearDown() override { cluster_.reset(); }
  PgCluster* cluster() { return cluster_.get(); }

 private:
  std::unique_ptr<PgCluster> cluster_;
};

// Owned by GoogleTest once added (AddGlobalTestEnvironment takes ownership).
PgEnvironment* const g_environment =
    static_cast<PgEnvironment*>(::testing::AddGlobalTestEnvironment(new PgEnvironment));

}  // namespace

std::vector<std::string> StoreBackends() { return {"postgresql"}; }

std::vector<std::string> ServerBackends() { return {"postgresql"}; }

std::string StopPostgres() {
  return g_environment->cluster() ? g_environment->cluster()->Stop() : "the PostgreSQL cluster did not start";
}

std::string RestartPostgres() {
  return g_environment->cluster() ? g_environment->cluster()->Restart() : "the PostgreSQL cluster did not start";
}

std::string FreshStoreLocation(const std::string& backend, const TempDir& dir, const std::string& file) {
  if (backend == "sqlite") return dir.File(file);
  if (g_environment->cluster() == nullptr) {
    ADD_FAILURE() << "the PostgreSQL cluster of this test binary did not start";
    return "";
  }
  std::string error;
  std::string url = g_environment->cluster()->CreateDatabase(&error);
  if (url.empty()) ADD_FAILURE() << "cannot create a PostgreSQL database: " << error;
  return url;
}

}  // namespace zicht::testutil

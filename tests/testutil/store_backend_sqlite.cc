// store_backend.h for the SQLite instances of a BACKENDS test (NAME).
#include <gtest/gtest.h>

#include "testutil/store_backend.h"

namespace zicht::testutil {

std::vector<std::string> StoreBackends() { return {"sqlite"}; }

std::vector<std::string> ServerBackends() { return {}; }
std::string StopPostgres() { return "no PostgreSQL in this test binary"; }
std::string RestartPostgres() { return "no PostgreSQL in this test binary"; }

std::string FreshStoreLocation(const std::string& backend, const TempDir& dir, const std::string& file) {
  if (backend != "sqlite") {
    ADD_FAILURE() << "backend '" << backend << "' is not available in this test binary";
    return "";
  }
  return dir.File(file);
}

}  // namespace zicht::testutil

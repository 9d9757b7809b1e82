// store_backend.h for the SQLite instances of a BACKENDS test (NAME).
#include <gtest/gtest.h>

#include "testutil/store_backend.h"

namespace zicht::testutil {

std::vector<std::string> StoreBackends() { return {"sqlite"}; }

std::string FreshStoreLocation(const std::string& backend, const TempDir& dir, const std::string& file) {
  if (backend != "sqlite") {
    ADD_FAILURE() << "backend '" << backend << "' is not available in this test binary";
    return "";
  }
  return dir.File(file);
}

}  // namespace zicht::testutil

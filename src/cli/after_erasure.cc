#include "cli/after_erasure.h"

#include <cstdio>

namespace zicht::cli {

void AfterErasure(const char* command, store::Store& store, const std::string& db) {
  auto complete = store.Checkpoint();
  if (!complete.ok() || !*complete) {
    std::fprintf(stderr,
                 "zicht %s: another process is reading the database; the write-ahead log still holds the erased "
                 "rows until its next truncating checkpoint\n",
                 command);
  }
  std::fprintf(stderr,
               "zicht %s: a zicht serve running on '%s' still links the erased reports until it restarts; while "
               "it runs, erase through DELETE /v1/reports/{source}/{id} or start it with --retention FILE\n",
               command, db.c_str());
}

}  // namespace zicht::cli

#include "cli/after_erasure.h"

#include <cstdio>

namespace zicht::cli {

void AfterErasure(const char* command, store::Store& store) {
  auto complete = store.Checkpoint();
  if (!complete.ok() || !*complete) {
    std::fprintf(stderr,
                 "zicht %s: another process is reading the database; the write-ahead log still holds the erased "
                 "rows until its next truncating checkpoint\n",
                 command);
  }
}

}  // namespace zicht::cli

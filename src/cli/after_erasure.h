#pragma once
// What `zicht reports erase` and `zicht retention apply` do after they
// have erased reports: truncate the write-ahead log (store.h, Checkpoint)
// and say on stderr when a reader kept it from being emptied.
//
// A running `zicht serve` on the same database takes the erased reports out
// of its in-memory index from the store's change log within its next poll
// (server/change_follower.h; docs/privacy.md, "Erasure and correction").

#include "store/store.h"

namespace zicht::cli {

//! `command`: "reports erase" or "retention apply", for the messages.
void AfterErasure(const char* command, store::Store& store);

}  // namespace zicht::cli

#pragma once
// What `zicht reports erase` and `zicht retention apply` do after they
// have erased reports: truncate the write-ahead log (store.h, Checkpoint),
// and say on stderr what they cannot do from outside a running server.
//
// A running `zicht serve` on the same database keeps the erased reports in
// its in-memory index until it restarts (docs/privacy.md, "Erasure and
// correction"): erase through DELETE /v1/reports/{source}/{id}, or give the
// server --retention FILE, while it runs.
#include <string>

#include "store/store.h"

namespace zicht::cli {

//! `command`: "reports erase" or "retention apply", for the messages.
void AfterErasure(const char* command, store::Store& store, const std::string& db);

}  // namespace zicht::cli

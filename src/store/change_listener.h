#pragma once
// A wake-up for followers of the change log (store.h, "Change log";
// server/change_follower.h): waits until another writer committed entries,
// so that a node reads the log when there is something to read instead of
// only on its poll.
//
// PostgreSQL: a connection of its own that LISTENs on `zicht_changes`,
// which every writing transaction NOTIFYs at commit (postgres_store.h).
// SQLite has no such signal between processes: OpenChangeListener returns
// null and the follower polls alone.
//
// A wake-up is a hint, never the record: a notification may be lost (the
// connection broke and was reset), may come for a node's own write, and
// several commits may wake the node once. The follower reads the log after
// its position either way, and keeps polling as the fallback.
//
// Thread-safety: one thread at a time per instance.
#include <chrono>
#include <memory>
#include <string>

#include "common/result.h"

namespace zicht::store {

class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  //! Waits up to `timeout`: true when entries were committed since the
  //! last call (or during it), false on timeout. An error when the
  //! connection is broken (the next call reconnects and listens again).
  virtual Result<bool> Wait(std::chrono::milliseconds timeout) = 0;
};

//! A listener on the store at `location`, or null when its backend has no
//! wake-up (SQLite). Errors: the store cannot be reached.
Result<std::unique_ptr<ChangeListener>> OpenChangeListener(const std::string& location);

//! The PostgreSQL listener (pg_change_listener.cc); OpenChangeListener
//! picks it for a postgresql:// URL.
Result<std::unique_ptr<ChangeListener>> OpenPgChangeListener(const std::string& url);

}  // namespace zicht::store

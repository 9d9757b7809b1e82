#pragma once
// Keeps a serving node's in-memory index current with writes it did not
// make itself: other nodes on the same store, `zicht ingest`, `zicht
// reports erase`, `zicht retention apply` (docs/deploy.md, "How nodes stay
// current"). It follows the store's change log (store.h, "Change log").
//
// How an entry is applied: the named rows are read as they are NOW; a row
// that is there is handed to `apply` (Engine::Apply and the token index),
// one that is gone to `remove` (Engine::Remove, which skips unknown rows).
// So an entry applied late, twice or out of order still leaves the index
// equal to the store. Entries written by this node (`origin`) are skipped:
// the node applied them when it wrote them (read-your-writes).
//
// Why under `store_mu` (the service's ingest lock), per chunk of rows: the
// node's own writes commit and apply under that lock. Reading a row and
// applying it under the same lock means a remote entry can never hand the
// index an older version of a row after the node applied its own newer
// write of that row (whose entry it then skips).
//
// When it reads: at once when the store's listener (store/
// change_listener.h; PostgreSQL's LISTEN/NOTIFY) says another writer
// committed, and in any case every `interval` (the poll, the fallback for a
// lost wake-up and the only trigger on SQLite).
//
// Thread-safety: CatchUp() from one thread at a time (the following
// thread); position() and behind() from any thread.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/mutex.h"
#include "common/status.h"
#include "store/change_listener.h"
#include "store/store.h"

namespace zicht::server {

class ChangeFollower {
 public:
  struct Hooks {
    std::function<void(const std::vector<store::StoredReport>&)> apply;
    std::function<void(const std::vector<int64_t>&)> remove;
  };
  //! Change-log entries read per query.
  static constexpr size_t kEntriesPerRead = 512;
  //! Rows read and applied per hold of `store_mu`.
  static constexpr size_t kRowsPerChunk = 1024;

  //! Follows `store`'s log from after `position` (the high-water mark taken
  //! before the index was built). `store` is used only under `store_mu`.
  ChangeFollower(store::Store& store, Mutex& store_mu, std::string origin, int64_t position, Hooks hooks);
  ~ChangeFollower();
  ChangeFollower(const ChangeFollower&) = delete;
  ChangeFollower& operator=(const ChangeFollower&) = delete;

  //! Applies every entry after the position, in several reads when there
  //! are many. On a store error the position stays after the last entry
  //! fully applied and the next call retries.
  Status CatchUp();

  //! Runs CatchUp() on a thread of its own until Stop(): when `listener`
  //! (may be null) wakes it, and every `interval`. A failure is logged once
  //! per run of failures (no identifiers).
  void Start(std::chrono::milliseconds interval, std::unique_ptr<store::ChangeListener> listener = nullptr);
  //! Stops the thread (within kWakeSlice when it waits on a listener).
  void Stop();

  //! The longest the thread waits on a listener before it looks whether
  //! Stop() was called.
  static constexpr std::chrono::milliseconds kWakeSlice{200};

  //! The last sequence number applied (or skipped as our own).
  int64_t position() const { return position_.load(std::memory_order_acquire); }
  //! True once entries the node needed were pruned before it read them:
  //! its index may miss writes, and only a restart repairs that.
  bool behind() const { return behind_.load(std::memory_order_acquire); }
  //! Rows read and applied (or removed) from other writers' entries.
  int64_t applied_rows() const { return applied_rows_.load(std::memory_order_relaxed); }

 private:
  //! Reads rows `ids` under store_mu_ and applies them.
  Status ApplyRows(const std::vector<int64_t>& ids);
  //! The following thread: waits (listener, poll), catches up, logs.
  void Loop(std::chrono::milliseconds interval);
  //! Waits until `until`, or less when Stop() is called; true when stopping.
  bool SleepUntil(std::chrono::steady_clock::time_point until);
  //! CatchUp() with its failure logged once per run of failures.
  void CatchUpAndLog();

  Mutex& store_mu_;
  store::Store& store_ ZICHT_GUARDED_BY(store_mu_);
  const std::string origin_;
  Hooks hooks_;
  std::atomic<int64_t> position_;
  std::atomic<bool> behind_{false};
  std::atomic<int64_t> applied_rows_{0};
  bool failing_ = false;                              // only the following thread touches it
  std::unique_ptr<store::ChangeListener> listener_;  // only the following thread uses it
  Mutex stop_mu_;
  CondVar stop_cv_;
  bool stopping_ ZICHT_GUARDED_BY(stop_mu_) = false;
  std::thread thread_;
};

}  // namespace zicht::server

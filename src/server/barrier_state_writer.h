#pragma once
// Writes the barrier engines' account state to the store in the background
// and reads it back for accounts evicted from memory (docs/design.md,
// "Barrier model (payments)"; docs/privacy.md, "Barrier state").
//
// Built like the audit log (audit_log.h): an engine's Save only queues the
// encoded state (a hash-map insert under a mutex; the I/O thread never waits
// on SQLite for a payment); one writer thread commits the queue in batches
// (store/barrier_state_store.h, one transaction per batch). A queued state
// replaces an older queued state of the same account, so a busy account
// costs one row per batch, not one per payment.
//
// Durability:
// - kNormal: the writer gathers for kFlushInterval (5 ms) after the first
//   queued state, then commits. A kill -9 loses the state changes of at most
//   the last ~5 ms plus one commit (those not yet committed; after a restart
//   those accounts are as they were before those events); a power loss may
//   also lose the last commits (synchronous=NORMAL, store/durability.h).
// - kFull (`zicht serve --durability full`): the writer commits whatever is
//   queued at once, the states that arrive meanwhile form the next batch
//   (group commit), and WhenDurable(ticket, f) runs f after the commit: the
//   server answers a payment only once its account's new state is on disk.
//   Nothing answered is lost to a kill -9 or a power loss.
//
// Back-pressure: the queue holds one state per account changed since the
// last commit, so a partner sending events for ever-new accounts faster
// than the writer commits them would grow it without bound (measured: a
// client posting 20,000 new accounts per request back to back added ~130 MB
// of RSS in 16 requests). Once more than kMaxBacklog states wait,
// Backlogged() is true and the server answers such requests only after
// their commit, as under kFull: that client then waits for the disk and
// the queue stays near kMaxBacklog plus one request's accounts per
// connection.
//
// Reading back: Load looks in the queue and in the batch being written
// before the database, so an account evicted right after its last event is
// loaded with that event's state even before it is committed.
//
// Thread-safety: all public methods may be called from any thread. Load
// reads the database through its own connection under `read_mu_` (reloads
// are rare: only accounts evicted from memory).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "barrier/account_store.h"
#include "common/mutex.h"
#include "common/result.h"
#include "server/commit_waiters.h"
#include "store/barrier_state_store.h"

namespace zicht::server {

class BarrierStateWriter {
 public:
  //! Gathering time of a batch under kNormal: what a kill -9 may lose.
  static constexpr std::chrono::milliseconds kFlushInterval{5};
  //! States waiting (queued or being written) above which Backlogged() is
  //! true: ~200 B each, so ~4 MB; at 100k events/s it is ~200 ms of writing.
  static constexpr size_t kMaxBacklog = 20000;

  //! Takes ownership of both stores (two connections to one database:
  //! `writer` for the writer thread, `reader` for Load) and starts the
  //! writer thread.
  BarrierStateWriter(std::unique_ptr<store::BarrierStateStore> writer,
                     std::unique_ptr<store::BarrierStateStore> reader, bool wait_for_commit);
  //! Stops (writing out the queue) if Stop() was not called.
  ~BarrierStateWriter();
  BarrierStateWriter(const BarrierStateWriter&) = delete;
  BarrierStateWriter& operator=(const BarrierStateWriter&) = delete;

  //! Queues the encoded state of (partner, account); returns its ticket.
  uint64_t Put(std::string_view partner, std::string_view account, std::string state);

  //! The latest state of (partner, account): queued, being written or
  //! stored. false when there is none; kIOError/kCorruption when the
  //! database cannot be read.
  Result<bool> Load(std::string_view partner, std::string_view account, std::string* state);

  //! The last ticket given out: a caller that just saved waits for this one.
  uint64_t LastTicket() const;

  //! More than kMaxBacklog states wait for the writer: the caller should
  //! wait for its commit (WhenDurable) before taking more work.
  bool Backlogged() const;

  //! Runs `done` once everything up to `ticket` is committed: at once when it
  //! is, else on the writer thread after the commit (keep it quick).
  void WhenDurable(uint64_t ticket, std::function<void()> done);

  //! Writes everything queued and stops the writer. Idempotent.
  void Stop();

  //! Account states written and failed commits (tests, `make bench`; not
  //! yet exported in /metrics, where a failed commit shows only on stderr).
  int64_t written() const { return written_.load(std::memory_order_relaxed); }
  int64_t failures() const { return failures_.load(std::memory_order_relaxed); }

  //! The engine's view of one partner's rows (barrier::AccountStore).
  class PartnerStore final : public barrier::AccountStore {
   public:
    PartnerStore(BarrierStateWriter& writer, std::string partner) : writer_(writer), partner_(std::move(partner)) {}
    Result<bool> Load(std::string_view account, barrier::AccountState* state) override;
    void Save(std::string_view account, const barrier::AccountState& state) override;

   private:
    BarrierStateWriter& writer_;
    const std::string partner_;
  };

 private:
  // partner + '\0' + account: partner names never hold a NUL (keys file).
  static std::string Key(std::string_view partner, std::string_view account);
  void Run();
  //! Waits for a batch (WaitForBatch), moves the queue to writing_ and
  //! returns the last ticket it holds; *last: the writer is stopping.
  //! The rows of writing_, for the store. Writer thread only.
  void RowsOfBatch(std::vector<store::BarrierStateRow>* rows);
  uint64_t TakeBatch(bool* last);

  const bool wait_for_commit_;
  std::unique_ptr<store::BarrierStateStore> store_;  // used only by the writer thread
  Mutex read_mu_;  // never held together with mu_
  std::unique_ptr<store::BarrierStateStore> reader_ ZICHT_GUARDED_BY(read_mu_);

  mutable Mutex mu_;
  CondVar cv_;
  absl::flat_hash_map<std::string, std::string> queue_ ZICHT_GUARDED_BY(mu_);    // key → latest state
  absl::flat_hash_map<std::string, std::string> writing_ ZICHT_GUARDED_BY(mu_);  // the batch being committed
  bool stopping_ ZICHT_GUARDED_BY(mu_) = false;
  uint64_t enqueued_ ZICHT_GUARDED_BY(mu_) = 0;  // the last ticket given out
  std::atomic<int64_t> written_{0};
  std::atomic<int64_t> failures_{0};
  CommitWaiters committed_;
  std::once_flag stopped_;
  std::thread writer_;
};

}  // namespace zicht::server

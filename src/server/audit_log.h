#pragma once
// The server's audit log writer: request handlers hand entries over without
// waiting, one background thread appends them in batches (docs/design.md: every
// check and every read of report contents is logged; docs/privacy.md).
//
// Why a background thread: an fsync per check would cap the service at a
// few thousand checks per second. Entries wait in memory at most
// kFlushInterval; Stop() (called on SIGTERM after the last request has been
// answered) writes everything still queued, so a clean shutdown loses no
// entry. A kill -9 may lose the last interval's entries — documented.
//
// The keyed pseudonym of a checked identifier is computed on the writer
// thread too (AppendCheck): an HMAC per check is a measurable share of an
// I/O thread's time, and the writer has time to spare. The raw value waits
// in this process's memory for at most kFlushInterval and is never written
// anywhere; only its pseudonym reaches the store.
//
// The writer thread runs at a lower scheduling priority (nice +10): it is
// background work, and a check waiting behind it is what a bank notices.
//
// With `wait_for_commit` (`zicht serve --durability full`, store/durability.h)
// the writer does not gather for kFlushInterval: it commits whatever is
// queued at once, and the entries that arrive meanwhile form the next batch
// (group commit). Each Append returns a ticket, and WhenDurable(ticket, f)
// runs f once that entry is committed, so the server answers a check only
// after its audit entry is on disk.
//
// Thread-safety: Append() and AppendCheck() may be called from any thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <utility>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/mutex.h"
#include "model/identifier.h"
#include "server/commit_waiters.h"
#include "store/audit_store.h"

namespace zicht::server {

class AuditLog {
 public:
  //! Short, so that a batch is small: the writer's burst of work competes
  //! with the I/O threads and the clients for the cores (at 140k checks/s a
  //! 100 ms batch was ~8 ms of CPU in one go and a 20 ms batch ~1.5 ms,
  //! both visible in the p99 of checks), and a kill -9 loses at most this
  //! much of the log. An idle writer sleeps until the first entry comes.
  static constexpr std::chrono::milliseconds kFlushInterval{5};

  //! Takes ownership of `store` and starts the writer thread. `pseudonym_key`:
  //! the deployment secret AppendCheck pseudonymises with.
  AuditLog(std::unique_ptr<store::AuditStore> store, std::string pseudonym_key, bool wait_for_commit = false);
  //! Stops (flushing) if Stop() was not called.
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  //! Queues one entry (its `at` is set by the caller). Returns its ticket:
  //! increasing, never 0.
  uint64_t Append(store::AuditEntry entry);

  //! Queues one entry whose `pseudonym` is the keyed pseudonym of (kind,
  //! value), computed by the writer (link/pseudonym.h). Returns its ticket.
  uint64_t AppendCheck(store::AuditEntry entry, model::IdentifierKind kind, std::string value);

  //! Runs `done` once the entry of `ticket` (and every earlier one) is
  //! committed: at once on this thread when it already is, else on the
  //! writer thread right after the commit. `done` must be quick (post the
  //! real work elsewhere). After Stop() every waiting `done` has run.
  void WhenDurable(uint64_t ticket, std::function<void()> done);

  //! Writes everything queued and stops the writer. Idempotent.
  void Stop();

  //! Entries written so far and write failures, for /metrics.
  int64_t written() const;
  int64_t failures() const;

 private:
  // An entry as queued: `value` is set (and `entry.pseudonym` empty) until
  // the writer has pseudonymised it.
  struct Pending {
    store::AuditEntry entry;
    model::IdentifierKind kind = model::IdentifierKind::kIban;
    std::string value;
    bool pseudonymize = false;
  };

  void Run();
  uint64_t Enqueue(Pending pending);

  const std::string pseudonym_key_;
  const bool wait_for_commit_;
  std::unique_ptr<store::AuditStore> store_;  // used only by the writer thread
  mutable Mutex mu_;
  CondVar cv_;
  std::vector<Pending> queue_ ZICHT_GUARDED_BY(mu_);
  bool stopping_ ZICHT_GUARDED_BY(mu_) = false;
  int64_t written_ ZICHT_GUARDED_BY(mu_) = 0;
  int64_t failures_ ZICHT_GUARDED_BY(mu_) = 0;
  uint64_t enqueued_ ZICHT_GUARDED_BY(mu_) = 0;  // the last ticket given out
  CommitWaiters committed_;
  std::thread writer_;
};

}  // namespace zicht::server

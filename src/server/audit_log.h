#pragma once
// The server's audit log writer: request handlers hand entries over without
// waiting, one background thread appends them in batches (DESIGN.md: every
// check and every read of report contents is logged; docs/privacy.md).
//
// Why a background thread: an fsync per check would cap the service at a
// few thousand checks per second. Entries wait in memory at most
// kFlushInterval; Stop() (called on SIGTERM after the last request has been
// answered) writes everything still queued, so a clean shutdown loses no
// entry. A kill -9 may lose the last interval's entries — documented.
//
// Thread-safety: Append() may be called from any thread.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/audit_store.h"

namespace zicht::server {

class AuditLog {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{100};

  //! Takes ownership of `store` and starts the writer thread.
  explicit AuditLog(std::unique_ptr<store::AuditStore> store);
  //! Stops (flushing) if Stop() was not called.
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  //! Queues one entry (its `at` is set by the caller).
  void Append(store::AuditEntry entry);

  //! Writes everything queued and stops the writer. Idempotent.
  void Stop();

  //! Entries written so far and write failures, for /metrics.
  int64_t written() const;
  int64_t failures() const;

 private:
  void Run();

  std::unique_ptr<store::AuditStore> store_;  // used only by the writer thread
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<store::AuditEntry> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                 // GUARDED_BY(mu_)
  int64_t written_ = 0;                   // GUARDED_BY(mu_)
  int64_t failures_ = 0;                  // GUARDED_BY(mu_)
  std::thread writer_;
};

}  // namespace zicht::server

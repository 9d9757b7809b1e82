#pragma once
// Group commit's other half: callbacks waiting for a ticket to be committed.
// A background writer (audit_log.h, barrier_state_writer.h) hands out
// increasing tickets as it queues work and calls MarkDurable(t) after each
// commit; WhenDurable(t, f) runs f once every ticket up to t is committed —
// at once on the caller's thread when it already is, else on the writer's
// thread right after the commit that covers it.
//
// Thread-safety: all methods may be called from any thread (one mutex,
// never held while a callback runs).
#include <chrono>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "common/mutex.h"

namespace zicht::server {

class CommitWaiters {
 public:
  //! Runs `done` once `ticket` is committed (see above). `done` must be
  //! quick: it runs on the writer's thread.
  void WhenDurable(uint64_t ticket, std::function<void()> done);

  //! Marks every ticket up to `ticket` committed and runs their waiters.
  //! A stopping writer passes the largest ticket so nobody waits for ever.
  void MarkDurable(uint64_t ticket);

 private:
  Mutex mu_;
  uint64_t durable_ ZICHT_GUARDED_BY(mu_) = 0;
  std::vector<std::pair<uint64_t, std::function<void()>>> waiters_ ZICHT_GUARDED_BY(mu_);
};

//! The background writers' gathering rule: sleep until there is work or a
//! stop (no wake-ups while idle); then, unless `wait_for_commit` (answers
//! wait for the commit, so commit at once and let what arrives meanwhile
//! form the next batch), gather for `interval` more. `mu` guards what
//! `stopping` and `has_work` read; they are called with it held (clang's
//! analysis cannot see that through a template: the callers mark them
//! ZICHT_NO_THREAD_SAFETY_ANALYSIS).
template <typename Stopping, typename HasWork>
void WaitForBatch(Mutex* mu, CondVar* cv, bool wait_for_commit, std::chrono::milliseconds interval,
                  Stopping stopping, HasWork has_work) ZICHT_REQUIRES(mu) {
  while (!stopping() && !has_work()) cv->Wait(mu);
  if (wait_for_commit) return;
  const auto deadline = std::chrono::steady_clock::now() + interval;
  while (!stopping() && cv->WaitUntil(mu, deadline)) {
  }
}

}  // namespace zicht::server

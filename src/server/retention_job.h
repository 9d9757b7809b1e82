#pragma once
// The daily retention run inside `zicht serve --retention FILE`
// (docs/privacy.md, "Retention"): a thread that calls `run` once at once
// and then every `interval` until Stop(). A failed run is logged by `run`
// and tried again at the next interval.
//
// Why a plain thread: one run a day, each a short transaction; a
// scheduler would be more machinery than the job.
//
// Thread-safety: Stop() may be called from any thread, once or more.
#include <chrono>
#include <functional>
#include <thread>

#include "common/mutex.h"

namespace zicht::server {

class RetentionJob {
 public:
  static constexpr std::chrono::hours kInterval{24};

  //! Starts the thread; its first run comes after `first_delay`.
  RetentionJob(std::function<void()> run, std::chrono::milliseconds first_delay,
               std::chrono::milliseconds interval = kInterval);
  //! Stops it (waiting for a run in progress).
  ~RetentionJob();
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  void Stop();

 private:
  void Loop(const std::function<void()>& run, std::chrono::milliseconds first_delay,
            std::chrono::milliseconds interval);

  Mutex mu_;
  CondVar cv_;
  bool stopping_ ZICHT_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace zicht::server

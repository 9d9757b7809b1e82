#include "server/retention_job.h"

namespace zicht::server {

RetentionJob::RetentionJob(std::function<void()> run, std::chrono::milliseconds first_delay,
                           std::chrono::milliseconds interval) {
  thread_ = std::thread([this, run = std::move(run), first_delay, interval] { Loop(run, first_delay, interval); });
}

void RetentionJob::Loop(const std::function<void()>& run, std::chrono::milliseconds first_delay,
                        std::chrono::milliseconds interval) {
  auto next = std::chrono::steady_clock::now() + first_delay;
  while (true) {
    {
      MutexLock lock(&mu_);
      // Woken early only by Stop (or spuriously): wait out the rest.
      while (!stopping_ && cv_.WaitUntil(&mu_, next)) {
      }
      if (stopping_) return;
    }
    run();  // without the lock: Stop must be able to ask while a run is on
    next = std::chrono::steady_clock::now() + interval;
  }
}

RetentionJob::~RetentionJob() { Stop(); }

void RetentionJob::Stop() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  if (thread_.joinable()) thread_.join();
}

}  // namespace zicht::server

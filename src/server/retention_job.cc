#include "server/retention_job.h"

namespace zicht::server {

RetentionJob::RetentionJob(std::function<void()> run, std::chrono::milliseconds first_delay,
                           std::chrono::milliseconds interval) {
  thread_ = std::thread([this, run = std::move(run), first_delay, interval] {
    std::chrono::milliseconds wait = first_delay;
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, wait, [this] { return stopping_; })) {
      lock.unlock();
      run();
      lock.lock();
      wait = interval;
    }
  });
}

RetentionJob::~RetentionJob() { Stop(); }

void RetentionJob::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace zicht::server

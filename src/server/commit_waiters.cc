#include "server/commit_waiters.h"

#include <algorithm>

namespace zicht::server {

void CommitWaiters::WhenDurable(uint64_t ticket, std::function<void()> done) {
  {
    MutexLock lock(&mu_);
    if (ticket > durable_) {
      waiters_.emplace_back(ticket, std::move(done));
      return;
    }
  }
  done();
}

void CommitWaiters::MarkDurable(uint64_t ticket) {
  std::vector<std::function<void()>> ready;
  {
    MutexLock lock(&mu_);
    durable_ = std::max(durable_, ticket);
    auto keep = std::partition(waiters_.begin(), waiters_.end(), [durable = durable_](const auto& w) { return w.first > durable; });
    for (auto it = keep; it != waiters_.end(); ++it) ready.push_back(std::move(it->second));
    waiters_.erase(keep, waiters_.end());
  }
  for (auto& f : ready) f();
}

}  // namespace zicht::server

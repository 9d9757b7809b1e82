#include "server/rate_limiter.h"

#include <algorithm>

namespace zicht::server {

bool RateLimiter::Allow(const std::string& client, std::chrono::steady_clock::time_point now) {
  if (rate_ <= 0) return false;
  std::lock_guard<std::mutex> lock(mu_);
  const double capacity = rate_;
  const double per_second = rate_ / 60.0;
  if (buckets_.size() >= kMaxClients && buckets_.find(client) == buckets_.end()) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double secs = std::chrono::duration<double>(now - it->second.last).count();
      if (it->second.tokens + secs * per_second >= capacity) it = buckets_.erase(it); else ++it;
    }
    if (buckets_.size() >= kMaxClients) return false;
  }
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{capacity, now});
  Bucket& b = it->second;
  if (!inserted) {
    double secs = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity, b.tokens + secs * per_second);
    b.last = now;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace zicht::server

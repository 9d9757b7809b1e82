#include "server/key_rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace zicht::server {

bool KeyRateLimiter::Take(std::string_view key_id, int n, Clock::time_point now, int* retry_after_seconds) {
  const double capacity = per_minute_;
  const double per_second = capacity / 60.0;
  MutexLock lock(&mu_);
  auto [it, fresh] = buckets_.try_emplace(std::string(key_id), Bucket{capacity, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity, b.tokens + std::max(0.0, elapsed) * per_second);
    b.last = now;
  }
  if (b.tokens >= n) {
    b.tokens -= n;
    return true;
  }
  if (n > per_minute_ || per_second <= 0) {
    *retry_after_seconds = 60;
  } else {
    *retry_after_seconds = std::max(1, static_cast<int>(std::ceil((n - b.tokens) / per_second)));
  }
  return false;
}

}  // namespace zicht::server

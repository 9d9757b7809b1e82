#include "server/rate_limiter.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

namespace zicht::server {

std::string NetworkPrefix(std::string_view address) {
  std::string text(address);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    const auto* b = reinterpret_cast<const unsigned char*>(&v4.s_addr);
    char out[16];
    std::snprintf(out, sizeof out, "%u.%u.%u", b[0], b[1], b[2]);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    const unsigned char* b = v6.s6_addr;
    char out[24];
    std::snprintf(out, sizeof out, "%02x%02x:%02x%02x:%02x%02x::/48", b[0], b[1], b[2], b[3], b[4], b[5]);
    return out;
  }
  return text;
}

double& RateLimiter::Buckets::Tokens(const std::string& key, Clock::time_point now) {
  const double per_second = capacity_ / 60.0;
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      buckets_.erase(order_.front());
      order_.pop_front();
    }
    order_.push_back(key);
    it = buckets_.emplace(key, Bucket{capacity_, now, std::prev(order_.end())}).first;
    return it->second.tokens;
  }
  Bucket& b = it->second;
  const double seconds = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(capacity_, b.tokens + std::max(0.0, seconds) * per_second);
  b.last = now;
  order_.splice(order_.end(), order_, b.order);  // now the most recently seen
  return b.tokens;
}

RateLimiter::RateLimiter(int rate_per_minute, size_t max_clients)
    : rate_(rate_per_minute),
      addresses_(rate_per_minute, std::max<size_t>(1, max_clients)),
      prefixes_(static_cast<double>(rate_per_minute) * kPrefixFactor, std::max<size_t>(1, max_clients)) {}

bool RateLimiter::Allow(std::string_view client, Clock::time_point now) {
  if (rate_ <= 0) return false;
  MutexLock lock(&mu_);
  double& own = addresses_.Tokens(std::string(client), now);
  double& network = prefixes_.Tokens(NetworkPrefix(client), now);
  if (own < 1.0 || network < 1.0) return false;
  own -= 1.0;
  network -= 1.0;
  return true;
}

}  // namespace zicht::server

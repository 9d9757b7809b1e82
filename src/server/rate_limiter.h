#pragma once
// A token bucket per client address, for the public report form (no API
// key, so abuse is throttled by IP instead). `rate_per_minute` submissions
// are allowed in a burst, refilled evenly over a minute.
//
// Thread-safety: Allow() may be called from any thread (one mutex; the form
// is not a hot path).
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace zicht::server {

class RateLimiter {
 public:
  explicit RateLimiter(int rate_per_minute) : rate_(rate_per_minute) {}

  //! True (and one token taken) when `client` may make a request now.
  bool Allow(const std::string& client, std::chrono::steady_clock::time_point now);

 private:
  // Beyond this many tracked clients, full buckets are forgotten so a scan
  // over many source addresses cannot grow memory without bound.
  static constexpr size_t kMaxClients = 10000;
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  const int rate_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mu_)
};

}  // namespace zicht::server

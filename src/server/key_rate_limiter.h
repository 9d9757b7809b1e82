#pragma once
// A per-API-key rate limit on OPRF evaluations (docs/privacy.md, "Blind
// look-ups"): each evaluation lets a partner learn one token, and an
// unlimited stream of them would let a stolen key enumerate phone numbers
// through the hub. A token bucket per key id holds `per_minute` elements,
// refilled evenly over a minute; a request of n elements takes n, or is
// refused whole (429 with Retry-After) when fewer are left.
//
// Memory: one bucket (~80 B) per key id that has evaluated since start;
// key ids come from the keys file, so the table is bounded by it.
//
// Thread-safety: Take() may be called from any thread (one mutex; an
// evaluation costs ~48 µs of scalar multiplication, the lock ~0.1 µs).
#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/mutex.h"

namespace zicht::server {

class KeyRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit KeyRateLimiter(int per_minute) : per_minute_(per_minute) {}

  //! True (and `n` taken from `key_id`'s bucket) when `n` fit now. When
  //! false, *retry_after_seconds says when they will (≥ 1; n > per_minute:
  //! 60, they never fit one request).
  bool Take(std::string_view key_id, int n, Clock::time_point now, int* retry_after_seconds);

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  const int per_minute_;
  Mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_ ZICHT_GUARDED_BY(mu_);
};

}  // namespace zicht::server

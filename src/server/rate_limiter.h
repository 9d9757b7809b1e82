#pragma once
// Rate limits for the public report form, which has no API key, so abuse is
// throttled by address instead: a token bucket per client address
// (`rate_per_minute` submissions in a burst, refilled evenly over a minute),
// and one per network prefix (/24 for IPv4, /48 for IPv6) with
// kPrefixFactor times that, so that rotating through the addresses of one
// network does not multiply the rate.
//
// Memory is bounded: at most `max_clients` buckets of each kind are kept,
// and when a new client would pass that, the bucket seen least recently is
// forgotten. The earlier limiter refused every new client once its table was
// full: rotating through 50k source addresses made 32 of 40 genuine
// first-time clients get 429. Now a new client always starts with a full
// bucket; a forgotten client has at worst its own bucket refilled early.
//
// Thread-safety: Allow() may be called from any thread (one mutex; the form
// is not a hot path).
#include <chrono>
#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/mutex.h"

namespace zicht::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  //! A network prefix may make this many times an address's rate.
  static constexpr int kPrefixFactor = 10;
  static constexpr size_t kDefaultMaxClients = 100000;

  explicit RateLimiter(int rate_per_minute, size_t max_clients = kDefaultMaxClients);

  //! True (and one token taken from the address's and its prefix's bucket)
  //! when `client` (an IP address in text form) may make a request now.
  bool Allow(std::string_view client, Clock::time_point now);

 private:
  // Token buckets, each key's bucket kept in least-recently-seen order.
  class Buckets {
   public:
    Buckets(double capacity, size_t max_keys) : capacity_(capacity), max_keys_(max_keys) {}
    //! The tokens `key` has at `now` (refilled); creates a full bucket for a
    //! new key, forgetting the least recently seen one when full.
    double& Tokens(const std::string& key, Clock::time_point now);

   private:
    struct Bucket {
      double tokens;
      Clock::time_point last;
      std::list<std::string>::iterator order;
    };
    const double capacity_;
    const size_t max_keys_;
    std::unordered_map<std::string, Bucket> buckets_;
    std::list<std::string> order_;  // least recently seen first
  };

  const int rate_;
  Mutex mu_;
  Buckets addresses_ ZICHT_GUARDED_BY(mu_);
  Buckets prefixes_ ZICHT_GUARDED_BY(mu_);
};

//! The network prefix of an address for rate limiting: "a.b.c" of an IPv4
//! address, the first three 16-bit groups of an IPv6 one; `address` itself
//! when it is neither.
std::string NetworkPrefix(std::string_view address);

}  // namespace zicht::server

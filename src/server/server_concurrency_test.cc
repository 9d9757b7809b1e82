// The server's shared state under concurrent use, for ThreadSanitizer
// (`make test-tsan` runs every test labelled `concurrency`; the clang build
// also checks the lock annotations of these classes with -Wthread-safety).
// Each test also asserts the result that the locking must preserve, so it
// fails without TSan too when the locking is wrong.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "server/connection_limits.h"
#include "server/key_ring.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"

namespace zicht::server {
namespace {

constexpr int kThreads = 4;

// Readers look keys up while the file is reloaded: each sees the old or the
// new table, never a mix, so a key present in both is always found.
TEST(ServerConcurrencyTest, KeyRingLookupsDuringReloads) {
  KeyEntry stable;
  stable.id = "stable";
  stable.partner = "bank";
  stable.sha256 = Sha256Hex("zk_stable");
  stable.purposes = DefaultPurposes(Role::kChecker);
  KeysFile file{{stable}};
  KeyRing ring;
  ring.Replace(file);
  std::atomic<bool> stop{false};
  std::atomic<int> missed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < kThreads; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        if (!ring.Lookup("zk_stable")) ++missed;
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    KeyEntry extra = stable;
    extra.id = "extra" + std::to_string(i);
    extra.sha256 = Sha256Hex("zk_extra" + std::to_string(i));
    ring.Replace(KeysFile{{stable, extra}});
  }
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(missed.load(), 0);
  EXPECT_EQ(ring.size(), 2u);
  EXPECT_GE(ring.generation(), 201u);
}

// Connections opened and closed from every I/O thread: the caps hold and
// the count returns to zero.
TEST(ServerConcurrencyTest, ConnectionLimitsCountExactly) {
  ConnectionLimits limits(1000, 64);
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      AddressKey address{};
      address[15] = static_cast<uint8_t>(t % 2);  // two threads per address
      for (int i = 0; i < 5000; ++i) {
        if (limits.TryAcquire(address)) limits.Release(address); else ++refused;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), 0) << "at most 2 of 64 per address are ever open";
  EXPECT_EQ(limits.total(), 0);
}

// The form's rate limit from many threads: exactly the bucket's tokens are
// handed out, however the calls interleave.
TEST(ServerConcurrencyTest, RateLimiterHandsOutEachTokenOnce) {
  RateLimiter limiter(10);
  const auto now = RateLimiter::Clock::now();
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (limiter.Allow("192.0.2.7", now)) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 10);
}

// Every I/O thread observes requests while /metrics is serialised.
TEST(ServerConcurrencyTest, MetricsObserveWhileSerializing) {
  Metrics metrics;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) metrics.ObserveRequest(MatchRoute(Method::kPost, "/v1/check").route, 200 + (i % 3), 0.0001);
    });
  }
  std::thread scraper([&] {
    GaugeValues g;
    while (!stop.load()) (void)metrics.Serialize(g);
  });
  for (auto& t : threads) t.join();
  stop = true;
  scraper.join();
  const std::string text = metrics.Serialize(GaugeValues{});
  EXPECT_NE(text.find("zicht_http_request_duration_seconds_count{route=\"check\"} 80000"), std::string::npos)
      << text.substr(0, 2000);
}

}  // namespace
}  // namespace zicht::server

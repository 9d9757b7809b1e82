#include "server/query_string.h"

#include <gtest/gtest.h>

#include <chrono>

#include "server/rate_limiter.h"

namespace zicht::server {
namespace {

TEST(QueryStringTest, ParamsAndDecoding) {
  EXPECT_EQ(QueryParam("top=10&format=dot", "format").value_or(""), "dot");
  EXPECT_EQ(QueryParam("top=10&format=dot", "top").value_or(""), "10");
  EXPECT_FALSE(QueryParam("top=10", "format").has_value());
  EXPECT_EQ(QueryParam("id=C%2Dx%20y", "id").value_or(""), "C-x y");
  EXPECT_FALSE(PercentDecode("%4").has_value());
  EXPECT_FALSE(PercentDecode("%zz").has_value());
  EXPECT_FALSE(PercentDecode("%00").has_value());
  std::string_view path, query;
  SplitTarget("/v1/clusters?top=3", &path, &query);
  EXPECT_EQ(path, "/v1/clusters");
  EXPECT_EQ(query, "top=3");
}

TEST(RateLimiterTest, BurstThenRefill) {
  RateLimiter limiter(3);
  auto t0 = std::chrono::steady_clock::time_point{};
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.Allow("5.6.7.8", t0));  // per client
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0 + std::chrono::seconds(20)));  // 3/min → one per 20 s
}

}  // namespace
}  // namespace zicht::server

#include "common/result.h"

#include <gtest/gtest.h>

#include <string>

namespace zicht {
namespace {

Result<int> Parse(bool good) {
  if (good) return 7;
  return Status::InvalidArgument("field 'x' is not a number");
}

TEST(Result, ValueWhenOk) {
  auto r = Parse(true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(*r, 7);
}

TEST(Result, OkStatusWithoutValueBecomesInternal) {
  Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

// Every build defines NDEBUG, so an `assert` would let this read an empty
// optional; the check must abort in release and sanitizer builds alike.
TEST(ResultDeathTest, ValueOnAnErrorAbortsInEveryBuild) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto r = Parse(false);
  EXPECT_DEATH((void)r.value(), "Result::value\\(\\) called on an error: .*field 'x' is not a number");
  EXPECT_DEATH((void)*Parse(false), "called on an error");
  EXPECT_DEATH((void)std::move(r).value(), "called on an error");
  EXPECT_DEATH((void)Result<std::string>(Status::NotFound("gone"))->size(), "gone");
}

}  // namespace
}  // namespace zicht

#include "common/time.h"

#include <gtest/gtest.h>

#include <ctime>
#include <string>

namespace zicht {
namespace {

TEST(ParseRfc3339, DateOnlyIsMidnightUtc) {
  auto t = ParseRfc3339("2024-03-01");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->date_only);
  EXPECT_EQ(t->seconds, 1709251200);
}

TEST(ParseRfc3339, DateTimeWithZoneOffsets) {
  EXPECT_EQ(ParseRfc3339("2024-03-01T10:15:00Z")->seconds, 1709288100);
  EXPECT_EQ(ParseRfc3339("2024-03-01T11:15:00+01:00")->seconds, 1709288100);
  EXPECT_EQ(ParseRfc3339("2024-03-01T10:15:00.123456Z")->seconds, 1709288100);
  EXPECT_EQ(ParseRfc3339("2024-03-01 10:15:00z")->seconds, 1709288100);
}

TEST(ParseRfc3339, RejectsImpossibleDates) {
  EXPECT_FALSE(ParseRfc3339("2024-02-30").ok());
  EXPECT_FALSE(ParseRfc3339("2023-02-29").ok());
  EXPECT_TRUE(ParseRfc3339("2024-02-29").ok());
  EXPECT_FALSE(ParseRfc3339("2024-13-01").ok());
  EXPECT_FALSE(ParseRfc3339("2024-03-01T24:00:00Z").ok());
}

TEST(ParseRfc3339, RejectsMalformedText) {
  for (const char* bad : {"", "2024", "01-03-2024", "2024-03-01T10:15Z", "2024-03-01T10:15:00",
                          "2024-03-01T10:15:00+0100", "2024-03-01T10:15:00Zjunk", "yesterday"}) {
    auto t = ParseRfc3339(bad);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(FormatRfc3339, RoundTrips) {
  EXPECT_EQ(FormatRfc3339(1709288100), "2024-03-01T10:15:00Z");
  EXPECT_EQ(FormatDate(1709288100), "2024-03-01");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59Z");
}

// The hand-written formatter against the C library's gmtime/strftime, over
// leap days, month ends and a century, a day and a prime stride apart.
TEST(FormatRfc3339, AgreesWithStrftime) {
  for (UnixSeconds t = -2208988800; t < 4102444800; t += 86400 * 7 + 3607) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&tt, &tm), nullptr);
    char want[32];
    std::strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
    Rfc3339Chars got = FormatRfc3339Chars(t);
    ASSERT_EQ(std::string(got.data(), got.size()), want) << t;
    ASSERT_EQ(FormatRfc3339(t), want) << t;
    ASSERT_EQ(FormatDate(t), std::string(want, 10)) << t;
  }
  EXPECT_EQ(FormatRfc3339(951782400), "2000-02-29T00:00:00Z");
}

TEST(Status, ContextAndNames) {
  Status s = Status::InvalidArgument("bad").WithContext("line 3");
  EXPECT_EQ(s.ToString(), "invalid_argument: line 3: bad");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

}  // namespace
}  // namespace zicht

#include "barrier/duration.h"

#include <gtest/gtest.h>

namespace zicht::barrier {
namespace {

TEST(IsoDurationTest, ParsesCommonForms) {
  EXPECT_EQ(*ParseIsoDuration("PT4H"), 4 * 3600);
  EXPECT_EQ(*ParseIsoDuration("P1D"), 86400);
  EXPECT_EQ(*ParseIsoDuration("PT30M"), 1800);
  EXPECT_EQ(*ParseIsoDuration("P1DT12H"), 86400 + 12 * 3600);
  EXPECT_EQ(*ParseIsoDuration("P2W"), 14 * 86400);
  EXPECT_EQ(*ParseIsoDuration("PT1H30M15S"), 3600 + 1800 + 15);
  EXPECT_EQ(*ParseIsoDuration("PT0S"), 0);
}

TEST(IsoDurationTest, RejectsMistakes) {
  for (const char* bad : {"", "P", "PT", "4H", "PT4", "P1M", "P1Y", "P4H", "PT4D", "PT30M4H", "PTH", "P1DT", "PT-1H",
                          "PT1.5H", "P1DT1HT1M"}) {
    auto r = ParseIsoDuration(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("ISO 8601"), std::string::npos);
    }
  }
}

TEST(IsoDurationTest, Formats) {
  EXPECT_EQ(FormatIsoDuration(4 * 3600), "PT4H");
  EXPECT_EQ(FormatIsoDuration(86400), "P1D");
  EXPECT_EQ(FormatIsoDuration(86400 + 90), "P1DT1M30S");
  EXPECT_EQ(FormatIsoDuration(0), "PT0S");
}

}  // namespace
}  // namespace zicht::barrier

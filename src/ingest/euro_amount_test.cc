#include "ingest/euro_amount.h"

#include <gtest/gtest.h>

namespace zicht::ingest {
namespace {

int64_t Cents(std::string_view s) {
  auto r = ParseEuroAmountCents(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.status().ToString();
  return r.ok() ? *r : -1;
}

TEST(EuroAmountTest, DutchAsPeopleTypeIt) {
  EXPECT_EQ(Cents("800"), 80000);
  EXPECT_EQ(Cents("800,00"), 80000);
  EXPECT_EQ(Cents("800,5"), 80050);
  EXPECT_EQ(Cents("1.250"), 125000);  // a thousands dot, not € 1,25
  EXPECT_EQ(Cents("1.250,50"), 125050);
  EXPECT_EQ(Cents("1.000.000"), 100000000);
  EXPECT_EQ(Cents("€ 450"), 45000);
  EXPECT_EQ(Cents("€450,-"), 45000);
  EXPECT_EQ(Cents("EUR 1 250,50"), 125050);
  EXPECT_EQ(Cents("450 euro"), 45000);
  EXPECT_EQ(Cents("1\xC2\xA0" "250,50"), 125050);  // a no-break space from a PDF
  EXPECT_EQ(Cents(",50"), 50);
}

TEST(EuroAmountTest, EnglishAndJsonNotationStillRead) {
  EXPECT_EQ(Cents("1250.50"), 125050);
  EXPECT_EQ(Cents("12.5"), 1250);
  EXPECT_EQ(Cents("1,250.50"), 125050);
  EXPECT_EQ(Cents("1,250"), 125000);
  EXPECT_EQ(Cents("0"), 0);
}

TEST(EuroAmountTest, RefusedWithAReason) {
  for (const char* bad : {"", "€", "-5", "+5", "1,2345", "12.34.5", "12.34,5", "1.25.000", "abc", "12,5,0", "1..0",
                          "99999999999999"}) {
    EXPECT_FALSE(ParseEuroAmountCents(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseEuroAmountCents("1,2345").status().message(), "more than two decimals");
}

}  // namespace
}  // namespace zicht::ingest

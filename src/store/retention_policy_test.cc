// Retention periods and the retention file (store/retention_policy.h).
#include "store/retention_policy.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace zicht::store {
namespace {

UnixSeconds At(const char* text) { return ParseRfc3339(text)->seconds; }

TEST(RetentionPeriodTest, ParsesYearsMonthsWeeksDays) {
  auto p = ParseRetentionPeriod("P1Y2M3W4D");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->years, 1);
  EXPECT_EQ(p->months, 2);
  EXPECT_EQ(p->days, 25);
  EXPECT_TRUE(ParseRetentionPeriod("P5Y").ok());
  EXPECT_TRUE(ParseRetentionPeriod("P90D").ok());
}

TEST(RetentionPeriodTest, RefusesWhatIsNotAPeriod) {
  for (const char* bad : {"", "5Y", "P", "P5", "PY", "P5X", "P1D2Y", "P1Y1Y", "PT4H", "P0D", "P-1Y", "P1.5Y",
                          "P99999Y"}) {
    auto p = ParseRetentionPeriod(bad);
    EXPECT_FALSE(p.ok()) << bad;
    if (!p.ok()) {
      EXPECT_NE(p.status().message().find("not a retention period"), std::string::npos);
    }
  }
}

TEST(RetentionPeriodTest, SubtractsInCalendarTermsAndClampsToTheMonthEnd) {
  EXPECT_EQ(SubtractPeriod(At("2026-12-06T21:00:00Z"), *ParseRetentionPeriod("P5Y")), At("2021-12-06T21:00:00Z"));
  EXPECT_EQ(SubtractPeriod(At("2026-03-31T00:00:00Z"), *ParseRetentionPeriod("P1M")), At("2026-02-28T00:00:00Z"));
  EXPECT_EQ(SubtractPeriod(At("2024-02-29T12:00:00Z"), *ParseRetentionPeriod("P1Y")), At("2023-02-28T12:00:00Z"));
  EXPECT_EQ(SubtractPeriod(At("2026-01-15T00:00:00Z"), *ParseRetentionPeriod("P13M")), At("2024-12-15T00:00:00Z"));
  EXPECT_EQ(SubtractPeriod(At("2026-01-15T00:00:00Z"), *ParseRetentionPeriod("P2W1D")), At("2025-12-31T00:00:00Z"));
}

TEST(RetentionPolicyTest, LoadsDefaultAndSources) {
  testutil::TempDir dir;
  std::string path = dir.File("zicht-retention.toml");
  testutil::WriteFile(path, "default = \"P3Y\"\n[sources]\npolitie = \"P5Y\"\nbank = \"P2Y\"\n");
  auto policy = RetentionPolicy::Load(path);
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  ASSERT_TRUE(policy->default_period);
  EXPECT_EQ(policy->default_period->years, 3);
  ASSERT_EQ(policy->by_source.size(), 2u);
  RetentionCutoffs c = policy->CutoffsAt(At("2026-06-01T00:00:00Z"));
  ASSERT_EQ(c.by_source.size(), 2u);
  EXPECT_EQ(c.other, At("2023-06-01T00:00:00Z"));
}

// The message of loading a retention file holding `content`; "" when it loads.
std::string LoadError(const testutil::TempDir& dir, const std::string& content) {
  std::string path = dir.File("r.toml");
  testutil::WriteFile(path, content);
  auto policy = RetentionPolicy::Load(path);
  if (policy.ok()) return "";
  EXPECT_TRUE(policy.status().IsInvalidArgument());
  return policy.status().message();
}

TEST(RetentionPolicyTest, ABadPeriodNamesFileLineAndSource) {
  testutil::TempDir dir;
  std::string e = LoadError(dir, "default = \"P3Y\"\n[sources]\npolitie = \"P5Y\"\nbank = \"P2X\"\n");
  EXPECT_NE(e.find(dir.File("r.toml") + ":4: source 'bank': 'P2X' is not a retention period"), std::string::npos) << e;
}

TEST(RetentionPolicyTest, UnknownKeysAndBadTomlAreErrors) {
  testutil::TempDir dir;
  std::string typo = LoadError(dir, "defualt = \"P3Y\"\n");
  EXPECT_NE(typo.find(":1: unknown key 'defualt'"), std::string::npos) << typo;
  EXPECT_NE(LoadError(dir, "[sources]\npolitie = 5\n").find(":2: source 'politie'"), std::string::npos);
  EXPECT_NE(LoadError(dir, "[sources]\nPolitie = \"P1Y\"\n").find("source 'Politie'"), std::string::npos);
  EXPECT_NE(LoadError(dir, "default = \n"), "");
  EXPECT_FALSE(RetentionPolicy::Load(dir.File("missing.toml")).ok());
}

}  // namespace
}  // namespace zicht::store

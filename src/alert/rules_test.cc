// The alert rules file (alert/rules.h).
#include "alert/rules.h"

#include <gtest/gtest.h>

namespace zicht::alert {
namespace {

TEST(AlertRulesTest, ShippedDefaultsParse) {
  auto rules = LoadAlertRules("");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_TRUE(rules->beneficiary_loss);
  EXPECT_EQ(rules->min_reports, 3) << "the covenant's 'several reports'";
  EXPECT_EQ(rules->min_sources, 1);
  EXPECT_TRUE(rules->mule_candidate);
  EXPECT_EQ(rules->priority_top, 10);
  EXPECT_EQ(rules->delivery.max_attempts, 20);
}

TEST(AlertRulesTest, EditedValuesAndSwitchedOffRules) {
  auto rules = ParseAlertRules("[reports]\nmin_reports = 5\nmin_sources = 2\n[mule_candidate]\nenabled = false\n"
                               "[delivery]\nfirst_retry_ms = 50\nmax_retry_ms = 200\n",
                               "r.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->min_reports, 5);
  EXPECT_EQ(rules->min_sources, 2);
  EXPECT_FALSE(rules->mule_candidate);
  EXPECT_TRUE(rules->beneficiary_loss) << "absent sections keep their defaults";
}

TEST(AlertRulesTest, MistakesNameFileLineAndKey) {
  auto typo = ParseAlertRules("[reports]\nmin_report = 5\n", "r.toml");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().message(), "r.toml:2:1: unknown key 'min_report' in [reports]");
  auto range = ParseAlertRules("[reports]\nmin_reports = 0\n", "r.toml");
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.status().message().find("r.toml:2:"), std::string::npos);
  EXPECT_NE(range.status().message().find("min_reports must be a whole number from 1"), std::string::npos);
  auto section = ParseAlertRules("[mules]\n", "r.toml");
  ASSERT_FALSE(section.ok());
  EXPECT_NE(section.status().message().find("unknown section 'mules'"), std::string::npos);
  auto syntax = ParseAlertRules("[reports\n", "r.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_TRUE(syntax.status().message().starts_with("r.toml:1:")) << syntax.status().message();
  auto backoff = ParseAlertRules("[delivery]\nfirst_retry_ms = 500\nmax_retry_ms = 100\n", "r.toml");
  EXPECT_FALSE(backoff.ok());
}

TEST(DeliveryPolicyTest, ExponentialBackOffIsCapped) {
  DeliveryPolicy p;
  p.first_retry_ms = 1000;
  p.max_retry_ms = 5000;
  EXPECT_EQ(p.BackoffMs(1), 1000);
  EXPECT_EQ(p.BackoffMs(2), 2000);
  EXPECT_EQ(p.BackoffMs(3), 4000);
  EXPECT_EQ(p.BackoffMs(4), 5000);
  EXPECT_EQ(p.BackoffMs(60), 5000) << "no overflow after many attempts";
}

}  // namespace
}  // namespace zicht::alert

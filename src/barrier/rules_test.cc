#include "barrier/rules.h"

#include <gtest/gtest.h>

namespace zicht::barrier {
namespace {

TEST(RulesTest, ShippedDefaultsLoadInJourneyOrder) {
  auto rules = DefaultRules();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  std::vector<std::string> names;
  for (const auto& b : rules->barriers) names.push_back(b.name + "=" + b.reason);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "persuasion.night_transfer_new_beneficiary=NIGHT_TRANSFER_NEW_BENEFICIARY",
                       "account_takeover.account_takeover=ACCOUNT_TAKEOVER",
                       "account_takeover.known_device=DEVICE_KNOWN_FRAUD",
                       "payment.cooling_off=COOLING_OFF",
                       "payment.daily_limit=DAILY_LIMIT",
                       "cash_out.known_beneficiary=BENEFICIARY_KNOWN_FRAUD",
                   }));
  const Barrier* limit = rules->Find(BarrierKind::kDailyLimit);
  ASSERT_NE(limit, nullptr);
  EXPECT_EQ(limit->limit_cents, 200000);
  EXPECT_EQ(limit->action, Action::kBlock);
  const Barrier* cooling = rules->Find(BarrierKind::kCoolingOff);
  ASSERT_NE(cooling, nullptr);
  EXPECT_EQ(cooling->period_seconds, 4 * 3600);
  EXPECT_EQ(cooling->action, Action::kDelay);
  const Barrier* ato = rules->Find(BarrierKind::kAccountTakeover);
  ASSERT_NE(ato, nullptr);
  EXPECT_EQ(ato->window_seconds, 24 * 3600);
  EXPECT_EQ(ato->min_amount_cents, 100000);
  EXPECT_EQ(ato->action, Action::kDelay);
  EXPECT_EQ(ato->both_action, Action::kBlock);
  const Barrier* iban = rules->Find(BarrierKind::kKnownBeneficiary);
  ASSERT_NE(iban, nullptr);
  EXPECT_EQ(iban->on_risk[static_cast<int>(RiskLevel::kHigh)], Action::kDelay);
  EXPECT_EQ(iban->on_risk[static_cast<int>(RiskLevel::kMedium)], Action::kWarn);
  EXPECT_EQ(iban->on_risk[static_cast<int>(RiskLevel::kLow)], Action::kAllow);
}

TEST(RulesTest, DisabledBarriersAreLeftOut) {
  auto rules = ParseRules("[payment.daily_limit]\nenabled = false\n[payment.cooling_off]\nperiod = \"PT1H\"\n", "r.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->barriers.size(), 1u);
  EXPECT_EQ(rules->barriers[0].period_seconds, 3600);
}

TEST(RulesTest, CustomBarrierWithReasonAndDelay) {
  auto rules = ParseRules(
      "[persuasion.big_night]\n"
      "when = \"amount > 2500 and hour in 0..6\"\n"
      "action = \"delay\"\n"
      "delay = \"PT2H\"\n"
      "reason = \"NIGHT\"\n",
      "r.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->barriers.size(), 1u);
  EXPECT_EQ(rules->barriers[0].kind, BarrierKind::kCustom);
  EXPECT_EQ(rules->barriers[0].reason, "NIGHT");
  EXPECT_EQ(rules->barriers[0].delay_seconds, 7200);
}

struct ErrorCase {
  std::string toml;
  std::string expected;  // the whole message
};

TEST(RulesTest, ErrorsNameFileLineColumnAndBarrier) {
  const ErrorCase cases[] = {
      {"[payment.daily_limit]\nlimit_eur = 2000\n[persuasion.night]\nwhen = \"amout > 2500\"\naction = \"warn\"\n",
       "rules.toml:4:9: persuasion.night.when: unknown field 'amout' (fields: amount, hour, account.daily_limit, "
       "account.pending_limit, account.spent_today, minutes_since_contact_change, minutes_since_new_device, "
       "minutes_since_limit_change, beneficiary.new, device.new, beneficiary.iban_risk, device.risk, channel)"},
      {"[persuasion.night]\nwhen = \"amount > 2500 and\"\naction = \"warn\"\n",
       "rules.toml:2:26: persuasion.night.when: condition ends too early"},
      {"[persuasion.night]\nwhen = '''\namount > 2500 and\n  hour in 0 6'''\naction = \"warn\"\n",
       "rules.toml:4:13: persuasion.night.when: expected '..' in a range like 0..6"},
      {"[payment.cooling_off]\nperiod = \"4 hours\"\n",
       "rules.toml:2:10: payment.cooling_off.period: invalid ISO 8601 duration '4 hours': expected e.g. PT4H, P1D or PT30M"},
      {"[payment.daily_limit]\naction = \"stop\"\n",
       "rules.toml:2:10: payment.daily_limit.action: must be one of allow, warn, delay, block"},
      {"[payment.daily_limit]\nlimit_eur = -5\n",
       "rules.toml:2:13: payment.daily_limit.limit_eur: must be a number of euro ≥ 0"},
      {"[payment.cooling_off]\nperod = \"PT4H\"\n",
       "rules.toml:2:1: payment.cooling_off: unknown parameter 'perod' (allowed: enabled, action, period)"},
      {"[payment.speed_limit]\naction = \"block\"\n",
       "rules.toml:1:1: payment.speed_limit: unknown barrier 'speed_limit' (built-in: daily_limit, cooling_off, "
       "known_beneficiary, known_device, account_takeover; a custom barrier needs `when`)"},
      {"[payments.daily_limit]\n",
       "rules.toml:1:2: unknown section 'payments' (stages: contact, persuasion, account_takeover, payment, cash_out)"},
      {"[persuasion.x]\nwhen = \"amount > 1\"\naction = \"delay\"\n",
       "rules.toml:1:1: persuasion.x: action \"delay\" needs `delay` (how long, e.g. \"PT1H\")"},
      {"[persuasion.x]\nwhen = \"amount > 1\"\n",
       "rules.toml:1:1: persuasion.x: a custom barrier needs `action` (allow, warn, delay, block)"},
  };
  for (const auto& c : cases) {
    auto rules = ParseRules(c.toml, "rules.toml");
    ASSERT_FALSE(rules.ok()) << c.toml;
    EXPECT_EQ(rules.status().message(), c.expected) << c.toml;
  }
}

TEST(RulesTest, TomlSyntaxErrorHasPosition) {
  auto rules = ParseRules("[payment.daily_limit]\nlimit_eur = = 2000\n", "rules.toml");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().message().rfind("rules.toml:2:", 0), 0u) << rules.status().message();
}

TEST(RulesTest, MissingFileIsIOError) {
  auto rules = LoadRulesFile("/nonexistent/rules.toml");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace zicht::barrier

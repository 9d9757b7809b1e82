// Scenario tests for every shipped barrier, with exact decisions and times.
#include "barrier/engine.h"

#include <gtest/gtest.h>

#include "barrier/decision_json.h"
#include "barrier/test_risk_source.h"

namespace zicht::barrier {
namespace {

constexpr const char* kIban = "NL91ABNA0417164300";

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { UseRules(DefaultRules()); }

  void UseRules(Result<RuleSet> rules) {
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    engine_ = std::make_unique<Engine>(std::move(rules).value(), *DutchTimeZone::Load(), &risk_);
  }

  void Send(const std::string& json) {
    auto event = ParseEvent(json);
    ASSERT_TRUE(event.ok()) << event.status().ToString() << " in " << json;
    Decision decision;
    EXPECT_FALSE(engine_->Apply(*event, &decision)) << json;
  }

  // The decision JSON for a payment, as `zicht evaluate` prints it.
  std::string Pay(const std::string& at, double amount, bool new_beneficiary = false, const std::string& device = "",
                  const std::string& iban = kIban, const std::string& account = "A1") {
    std::string json = "{\"type\":\"payment\",\"account\":\"" + account + "\",\"at\":\"" + at +
                       "\",\"amount_eur\":" + std::to_string(amount) + ",\"beneficiary_iban\":\"" + iban +
                       "\",\"new_beneficiary\":" + (new_beneficiary ? "true" : "false");
    if (!device.empty()) json += ",\"device\":\"" + device + "\"";
    json += "}";
    auto event = ParseEvent(json);
    EXPECT_TRUE(event.ok()) << event.status().ToString();
    if (!event.ok()) return "";
    Decision decision;
    EXPECT_TRUE(engine_->Apply(*event, &decision));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    WriteDecisionJson(engine_->rules(), *event, decision, w);
    return buffer.GetString();
  }

  static std::string Expect(const std::string& at, const std::string& decision, const std::string& reasons,
                            const std::string& until = "", const std::string& account = "A1") {
    std::string out = "{\"account\":\"" + account + "\",\"at\":\"" + at + "\",\"decision\":\"" + decision + "\"";
    if (!until.empty()) out += ",\"until\":\"" + until + "\"";
    return out + ",\"reasons\":[" + reasons + "]}";
  }

  MapRiskSource risk_;
  std::unique_ptr<Engine> engine_;
};

// The issue's scenario: limit raised from €2,000 to €10,000 at 10:00 with a
// PT4H cooling-off.
TEST_F(EngineTest, RaisedLimitCoolsOffFourHours) {
  Send(R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:00:00Z","old_limit_eur":2000,"new_limit_eur":10000})");
  EXPECT_EQ(Pay("2024-05-01T11:00:00Z", 5000),
            Expect("2024-05-01T11:00:00Z", "delay", "\"COOLING_OFF\"", "2024-05-01T14:00:00Z"));
  EXPECT_EQ(Pay("2024-05-01T11:00:00Z", 1500), Expect("2024-05-01T11:00:00Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-01T14:30:00Z", 5000), Expect("2024-05-01T14:30:00Z", "allow", ""));
}

TEST_F(EngineTest, OverEvenTheRaisedLimitIsBlocked) {
  Send(R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:00:00Z","old_limit_eur":2000,"new_limit_eur":10000})");
  EXPECT_EQ(Pay("2024-05-01T11:00:00Z", 12000), Expect("2024-05-01T11:00:00Z", "block", "\"DAILY_LIMIT\""));
  // The cooling-off counts from the latest raise.
  Send(R"({"type":"limit_change","account":"A1","at":"2024-05-01T12:00:00Z","new_limit_eur":20000})");
  EXPECT_EQ(Pay("2024-05-01T15:00:00Z", 12000),
            Expect("2024-05-01T15:00:00Z", "delay", "\"COOLING_OFF\"", "2024-05-01T16:00:00Z"));
  EXPECT_EQ(Pay("2024-05-01T16:00:00Z", 12000), Expect("2024-05-01T16:00:00Z", "allow", ""));
}

// Dutch days (issue 12): €1,900 at 01:30 and €1,900 at 02:30 CEST fall on
// one Dutch day (2 May) but on two UTC days (1 and 2 May); together they
// pass the €2,000 limit.
TEST_F(EngineTest, DailyLimitCountsTheDutchDay) {
  EXPECT_EQ(Pay("2024-05-01T23:30:00Z", 1900), Expect("2024-05-01T23:30:00Z", "allow", ""));  // 01:30 CEST
  EXPECT_EQ(Pay("2024-05-02T00:30:00Z", 1900), Expect("2024-05-02T00:30:00Z", "block", "\"DAILY_LIMIT\""));
}

// Midnight edges: 23:59:59 and 00:00:00 Dutch time are two days (one UTC
// day: 21:59:59Z and 22:00:00Z in summer, 22:59:59Z and 23:00:00Z in winter).
TEST_F(EngineTest, DutchMidnightStartsANewDay) {
  EXPECT_EQ(Pay("2024-05-01T21:59:59Z", 1900), Expect("2024-05-01T21:59:59Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-01T22:00:00Z", 1900), Expect("2024-05-01T22:00:00Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-01T22:00:01Z", 200), Expect("2024-05-01T22:00:01Z", "block", "\"DAILY_LIMIT\""));
  EXPECT_EQ(Pay("2024-12-01T22:59:59Z", 1900, false, "", kIban, "W"), Expect("2024-12-01T22:59:59Z", "allow", "", "", "W"));
  EXPECT_EQ(Pay("2024-12-01T23:00:00Z", 1900, false, "", kIban, "W"), Expect("2024-12-01T23:00:00Z", "allow", "", "", "W"));
  EXPECT_EQ(Pay("2024-12-01T23:30:00Z", 200, false, "", kIban, "W"),
            Expect("2024-12-01T23:30:00Z", "block", "\"DAILY_LIMIT\"", "", "W"));
}

// The last Sunday of March has 23 hours: 00:00 CET (23:00Z the day before)
// to 24:00 CEST (22:00Z). One day, one limit.
TEST_F(EngineTest, DailyLimitOnTheShortDstDay) {
  EXPECT_EQ(Pay("2024-03-30T22:59:59Z", 1900), Expect("2024-03-30T22:59:59Z", "allow", ""));  // Sat 23:59:59 CET
  EXPECT_EQ(Pay("2024-03-30T23:00:00Z", 1900), Expect("2024-03-30T23:00:00Z", "allow", ""));  // Sun 00:00 CET
  EXPECT_EQ(Pay("2024-03-31T21:59:59Z", 200), Expect("2024-03-31T21:59:59Z", "block", "\"DAILY_LIMIT\""));
  EXPECT_EQ(Pay("2024-03-31T22:00:00Z", 1900), Expect("2024-03-31T22:00:00Z", "allow", ""));  // Mon 00:00 CEST
}

// The last Sunday of October has 25 hours: 00:00 CEST (22:00Z the day
// before) to 24:00 CET (23:00Z).
TEST_F(EngineTest, DailyLimitOnTheLongDstDay) {
  EXPECT_EQ(Pay("2024-10-26T21:59:59Z", 1900), Expect("2024-10-26T21:59:59Z", "allow", ""));  // Sat 23:59:59 CEST
  EXPECT_EQ(Pay("2024-10-26T22:00:00Z", 1900), Expect("2024-10-26T22:00:00Z", "allow", ""));  // Sun 00:00 CEST
  EXPECT_EQ(Pay("2024-10-27T22:59:59Z", 200), Expect("2024-10-27T22:59:59Z", "block", "\"DAILY_LIMIT\""));
  EXPECT_EQ(Pay("2024-10-27T23:00:00Z", 1900), Expect("2024-10-27T23:00:00Z", "allow", ""));  // Mon 00:00 CET
}

// A daily limit's delay ends at the next Dutch midnight, also across DST.
TEST_F(EngineTest, DailyLimitDelayEndsAtDutchMidnight) {
  UseRules(ParseRules("[payment.daily_limit]\nlimit_eur = 2000\naction = \"delay\"\n", "rules.toml"));
  EXPECT_EQ(Pay("2024-03-31T10:00:00Z", 2500), Expect("2024-03-31T10:00:00Z", "delay", "\"DAILY_LIMIT\"",
                                                      "2024-03-31T22:00:00Z"));
  EXPECT_EQ(Pay("2024-10-27T10:00:00Z", 2500), Expect("2024-10-27T10:00:00Z", "delay", "\"DAILY_LIMIT\"",
                                                      "2024-10-27T23:00:00Z"));
}

// `hour` is the Dutch clock: on the October day 02:00–03:00 happens twice
// (00:xxZ CEST and 01:xxZ CET), on the March day never.
TEST_F(EngineTest, HourIsTheDutchClockAcrossDst) {
  UseRules(ParseRules("[persuasion.two_oclock]\nwhen = \"hour in 2..2\"\naction = \"warn\"\n", "rules.toml"));
  const std::string kWarn = "\"TWO_OCLOCK\"";
  EXPECT_EQ(Pay("2024-10-27T00:30:00Z", 10), Expect("2024-10-27T00:30:00Z", "warn", kWarn));  // 02:30 CEST
  EXPECT_EQ(Pay("2024-10-27T01:30:00Z", 10), Expect("2024-10-27T01:30:00Z", "warn", kWarn));  // 02:30 CET
  EXPECT_EQ(Pay("2024-10-27T02:30:00Z", 10), Expect("2024-10-27T02:30:00Z", "allow", ""));    // 03:30 CET
  EXPECT_EQ(Pay("2024-03-31T00:59:59Z", 10), Expect("2024-03-31T00:59:59Z", "allow", ""));    // 01:59:59 CET
  EXPECT_EQ(Pay("2024-03-31T01:00:00Z", 10), Expect("2024-03-31T01:00:00Z", "allow", ""));    // 03:00 CEST
  EXPECT_EQ(Pay("2024-07-01T00:15:00Z", 10), Expect("2024-07-01T00:15:00Z", "warn", kWarn));  // 02:15 CEST
  EXPECT_EQ(Pay("2024-01-15T01:15:00Z", 10), Expect("2024-01-15T01:15:00Z", "warn", kWarn));  // 02:15 CET
}

TEST_F(EngineTest, LoweredLimitAppliesAtOnceAndCancelsAPendingRaise) {
  Send(R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:00:00Z","new_limit_eur":10000})");
  Send(R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:05:00Z","new_limit_eur":500})");
  EXPECT_EQ(Pay("2024-05-01T15:00:00Z", 600), Expect("2024-05-01T15:00:00Z", "block", "\"DAILY_LIMIT\""));
  EXPECT_EQ(Pay("2024-05-01T15:00:00Z", 500), Expect("2024-05-01T15:00:00Z", "allow", ""));
}

// Rolls over at Dutch midnight: 22:00Z in May (CEST).
TEST_F(EngineTest, DailyLimitBlocksAndRollsOverAtDutchMidnight) {
  EXPECT_EQ(Pay("2024-05-01T09:00:00Z", 1500), Expect("2024-05-01T09:00:00Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 600), Expect("2024-05-01T10:00:00Z", "block", "\"DAILY_LIMIT\""));
  // The blocked payment did not count: exactly reaching the limit is allowed.
  EXPECT_EQ(Pay("2024-05-01T11:00:00Z", 500), Expect("2024-05-01T11:00:00Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-01T21:59:59Z", 0.01), Expect("2024-05-01T21:59:59Z", "block", "\"DAILY_LIMIT\""));
  EXPECT_EQ(Pay("2024-05-01T22:00:00Z", 2000), Expect("2024-05-01T22:00:00Z", "allow", ""));
  // Another account has its own limit.
  EXPECT_EQ(Pay("2024-05-01T22:00:00Z", 2000, false, "", kIban, "B7"),
            Expect("2024-05-01T22:00:00Z", "allow", "", "", "B7"));
}

TEST_F(EngineTest, DelayedPaymentDoesNotCountTowardSpent) {
  Send(R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:00:00Z","old_limit_eur":2000,"new_limit_eur":3000})");
  EXPECT_EQ(Pay("2024-05-01T10:30:00Z", 2500),
            Expect("2024-05-01T10:30:00Z", "delay", "\"COOLING_OFF\"", "2024-05-01T14:00:00Z"));
  EXPECT_EQ(Pay("2024-05-01T10:45:00Z", 2000), Expect("2024-05-01T10:45:00Z", "allow", ""));
}

TEST_F(EngineTest, AccountTakeoverNewDeviceBeforeLargePaymentToNewBeneficiary) {
  // A high limit, so the daily limit stays out of this test.
  Send(R"({"type":"limit_change","account":"A1","at":"2024-04-01T00:00:00Z","new_limit_eur":100000})");
  Send(R"({"type":"login","account":"A1","at":"2024-05-01T08:00:00Z","device":"fp:home"})");  // baseline
  EXPECT_EQ(Pay("2024-05-01T08:30:00Z", 1500, true, "fp:home"), Expect("2024-05-01T08:30:00Z", "allow", ""));
  Send(R"({"type":"login","account":"A1","at":"2024-05-01T09:00:00Z","device":"fp:other"})");  // new device
  EXPECT_EQ(Pay("2024-05-02T09:00:00Z", 1000, true, "fp:other"),
            Expect("2024-05-02T09:00:00Z", "delay", "\"ACCOUNT_TAKEOVER\"", "2024-05-03T09:00:00Z"));
  // Small payment, or a known beneficiary: no takeover pattern.
  EXPECT_EQ(Pay("2024-05-02T09:00:00Z", 999.99, true, "fp:other"), Expect("2024-05-02T09:00:00Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-02T09:00:00Z", 1000, false, "fp:other"), Expect("2024-05-02T09:00:00Z", "allow", ""));
  // Outside the PT24H window.
  EXPECT_EQ(Pay("2024-05-02T09:00:01Z", 1000, true, "fp:other"), Expect("2024-05-02T09:00:01Z", "allow", ""));
}

TEST_F(EngineTest, AccountTakeoverNewDeviceAtPaymentAndContactChangeBlocks) {
  Send(R"({"type":"login","account":"A1","at":"2024-05-01T08:00:00Z","device":"fp:home"})");
  Send(R"({"type":"contact_change","account":"A1","at":"2024-05-01T08:10:00Z","field":"phone"})");
  EXPECT_EQ(Pay("2024-05-01T09:00:00Z", 1200, true, "fp:home"),
            Expect("2024-05-01T09:00:00Z", "delay", "\"ACCOUNT_TAKEOVER\"", "2024-05-02T09:00:00Z"));
  // A device never seen before on the account, at the payment itself, plus
  // the contact change: both signals → block.
  EXPECT_EQ(Pay("2024-05-01T09:30:00Z", 1200, true, "fp:new"),
            Expect("2024-05-01T09:30:00Z", "block", "\"ACCOUNT_TAKEOVER\""));
}

TEST_F(EngineTest, KnownBeneficiaryIbanByRisk) {
  risk_.Set(model::IdentifierKind::kIban, "NL02ABNA0123456789", RiskLevel::kHigh);
  risk_.Set(model::IdentifierKind::kIban, "NL44RABO0123456789", RiskLevel::kMedium);
  risk_.Set(model::IdentifierKind::kIban, "NL69INGB0123456789", RiskLevel::kLow);
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 100, false, "", "NL02ABNA0123456789"),
            Expect("2024-05-01T10:00:00Z", "delay", "\"BENEFICIARY_KNOWN_FRAUD\"", "2024-05-02T10:00:00Z"));
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 100, false, "", "NL44RABO0123456789"),
            Expect("2024-05-01T10:00:00Z", "warn", "\"BENEFICIARY_KNOWN_FRAUD\""));
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 100, false, "", "NL69INGB0123456789"),
            Expect("2024-05-01T10:00:00Z", "allow", ""));
}

TEST_F(EngineTest, KnownDeviceByRisk) {
  risk_.Set(model::IdentifierKind::kDevice, "fp:bad", RiskLevel::kHigh);
  risk_.Set(model::IdentifierKind::kDevice, "fp:meh", RiskLevel::kMedium);
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 100, false, "fp:bad"),
            Expect("2024-05-01T10:00:00Z", "delay", "\"DEVICE_KNOWN_FRAUD\"", "2024-05-02T10:00:00Z"));
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 100, false, "fp:meh"),
            Expect("2024-05-01T10:00:00Z", "warn", "\"DEVICE_KNOWN_FRAUD\""));
}

TEST_F(EngineTest, StrictestDecisionWinsAndAllReasonsAreGiven) {
  risk_.Set(model::IdentifierKind::kIban, "NL02ABNA0123456789", RiskLevel::kHigh);
  risk_.Set(model::IdentifierKind::kDevice, "fp:meh", RiskLevel::kMedium);
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 2500, false, "fp:meh", "NL02ABNA0123456789"),
            Expect("2024-05-01T10:00:00Z", "block", "\"DEVICE_KNOWN_FRAUD\",\"DAILY_LIMIT\",\"BENEFICIARY_KNOWN_FRAUD\""));
}

TEST_F(EngineTest, ShippedNightRuleWarns) {
  Send(R"({"type":"limit_change","account":"A1","at":"2024-04-30T00:00:00Z","new_limit_eur":10000})");
  EXPECT_EQ(Pay("2024-05-01T03:00:00Z", 2500, true),
            Expect("2024-05-01T03:00:00Z", "warn", "\"NIGHT_TRANSFER_NEW_BENEFICIARY\""));
  EXPECT_EQ(Pay("2024-05-01T06:00:00Z", 2500, true), Expect("2024-05-01T06:00:00Z", "allow", ""));
}

TEST_F(EngineTest, BeneficiaryBecomesKnownAfterAnAllowedPayment) {
  UseRules(ParseRules(R"([persuasion.first_payment]
when = "beneficiary.new"
action = "warn"
)", "t.toml"));
  auto pay = [&](const char* at) {
    auto event = ParseEvent(std::string(R"({"type":"payment","account":"A1","at":")") + at +
                            R"(","amount_eur":10,"beneficiary_iban":"NL91 ABNA 0417 1643 00"})");
    Decision d;
    EXPECT_TRUE(engine_->Apply(*event, &d));
    return d.action;
  };
  EXPECT_EQ(pay("2024-05-01T10:00:00Z"), Action::kWarn);
  EXPECT_EQ(pay("2024-05-01T10:01:00Z"), Action::kAllow);
}

TEST_F(EngineTest, CustomRulesOverAccountState) {
  UseRules(ParseRules(R"(
[payment.daily_limit]
limit_eur = 5000
[persuasion.most_of_the_limit]
when = "amount + account.spent_today > account.daily_limit * 0.8"
action = "warn"
[account_takeover.fresh_contact]
when = "minutes_since_contact_change < 30 and channel == 'web'"
action = "delay"
delay = "PT2H"
reason = "FRESH_CONTACT_WEB"
[cash_out.risky_iban_big]
when = "beneficiary.iban_risk == 'medium' and amount > 100"
action = "block"
)", "t.toml"));
  risk_.Set(model::IdentifierKind::kIban, "NL44RABO0123456789", RiskLevel::kMedium);
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 3000), Expect("2024-05-01T10:00:00Z", "allow", ""));
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 1001), Expect("2024-05-01T10:00:00Z", "warn", "\"MOST_OF_THE_LIMIT\""));
  EXPECT_EQ(Pay("2024-05-01T10:00:00Z", 200, false, "", "NL44RABO0123456789"),
            Expect("2024-05-01T10:00:00Z", "block", "\"MOST_OF_THE_LIMIT\",\"RISKY_IBAN_BIG\""));
  Send(R"({"type":"contact_change","account":"W","at":"2024-05-01T10:00:00Z","field":"email"})");
  auto web = ParseEvent(R"({"type":"payment","account":"W","at":"2024-05-01T10:29:00Z","amount_eur":10,"beneficiary_iban":"X","new_beneficiary":false,"channel":"web"})");
  Decision d;
  ASSERT_TRUE(engine_->Apply(*web, &d));
  EXPECT_EQ(d.action, Action::kDelay);
  EXPECT_EQ(FormatRfc3339(d.until), "2024-05-01T12:29:00Z");
  ASSERT_EQ(d.fired_count, 1);
  EXPECT_EQ(engine_->ReasonCode(d.fired[0].barrier), "FRESH_CONTACT_WEB");
}

TEST_F(EngineTest, TallyCountsPerBarrierAndDecision) {
  DecisionTally tally(engine_->rules());
  auto event = ParseEvent(R"({"type":"payment","account":"A1","at":"2024-05-01T10:00:00Z","amount_eur":3000,"beneficiary_iban":"X"})");
  Decision d;
  ASSERT_TRUE(engine_->Apply(*event, &d));
  tally.Add(d);
  EXPECT_EQ(tally.payments(), 1);
  EXPECT_EQ(tally.count(Action::kBlock), 1);
  EXPECT_NE(tally.Text().find("payments 1: allow 0, warn 0, delay 0, block 1\n"), std::string::npos) << tally.Text();
  EXPECT_NE(tally.Text().find("DAILY_LIMIT (payment.daily_limit): block 1\n"), std::string::npos) << tally.Text();
}

TEST(EventTest, ErrorsNameTheField) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"account":"A","at":"2024-05-01T10:00:00Z"})", "type: missing"},
      {R"({"type":"transfer","account":"A","at":"2024-05-01T10:00:00Z"})",
       "type: unknown event type 'transfer' (login, contact_change, limit_change, payment)"},
      {R"({"type":"login","at":"2024-05-01T10:00:00Z","device":"d"})", "account: missing"},
      {R"({"type":"login","account":"A","at":"2024-05-01","device":"d"})", "at: needs a date-time, not only a date"},
      {R"({"type":"login","account":"A","at":"2024-05-01T10:00:00Z"})", "device: missing"},
      {R"({"type":"limit_change","account":"A","at":"2024-05-01T10:00:00Z"})", "new_limit_eur: missing"},
      {R"({"type":"payment","account":"A","at":"2024-05-01T10:00:00Z","amount_eur":0,"beneficiary_iban":"X"})",
       "amount_eur: must be a number > 0"},
      {R"({"type":"payment","account":"A","at":"2024-05-01T10:00:00Z","amount_eur":"5","beneficiary_iban":"X"})",
       "amount_eur: must be a number (euro)"},
      {R"({"type":"payment","account":"A","at":"2024-05-01T10:00:00Z","amount_eur":5})", "beneficiary_iban: missing"},
      {R"({"type":"payment","account":"A","at":"2024-05-01T10:00:00Z","amount_eur":5,"beneficiary_iban":"X","new_beneficiary":"yes"})",
       "new_beneficiary: must be true or false"},
      {R"([1])", "event: must be a JSON object"},
  };
  for (const auto& c : cases) {
    auto event = ParseEvent(c.json);
    ASSERT_FALSE(event.ok()) << c.json;
    EXPECT_EQ(event.status().message(), c.message) << c.json;
  }
  auto bad_time = ParseEvent(R"({"type":"login","account":"A","at":"2024-02-30T10:00:00Z","device":"d"})");
  ASSERT_FALSE(bad_time.ok());
  EXPECT_EQ(bad_time.status().message().rfind("at: ", 0), 0u);
}

}  // namespace
}  // namespace zicht::barrier

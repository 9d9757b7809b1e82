// Every rejection reason and default of the validator (docs/design.md, "Data
// model" and "Ingest guarantees"), through the JSON-line parser.
#include "ingest/validator.h"

#include <gtest/gtest.h>

#include "ingest/json_line.h"

namespace zicht::ingest {
namespace {

constexpr const char* kGood =
    R"({"id":"FHD-1","source":"fraudehelpdesk","reported_at":"2024-03-01T10:15:00Z","fraud_type":"hulpvraagfraude")";

class ValidatorTest : public ::testing::Test {
 protected:
  // Parses kGood + `extra` + "}".
  std::optional<FieldError> ParseWith(const std::string& extra) { return Parse(std::string(kGood) + extra + "}"); }
  std::optional<FieldError> Parse(const std::string& line) { return parser_.Parse(line, &out_); }
  void ExpectRejected(const std::string& line, const std::string& field, const std::string& reason_part) {
    auto err = Parse(line);
    ASSERT_TRUE(err.has_value()) << line;
    EXPECT_EQ(err->field, field) << line;
    EXPECT_NE(err->reason.find(reason_part), std::string::npos) << err->reason;
  }
  // `json` is a full object with the field under test replaced.
  std::string Without(const std::string& field) {
    std::string all = std::string(kGood) + "}";
    size_t at = all.find("\"" + field + "\"");
    size_t end = all.find(',', at);
    if (end == std::string::npos) end = all.find('}', at);
    else ++end;
    all.erase(at, end - at);
    if (all[all.size() - 2] == ',') all.erase(all.size() - 2, 1);
    return all;
  }
  JsonLineParser parser_;
  ValidatedReport out_;
};

TEST_F(ValidatorTest, MinimalReportAndDefaults) {
  ASSERT_FALSE(ParseWith(""));
  const model::Report& r = out_.report;
  EXPECT_EQ(r.key.source, "fraudehelpdesk");
  EXPECT_EQ(r.key.id, "FHD-1");
  EXPECT_EQ(r.reported_at, "2024-03-01T10:15:00Z");
  EXPECT_EQ(r.reported_at_seconds, 1709288100);
  EXPECT_EQ(r.fraud_type, model::FraudType::kHulpvraagfraude);
  EXPECT_EQ(r.outcome, model::Outcome::kAttempt) << "no damage → attempt";
  EXPECT_FALSE(r.damage_cents);
  EXPECT_FALSE(r.channel);
  EXPECT_TRUE(r.identifiers.empty());
  EXPECT_TRUE(out_.unknown_fields.empty());
}

TEST_F(ValidatorTest, FullReport) {
  ASSERT_FALSE(ParseWith(R"(,"occurred_at":"2024-02-28","outcome":"loss","damage_eur":2450.00,"channel":"whatsapp",
    "victim":{"age_band":"65-74","region":"NL-OV"},"text":"Hoi mam",
    "identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00","role":"beneficiary"},
                   {"kind":"phone","value":"020 123 4567","role":"spoofed"}])"));
  const model::Report& r = out_.report;
  EXPECT_EQ(r.occurred_at, "2024-02-28");
  EXPECT_EQ(r.damage_cents, 245000);
  EXPECT_EQ(r.outcome, model::Outcome::kLoss);
  EXPECT_EQ(r.channel, model::Channel::kWhatsapp);
  EXPECT_EQ(r.victim.age_band, model::AgeBand::k65To74);
  EXPECT_EQ(r.victim.region, model::Region::kOV);
  EXPECT_EQ(r.text, "Hoi mam");
  ASSERT_EQ(r.identifiers.size(), 2u);
  EXPECT_EQ(r.identifiers[0].value, "NL91 ABNA 0417 1643 00") << "raw value kept";
  EXPECT_EQ(r.identifiers[0].canonical, "NL91ABNA0417164300");
  EXPECT_TRUE(r.identifiers[0].valid);
  EXPECT_EQ(r.identifiers[1].role, model::Role::kSpoofed);
  EXPECT_EQ(out_.invalid_identifiers, 0);
}

TEST_F(ValidatorTest, OutcomeDefaultsToLossWhenDamagePositive) {
  ASSERT_FALSE(ParseWith(R"(,"damage_eur":0.01)"));
  EXPECT_EQ(out_.report.outcome, model::Outcome::kLoss);
  ASSERT_FALSE(ParseWith(R"(,"damage_eur":0)"));
  EXPECT_EQ(out_.report.outcome, model::Outcome::kAttempt);
  ASSERT_FALSE(ParseWith(R"(,"damage_eur":100,"outcome":"attempt")"));
  EXPECT_EQ(out_.report.outcome, model::Outcome::kAttempt) << "an explicit outcome wins";
}

TEST_F(ValidatorTest, RoleDefaultsByKind) {
  ASSERT_FALSE(ParseWith(R"(,"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"},
      {"kind":"phone","value":"0612345678"},{"kind":"email","value":"a@b.nl"},{"kind":"url","value":"https://x.nl/"},
      {"kind":"device","value":"fp:1"},{"kind":"handle","value":"@x"},{"kind":"crypto","value":"bc1qxyz"}])"));
  using model::Role;
  std::vector<Role> want{Role::kBeneficiary, Role::kContact, Role::kContact, Role::kWebsite,
                         Role::kSuspectDevice, Role::kContact, Role::kBeneficiary};
  ASSERT_EQ(out_.report.identifiers.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(out_.report.identifiers[i].role, want[i]) << i;
}

TEST_F(ValidatorTest, InvalidIdentifiersKeptAndCounted) {
  ASSERT_FALSE(ParseWith(R"(,"identifiers":[{"kind":"iban","value":"onbekend"},{"kind":"iban","value":"NL00ABNA0417164300"}])"));
  ASSERT_EQ(out_.report.identifiers.size(), 2u);
  EXPECT_FALSE(out_.report.identifiers[0].valid);
  EXPECT_FALSE(out_.report.identifiers[1].valid);
  EXPECT_FALSE(out_.report.identifiers[1].invalid_reason.empty());
  EXPECT_EQ(out_.invalid_identifiers, 2);
}

TEST_F(ValidatorTest, UnknownFieldsDroppedAndNamed) {
  ASSERT_FALSE(ParseWith(R"(,"victim_name":"Jan Jansen","victim":{"region":"NL-UT","bsn":"123456782"},
      "identifiers":[{"kind":"phone","value":"0612345678","note":"mijn buurman"}])"));
  EXPECT_EQ(out_.unknown_fields,
            (std::vector<std::string>{"victim_name", "victim.bsn", "identifiers[].note"}));
  EXPECT_EQ(out_.report.victim.region, model::Region::kUT);
}

TEST_F(ValidatorTest, NullCountsAsAbsent) {
  ASSERT_FALSE(ParseWith(R"(,"channel":null,"damage_eur":null,"victim":null,"identifiers":null,"text":null)"));
  EXPECT_FALSE(out_.report.channel);
  ExpectRejected(R"({"id":null,"source":"a","reported_at":"2024-01-01","fraud_type":"overig"})", "id", "missing");
}

TEST_F(ValidatorTest, NotJsonOrNotAnObject) {
  ExpectRejected("{\"id\":", "", "not valid JSON");
  ExpectRejected("hello", "", "not valid JSON");
  ExpectRejected("[1,2]", "", "not a JSON object");
  ExpectRejected("\"x\"", "", "not a JSON object");
  ExpectRejected(std::string(kGood) + ",\"text\":\"\xff\"}", "", "not valid JSON");
}

TEST_F(ValidatorTest, MissingRequiredFields) {
  for (const char* f : {"id", "source", "reported_at", "fraud_type"}) ExpectRejected(Without(f), f, "missing");
}

TEST_F(ValidatorTest, IdRules) {
  auto with_id = [](const std::string& id) {
    return R"({"id":")" + id + R"(","source":"s","reported_at":"2024-01-01","fraud_type":"overig"})";
  };
  EXPECT_FALSE(Parse(with_id(std::string(128, 'x'))));
  EXPECT_FALSE(Parse(with_id(std::string(100, 'x') + std::string(28, 'x') + "")));
  ExpectRejected(with_id(std::string(129, 'x')), "id", "longer than 128");
  // 128 characters of two bytes each are still 128 characters.
  std::string e_acute;
  for (int i = 0; i < 128; ++i) e_acute += "\xC3\xA9";
  EXPECT_FALSE(Parse(with_id(e_acute)));
  ExpectRejected(with_id(""), "id", "empty");
  ExpectRejected(R"({"id":12,"source":"s","reported_at":"2024-01-01","fraud_type":"overig"})", "id", "string");
}

TEST_F(ValidatorTest, SourcePattern) {
  auto with_source = [](const std::string& s) {
    return R"({"id":"1","source":")" + s + R"(","reported_at":"2024-01-01","fraud_type":"overig"})";
  };
  EXPECT_FALSE(Parse(with_source("bank_x-1")));
  EXPECT_FALSE(Parse(with_source(std::string(32, 'a'))));
  ExpectRejected(with_source(std::string(33, 'a')), "source", "1 to 32");
  ExpectRejected(with_source("Fraudehelpdesk"), "source", "a-z");
  ExpectRejected(with_source("fraude helpdesk"), "source", "a-z");
  ExpectRejected(with_source(""), "source", "a-z");
}

TEST_F(ValidatorTest, ReportedAtMustBeRfc3339) {
  auto with_time = [](const std::string& t) {
    return R"({"id":"1","source":"s","reported_at":")" + t + R"(","fraud_type":"overig"})";
  };
  EXPECT_FALSE(Parse(with_time("2024-02-29")));
  EXPECT_FALSE(Parse(with_time("2024-03-01T10:15:00+01:00")));
  ExpectRejected(with_time("2024-02-30"), "reported_at", "no such calendar date");
  ExpectRejected(with_time("2023-02-29"), "reported_at", "no such calendar date");
  ExpectRejected(with_time("01-03-2024"), "reported_at", "RFC 3339");
  ExpectRejected(with_time("2024-03-01T25:00:00Z"), "reported_at", "RFC 3339");
  ExpectRejected(with_time("2024-03-01T10:00:00"), "reported_at", "time zone");
  ExpectRejected(R"({"id":"1","source":"s","reported_at":20240301,"fraud_type":"overig"})", "reported_at", "string");
}

TEST_F(ValidatorTest, OccurredAtValidatedWhenPresent) {
  ExpectRejected(std::string(kGood) + R"(,"occurred_at":"2024-13-01"})", "occurred_at", "RFC 3339");
}

TEST_F(ValidatorTest, ClosedListsAreEnforced) {
  ExpectRejected(R"({"id":"1","source":"s","reported_at":"2024-01-01","fraud_type":"hulpvraag"})", "fraud_type",
                 "'hulpvraag' is not a fraud type");
  ExpectRejected(std::string(kGood) + R"(,"outcome":"victim"})", "outcome", "not an outcome");
  ExpectRejected(std::string(kGood) + R"(,"channel":"telegram"})", "channel", "not a channel");
  ExpectRejected(std::string(kGood) + R"(,"victim":{"age_band":"60-70"}})", "victim.age_band", "not an age band");
  ExpectRejected(std::string(kGood) + R"(,"victim":{"region":"NL-XX"}})", "victim.region", "not an ISO 3166-2:NL");
  ExpectRejected(std::string(kGood) + R"(,"victim":"oud"})", "victim", "object");
  ExpectRejected(std::string(kGood) + R"(,"identifiers":[{"kind":"bsn","value":"1"}]})", "identifiers[0].kind",
                 "not an identifier kind");
  ExpectRejected(std::string(kGood) + R"(,"identifiers":[{"kind":"iban","value":"x"},{"kind":"phone","value":"1","role":"victim"}]})",
                 "identifiers[1].role", "not a role");
}

TEST_F(ValidatorTest, IdentifierShape) {
  ExpectRejected(std::string(kGood) + R"(,"identifiers":{"kind":"iban"}})", "identifiers", "array");
  ExpectRejected(std::string(kGood) + R"(,"identifiers":["NL91ABNA0417164300"]})", "identifiers[0]", "object");
  ExpectRejected(std::string(kGood) + R"(,"identifiers":[{"value":"x"}]})", "identifiers[0].kind", "missing");
  ExpectRejected(std::string(kGood) + R"(,"identifiers":[{"kind":"iban"}]})", "identifiers[0].value", "missing");
  ExpectRejected(std::string(kGood) + R"(,"identifiers":[{"kind":"iban","value":5}]})", "identifiers[0].value",
                 "string");
}

TEST_F(ValidatorTest, DamageMustBeANonNegativeNumber) {
  ExpectRejected(std::string(kGood) + R"(,"damage_eur":-1})", "damage_eur", "negative");
  // A string is an amount as people type it (euro_amount.h).
  ExpectRejected(std::string(kGood) + R"(,"damage_eur":"twaalf"})", "damage_eur", "not an amount");
  ExpectRejected(std::string(kGood) + R"(,"damage_eur":"-5"})", "damage_eur", "negative");
  ASSERT_FALSE(ParseWith(R"(,"damage_eur":"1.250,50")"));
  EXPECT_EQ(out_.report.damage_cents, 125050);
  ExpectRejected(std::string(kGood) + R"(,"damage_eur":true})", "damage_eur", "not a number");
  ExpectRejected(std::string(kGood) + R"(,"damage_eur":1e300})", "damage_eur", "larger");
  ASSERT_FALSE(ParseWith(R"(,"damage_eur":19.999)"));
  EXPECT_EQ(out_.report.damage_cents, 2000);
}

TEST_F(ValidatorTest, TextMustBeAString) {
  ExpectRejected(std::string(kGood) + R"(,"text":["a"]})", "text", "string");
}

TEST_F(ValidatorTest, RejectionReasonsNeverQuoteIdentifierValuesOrText) {
  auto err = Parse(std::string(kGood) + R"(,"text":"geheim","identifiers":[{"kind":"iban","value":"NL91SECRET","role":"nope"}]})");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->reason.find("SECRET"), std::string::npos);
  EXPECT_EQ(err->reason.find("geheim"), std::string::npos);
}

TEST(SanitizeFieldNameTest, PrintableAsciiOnlyAndBounded) {
  EXPECT_EQ(SanitizeFieldName("naam"), "naam");
  EXPECT_EQ(SanitizeFieldName("a\nb'c\xC3\xA9"), "a?b?c??");
  EXPECT_EQ(SanitizeFieldName(std::string(100, 'x')).size(), 64u);
}

}  // namespace
}  // namespace zicht::ingest

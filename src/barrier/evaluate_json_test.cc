#include "barrier/evaluate_json.h"

#include <gtest/gtest.h>

#include <thread>

namespace zicht::barrier {
namespace {

class EvaluateJsonTest : public ::testing::Test {
 protected:
  EvaluateJsonTest() : engine_(std::move(DefaultRules()).value(), *DutchTimeZone::Load(), nullptr) {}
  Engine engine_;
};

constexpr const char* kLimit =
    R"({"type":"limit_change","account":"A1","at":"2024-05-01T10:00:00Z","old_limit_eur":2000,"new_limit_eur":10000})";
constexpr const char* kPay5000 =
    R"({"type":"payment","account":"A1","at":"2024-05-01T11:00:00Z","amount_eur":5000,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false})";
constexpr const char* kPay1500 =
    R"({"type":"payment","account":"A1","at":"2024-05-01T11:00:00Z","amount_eur":1500,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false})";

TEST_F(EvaluateJsonTest, OneObject) {
  auto out = EvaluateJsonRequest(engine_, kPay1500);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, R"({"decisions":[{"account":"A1","at":"2024-05-01T11:00:00Z","decision":"allow","reasons":[]}]})");
}

TEST_F(EvaluateJsonTest, ArrayOfEvents) {
  auto out = EvaluateJsonRequest(engine_, std::string("[") + kLimit + "," + kPay5000 + "," + kPay1500 + "]");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out,
            R"({"decisions":[{"account":"A1","at":"2024-05-01T11:00:00Z","decision":"delay","until":"2024-05-01T14:00:00Z","reasons":["COOLING_OFF"]},)"
            R"({"account":"A1","at":"2024-05-01T11:00:00Z","decision":"allow","reasons":[]}]})");
}

TEST_F(EvaluateJsonTest, JsonLinesWithBlankLines) {
  auto out = EvaluateJsonRequest(engine_, std::string(kLimit) + "\n\n" + kPay5000 + "\r\n" + kPay1500 + "\n");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NE(out->find("\"decision\":\"delay\""), std::string::npos);
  EXPECT_NE(out->find("\"decision\":\"allow\""), std::string::npos);
}

TEST_F(EvaluateJsonTest, NonPaymentsOnlyGiveNoDecisions) {
  auto out = EvaluateJsonRequest(engine_, kLimit);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, R"({"decisions":[]})");
}

TEST_F(EvaluateJsonTest, ErrorsNameTheEventAndField) {
  struct Case {
    std::string body;
    std::string message;
  };
  const Case cases[] = {
      {"", "body: empty; expected an event, an array of events or JSON Lines"},
      {"  \n ", "body: empty; expected an event, an array of events or JSON Lines"},
      {"42", "body: expected an event object, an array of events or JSON Lines"},
      {"[1", "body: not valid JSON at byte 2: Missing a comma or ']' after an array element."},
      {std::string("[") + kPay1500 + R"(,{"type":"payment"}])", "event 2: account: missing"},
      {std::string(kPay1500) + "\n" + R"({"type":"payment","account":"A","at":"x"})",
       "line 2: at: 'x' is not an RFC 3339"},
      {std::string(kPay1500) + "\n{oops", "line 2: not valid JSON"},
  };
  for (const auto& c : cases) {
    auto out = EvaluateJsonRequest(engine_, c.body);
    ASSERT_FALSE(out.ok()) << c.body;
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(out.status().message().substr(0, c.message.size()), c.message) << out.status().message();
  }
}

TEST_F(EvaluateJsonTest, BadBatchLeavesStateUntouched) {
  // The limit change is in a batch that fails: it must not apply.
  auto bad = EvaluateJsonRequest(engine_, std::string("[") + kLimit + R"(,{"type":"nope"}])");
  ASSERT_FALSE(bad.ok());
  auto out = EvaluateJsonRequest(engine_, kPay5000);
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("\"decision\":\"block\""), std::string::npos) << *out;
  EXPECT_EQ(engine_.AccountCount(), 1u);
}

TEST_F(EvaluateJsonTest, TooManyEvents) {
  std::string body = "[";
  for (size_t i = 0; i <= kMaxEventsPerRequest; ++i) body += i ? ",{}" : "{}";
  body += "]";
  auto out = EvaluateJsonRequest(engine_, body);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kTooLarge);
}

TEST_F(EvaluateJsonTest, ConcurrentRequestsAreSafe) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 200; ++i) {
        std::string body = R"({"type":"payment","account":"T)" + std::to_string(t) +
                           R"(","at":"2024-05-01T11:00:00Z","amount_eur":10,"beneficiary_iban":"X"})";
        auto out = EvaluateJsonRequest(engine_, body);
        EXPECT_TRUE(out.ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(engine_.AccountCount(), 4u);
  // 200 × €10 per account: all allowed, €2,000 exactly reached.
  auto out = EvaluateJsonRequest(engine_, R"({"type":"payment","account":"T0","at":"2024-05-01T12:00:00Z","amount_eur":0.01,"beneficiary_iban":"X"})");
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("DAILY_LIMIT"), std::string::npos) << *out;
}

}  // namespace
}  // namespace zicht::barrier

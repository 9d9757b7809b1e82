#include "screen/screen_json.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace zicht::screen {
namespace {

class ScreenJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Screener::Create();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    screener_ = std::move(s).value();
  }
  Status Error(std::string_view body) {
    auto r = ScreenJsonRequest(*screener_, body);
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? Status::Ok() : r.status();
  }
  std::unique_ptr<Screener> screener_;
};

TEST_F(ScreenJsonTest, ResultObjectHasLabelScoreSignals) {
  auto out = ScreenJsonRequest(*screener_,
                               R"({"text":"Hoi mam, dit is mijn nieuwe nummer. Kun je 500 euro overmaken?",)"
                               R"("sender_known":false})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  rapidjson::Document doc;
  doc.Parse(out->c_str());
  ASSERT_TRUE(doc.IsObject()) << *out;
  EXPECT_STREQ(doc["label"].GetString(), "hulpvraagfraude");
  EXPECT_GT(doc["score"].GetDouble(), 0.5);
  EXPECT_LE(doc["score"].GetDouble(), 1.0);
  ASSERT_TRUE(doc["signals"].IsArray());
  std::vector<std::string> signals;
  for (auto& s : doc["signals"].GetArray()) signals.emplace_back(s.GetString());
  EXPECT_EQ(signals, (std::vector<std::string>{"NEW_NUMBER", "FAMILY_ADDRESS", "PAYMENT_REQUEST", "UNKNOWN_SENDER"}));
  EXPECT_EQ(doc.MemberCount(), 3u);
}

TEST_F(ScreenJsonTest, SenderKnownIsOptionalAndDefaultsToFalse) {
  auto out = ScreenJsonRequest(*screener_, R"({"text":"hallo"})");
  ASSERT_TRUE(out.ok());
  // An unknown sender alone is a little suspicious, not a scam.
  EXPECT_EQ(out->rfind(R"({"label":"none","score":0.)", 0), 0u) << *out;
  EXPECT_TRUE(out->ends_with(R"("signals":["UNKNOWN_SENDER"]})")) << *out;
  auto known = ScreenJsonRequest(*screener_, R"({"text":"hallo","sender_known":true,"extra":1})");
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(known->rfind(R"({"label":"none","score":0.)", 0), 0u) << *known;
  EXPECT_TRUE(known->ends_with(R"("signals":[]})")) << *known;
}

TEST_F(ScreenJsonTest, ScoreHasAtMostThreeDecimals) {
  auto out = ScreenJsonRequest(*screener_, R"({"text":"Hoi mam kun je 50 euro overmaken"})");
  ASSERT_TRUE(out.ok());
  const auto pos = out->find("\"score\":");
  const auto end = out->find(',', pos);
  const std::string score = out->substr(pos + 8, end - pos - 8);
  const auto dot = score.find('.');
  ASSERT_NE(dot, std::string::npos) << score;
  EXPECT_LE(score.size() - dot - 1, 3u) << score;
}

TEST_F(ScreenJsonTest, ErrorsNameTheField) {
  EXPECT_EQ(Error(R"({"sender_known":false})").message(), "text: required");
  EXPECT_EQ(Error(R"({"text":null})").message(), "text: required");
  EXPECT_EQ(Error(R"({"text":12})").message(), "text: must be a string");
  EXPECT_EQ(Error(R"({"text":"x","sender_known":"no"})").message(), "sender_known: must be a boolean");
  EXPECT_EQ(Error(R"(["text"])").message(), "body: must be a JSON object");
  EXPECT_EQ(Error("").code(), StatusCode::kInvalidArgument);
  const Status truncated = Error(R"({"text":"x")");
  EXPECT_EQ(truncated.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(truncated.message().rfind("body: not valid JSON", 0), 0u) << truncated.message();
  EXPECT_EQ(Error("{\"text\":\"\xff\"}").code(), StatusCode::kInvalidArgument);
}

TEST_F(ScreenJsonTest, OverlongTextIsTooLarge) {
  const std::string body = R"({"text":")" + std::string(kMaxTextBytes + 1, 'a') + "\"}";
  EXPECT_EQ(Error(body).code(), StatusCode::kTooLarge);
  const std::string ok = R"({"text":")" + std::string(kMaxTextBytes, 'a') + "\"}";
  EXPECT_TRUE(ScreenJsonRequest(*screener_, ok).ok());
}

TEST_F(ScreenJsonTest, EscapedUnicodeIsDecoded) {
  auto out = ScreenJsonRequest(*screener_, R"({"text":"Hoi mam \ud83d\ude00 dit is mijn nieuwe nummer"})");
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("NEW_NUMBER"), std::string::npos);
}

}  // namespace
}  // namespace zicht::screen

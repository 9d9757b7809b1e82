#include "common/json_parse.h"

#include <gtest/gtest.h>

#include <string>

#include "common/client_text.h"

namespace zicht {
namespace {

Status Parse(const std::string& text) {
  rapidjson::Document doc;
  return ParseJson(text, doc);
}

std::string Nested(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(JsonParseTest, AcceptsOrdinaryDocuments) {
  rapidjson::Document doc;
  ASSERT_TRUE(ParseJson(R"({"identifiers":[{"kind":"iban","value":"NL91"}],"n":1.5})", doc).ok());
  EXPECT_STREQ(doc["identifiers"][0]["value"].GetString(), "NL91");
  EXPECT_DOUBLE_EQ(doc["n"].GetDouble(), 1.5);
}

TEST(JsonParseTest, DepthLimitIsExact) {
  EXPECT_TRUE(Parse(Nested(kMaxJsonDepth)).ok());
  Status s = Parse(Nested(kMaxJsonDepth + 1));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nested deeper than 64 levels"), std::string::npos) << s.message();
  std::string objects;
  for (int i = 0; i < kMaxJsonDepth + 1; ++i) objects += "{\"a\":";
  EXPECT_FALSE(Parse(objects + "1" + std::string(kMaxJsonDepth + 1, '}')).ok());
}

TEST(JsonParseTest, AMillionLevelsAreRefusedWithoutRecursion) {
  Status s = Parse(std::string(1000000, '['));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nested deeper"), std::string::npos);
}

TEST(JsonParseTest, DuplicateNamesAreRefusedInSmallAndLargeObjects) {
  Status s = Parse(R"({"kind":"iban","value":"A","value":"B"})");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'value' appears twice"), std::string::npos) << s.message();
  std::string large = "{";
  for (int i = 0; i < 100; ++i) large += "\"k" + std::to_string(i) + "\":1,";
  EXPECT_TRUE(Parse(large + "\"last\":1}").ok());
  EXPECT_FALSE(Parse(large + "\"k7\":2}").ok());
  // The same name in two different objects is fine.
  EXPECT_TRUE(Parse(R"([{"a":1},{"a":2},{"b":{"a":3}}])").ok());
}

TEST(JsonParseTest, InvalidUtf8IsRefused) {
  Status s = Parse("{\"a\":\"\xff\xfe\"}");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(IsValidUtf8(s.message()));
}

TEST(ClientTextTest, ExcerptsAreShortAndValid) {
  EXPECT_EQ(QuoteExcerpt("kind"), "'kind'");
  const std::string cut = QuoteExcerpt(std::string(10000, 'x'));
  EXPECT_LT(cut.size(), 80u);
  EXPECT_NE(cut.find("(10000 bytes)"), std::string::npos);
  EXPECT_EQ(SanitizeText("a\xff" "b\nc", 100), "a\xEF\xBF\xBD" "b c");
  EXPECT_TRUE(IsValidUtf8(SanitizeText(std::string(500, '\xe2'), 100)));
  EXPECT_LE(SanitizeText(std::string(500, 'y'), 100).size(), 100u);
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // an overlong '/'
  EXPECT_TRUE(IsValidUtf8("M\xc3\x9cNCHEN \xe2\x82\xac \xf0\x9f\x98\x80"));
}

}  // namespace
}  // namespace zicht

#include "common/json_string.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace zicht {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(AppendJsonString, EscapesWhatJsonRequires) {
  EXPECT_EQ(Quoted(""), "\"\"");
  EXPECT_EQ(Quoted("NL91ABNA0417164300"), "\"NL91ABNA0417164300\"");
  EXPECT_EQ(Quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quoted("r\n\r\t"), "\"r\\n\\r\\t\"");
  EXPECT_EQ(Quoted(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(Quoted("café €"), "\"café €\"");  // UTF-8 passes through
}

// Every byte value from 1 to 127, escaped and parsed back by RapidJSON,
// gives the input again.
TEST(AppendJsonString, RoundTripsThroughAJsonParser) {
  std::string all;
  for (int c = 1; c < 128; ++c) all.push_back(static_cast<char>(c));
  std::string json = "[" + Quoted(all) + "]";
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(std::string(doc[0].GetString(), doc[0].GetStringLength()), all);
}

}  // namespace
}  // namespace zicht

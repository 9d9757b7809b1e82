#include "ingest/line_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace zicht::ingest {
namespace {

std::vector<std::string> All(LineReader& r) {
  std::vector<std::string> out;
  std::string_view line;
  while (r.Next(&line)) out.emplace_back(line);
  return out;
}

TEST(LineReaderTest, SplitsLinesFromMemory) {
  LineReader r(std::string_view("a\nb\r\n\nc"));
  EXPECT_EQ(All(r), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(r.line_number(), 4);
}

TEST(LineReaderTest, StreamAcrossChunkBoundaries) {
  std::string data;
  for (int i = 0; i < 200000; ++i) data += "line-" + std::to_string(i) + (i % 3 ? "\n" : "\r\n");
  data += std::string(3 << 20, 'x');  // a line longer than a chunk
  std::istringstream in(data);
  LineReader r(in);
  auto lines = All(r);
  ASSERT_EQ(lines.size(), 200001u);
  EXPECT_EQ(lines[0], "line-0");
  EXPECT_EQ(lines[199999], "line-199999");
  EXPECT_EQ(lines[200000].size(), size_t{3 << 20});
  EXPECT_TRUE(r.status().ok());
}

TEST(LineReaderTest, EmptyInput) {
  std::istringstream in("");
  LineReader r(in);
  EXPECT_TRUE(All(r).empty());
}

}  // namespace
}  // namespace zicht::ingest

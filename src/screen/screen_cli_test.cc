// End to end: the real `zicht screen` binary.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <sstream>

#include "cli/exit_code.h"
#include "testutil/testutil.h"

namespace zicht {
namespace {

using testutil::RunZicht;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(ScreenCli, TextAsJson) {
  auto r = RunZicht({"screen", "--format", "json",
                     "Hoi mam, dit is mijn nieuwe nummer. Kun je vandaag nog 850 euro overmaken?"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << r.out;
  EXPECT_STREQ(doc["label"].GetString(), "hulpvraagfraude");
  EXPECT_NE(r.out.find("\"UNKNOWN_SENDER\""), std::string::npos);
}

TEST(ScreenCli, KnownSenderAndWordsJoined) {
  auto r = RunZicht({"screen", "--known-sender", "--format", "json", "Hoi", "mam,", "kun", "je", "20", "euro",
                     "overmaken", "voor", "boodschappen?"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"label\":\"none\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("UNKNOWN_SENDER"), std::string::npos) << r.out;
}

TEST(ScreenCli, TableFormat) {
  auto r = RunZicht({"screen", "--format", "table", "Zet uw geld op een veilige rekening, bel ons direct. ING"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("label    bankhelpdeskfraude"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SAFE_ACCOUNT"), std::string::npos) << r.out;
}

TEST(ScreenCli, JsonlFromStdinKeepsOrderAndReportsBadLines) {
  const std::string input =
      "{\"text\":\"Hoi mam, nieuw nummer, kun je 400 euro overmaken?\",\"sender_known\":false}\n"
      "not json\n"
      "\n"
      "{\"sender_known\":true}\n"
      "{\"text\":\"Tot straks!\",\"sender_known\":true}\n";
  auto r = RunZicht({"screen", "--jsonl", "-"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_NE(lines[0].find("\"label\":\"hulpvraagfraude\""), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind("{\"line\":2,\"error\":\"body: not valid JSON", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "{\"line\":4,\"error\":\"text: required\"}");
  EXPECT_EQ(lines[3], "{\"label\":\"none\",\"score\":0.0,\"signals\":[]}");
}

TEST(ScreenCli, JsonlFromFile) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("m.jsonl"),
                      "{\"text\":\"PostNL: pakket niet bezorgd, betaal 1,99 via https://postnl-bezorg.xyz\"}\n");
  auto r = RunZicht({"screen", "--jsonl", dir.File("m.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"label\":\"phishing\""), std::string::npos) << r.out;
}

TEST(ScreenCli, UsageErrors) {
  EXPECT_EQ(RunZicht({"screen"}).exit_code, cli::kExitUsage);
  EXPECT_EQ(RunZicht({"screen", "--jsonl", "-", "extra text"}).exit_code, cli::kExitUsage);
  EXPECT_EQ(RunZicht({"screen", "--jsonl", "-", "--known-sender"}).exit_code, cli::kExitUsage);
  EXPECT_EQ(RunZicht({"screen", "--format", "csv", "x"}).exit_code, cli::kExitUsage);
}

TEST(ScreenCli, MissingFileIsAFailure) {
  testutil::TempDir dir;
  auto r = RunZicht({"screen", "--jsonl", dir.File("absent.jsonl")});
  EXPECT_EQ(r.exit_code, cli::kExitFailure);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zicht

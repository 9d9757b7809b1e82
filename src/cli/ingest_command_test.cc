// `zicht ingest` through the real binary: the options and defaults its
// --help shows and its exit codes. What ingest accepts and rejects, line by
// line, is tested in src/ingest/ingest_e2e_test.cc.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

std::string Line(const std::string& id) {
  return R"({"id":")" + id + R"(","source":"politie","reported_at":"2024-03-01","fraud_type":"phishing"})" "\n";
}

TEST(IngestCommandTest, HelpShowsOptionsAndDefaults) {
  auto r = RunZicht({"ingest", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(HelpLine(r.out, "--batch-size").find("=10000 "), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--rejects"), "");
  EXPECT_NE(HelpLine(r.out, "--json"), "");
  EXPECT_NE(HelpLine(r.out, "files"), "");
}

TEST(IngestCommandTest, TableByDefaultJsonWithFlag) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("a.jsonl"), Line("1") + "{broken\n");
  auto table = RunZicht({"ingest", dir.File("a.jsonl"), "--db", dir.File("z.db")});
  EXPECT_EQ(table.exit_code, 0) << "rejected lines are not a failure";
  EXPECT_NE(table.out.find("accepted (new)                      1\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("rejected                            1\n"), std::string::npos) << table.out;
  EXPECT_NE(table.err.find("a.jsonl:2: not valid JSON"), std::string::npos) << table.err;
  auto json = RunZicht({"ingest", dir.File("a.jsonl"), "--db", dir.File("z.db"), "--json"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out.rfind("{\"accepted\":0,\"updated\":0,\"duplicates\":1,\"rejected\":1,", 0), 0u) << json.out;
}

TEST(IngestCommandTest, RejectsFileAndBatchSize) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("a.jsonl"), Line("1") + Line("2") + Line("3") + "[]\n");
  auto r = RunZicht({"ingest", dir.File("a.jsonl"), "--db", dir.File("z.db"), "--batch-size", "1", "--rejects",
                     dir.File("bad.jsonl"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":3"), std::string::npos) << r.out;
  EXPECT_EQ(testutil::ReadFile(dir.File("bad.jsonl")), "# " + dir.File("a.jsonl") + ":4: not a JSON object\n[]\n");
}

TEST(IngestCommandTest, ExitCodes) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("a.jsonl"), Line("1"));
  EXPECT_EQ(RunZicht({"ingest"}).exit_code, 2) << "no file";
  EXPECT_EQ(RunZicht({"ingest", dir.File("a.txt"), "--db", dir.File("z.db")}).exit_code, 2) << "unknown extension";
  EXPECT_EQ(RunZicht({"ingest", dir.File("a.jsonl"), "--db", dir.File("z.db"), "--batch-size", "0"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"ingest", dir.File("a.jsonl"), "--db", dir.File("z.db"), "--batch-size", "x"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"ingest", dir.File("a.jsonl"), "--bogus"}).exit_code, 2);
  // A missing input is a failure, found before anything is written.
  auto missing = RunZicht({"ingest", dir.File("a.jsonl"), dir.File("missing.jsonl"), "--db", dir.File("z.db")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing.jsonl"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("z.db")));
  // stdin is JSON Lines.
  auto in = RunZicht({"ingest", "-", "--db", dir.File("z.db"), "--json"}, Line("9"));
  EXPECT_EQ(in.exit_code, 0) << in.err;
  EXPECT_NE(in.out.find("\"accepted\":1"), std::string::npos) << in.out;
}

}  // namespace
}  // namespace zicht::cli

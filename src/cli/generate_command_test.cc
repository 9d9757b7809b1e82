// `zicht generate` through the real binary: the same seed gives the same
// lines as the library, stdout or --output, the defaults --help shows,
// usage errors.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "generate/generator.h"
#include "generate/jsonl_writer.h"
#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

// What `zicht generate --reports n --seed seed` must print: the library's
// lines for the same options.
std::string Jsonl(uint64_t seed, uint64_t n) {
  generate::GeneratorOptions o;
  o.seed = seed;
  o.planned_reports = n;
  generate::Generator gen(o);
  model::Report r;
  std::string out;
  for (uint64_t i = 0; i < n; ++i) {
    gen.Next(&r);
    generate::AppendReportJsonLine(r, &out);
  }
  return out;
}

size_t LineCount(const std::string& text) {
  std::istringstream in(text);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

TEST(GenerateCommandTest, WritesNLinesToStdoutAndFile) {
  testutil::CommandResult r = testutil::RunZicht({"generate", "--reports", "500", "--seed", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(LineCount(r.out), 500u);
  EXPECT_EQ(r.out, Jsonl(3, 500));

  testutil::TempDir dir;
  std::string path = dir.File("reports.jsonl");
  testutil::CommandResult f = testutil::RunZicht({"generate", "--reports", "500", "--seed", "3", "--output", path});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_TRUE(f.out.empty());
  EXPECT_EQ(testutil::ReadFile(path), r.out);
}

TEST(GenerateCommandTest, UsageErrorsExitTwo) {
  EXPECT_EQ(testutil::RunZicht({"generate"}).exit_code, 2);
  EXPECT_EQ(testutil::RunZicht({"generate", "--reports", "x"}).exit_code, 2);
  EXPECT_EQ(testutil::RunZicht({"generate", "--reports", "5", "--network-share", "2"}).exit_code, 2);
  EXPECT_EQ(testutil::RunZicht({"generate", "--reports", "5", "--end-date", "2024-02-30"}).exit_code, 2);
  testutil::CommandResult help = testutil::RunZicht({"generate", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--seed"), std::string::npos);
}

TEST(GenerateCommandTest, UnwritableOutputFails) {
  testutil::CommandResult r =
      testutil::RunZicht({"generate", "--reports", "5", "--output", "/nonexistent-dir/x.jsonl"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("generate"), std::string::npos);
}

TEST(GenerateCommandTest, HelpShowsDefaultsAndTheyHold) {
  auto help = RunZicht({"generate", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  EXPECT_NE(HelpLine(help.out, "-n,--reports").find("REQUIRED"), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "--seed").find("=1 "), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "--days").find("=730 "), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "--network-share").find("=0.85 "), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "--max-network").find("=300 "), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "--end-date").find("=2026-10-31 "), std::string::npos) << help.out;
  EXPECT_NE(HelpLine(help.out, "-o,--output"), "");
  // The default seed is 1; -n is --reports.
  EXPECT_EQ(RunZicht({"generate", "-n", "50"}).out, Jsonl(1, 50));
}

}  // namespace
}  // namespace zicht::cli

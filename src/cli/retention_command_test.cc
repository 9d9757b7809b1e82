// `zicht retention apply` through the real binary: expired reports are
// erased from the store and its indexes at once, counts only are printed,
// no trace is left in the database file, and a bad period changes nothing
// (store/retention_policy.h, docs/privacy.md "Retention").
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"
#include "cli/erasure_test_data.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

class RetentionApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    policy_ = dir_.File("zicht-retention.toml");
    testutil::WriteFile(dir_.File("r.jsonl"), ErasureReports());
    auto r = RunZicht({"ingest", "--db", db_, dir_.File("r.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    testutil::WriteFile(policy_, "default = \"P1Y\"\n\n[sources]\npolitie = \"P5Y\"\nbank = \"P2Y\"\n");
  }
  std::string Clusters() { return RunZicht({"clusters", "--members", "--format", "csv", "--db", db_}).out; }

  testutil::TempDir dir_;
  std::string db_, policy_;
};

TEST_F(RetentionApplyTest, DryRunCountsAndChangesNothing) {
  std::string before = Clusters();
  ASSERT_NE(before.find("politie,OLD"), std::string::npos);
  auto r = RunZicht({"retention", "apply", "--retention", policy_, "--dry-run", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "would erase 1 report (politie 1); dry run, nothing changed\n");
  EXPECT_EQ(Clusters(), before);
  EXPECT_TRUE(DatabaseFilesHold(db_, kSecretText));
}

TEST_F(RetentionApplyTest, ExpiredReportIsErasedEverywhereAndLeavesNoTrace) {
  ASSERT_TRUE(DatabaseFilesHold(db_, kSecretIban));
  auto r = RunZicht({"retention", "apply", "--retention", policy_, "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Counts only: no report id, no identifier.
  EXPECT_EQ(r.out, "erased 1 report (politie 1)\n");
  // bank/A and bank/C were linked only through the expired report.
  EXPECT_EQ(Clusters(), "cluster_id,source,report_id\n");
  EXPECT_NE(RunZicht({"check", "iban", kSecretIban, "--db", db_}).out.find("\"known\":false"), std::string::npos);
  EXPECT_EQ(RunZicht({"stats", "--format", "csv", "--db", db_}).out.find(OldDate().substr(0, 7)), std::string::npos);
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretIban));
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretIbanAsTyped));
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretText));
  // A second run finds nothing more.
  auto again = RunZicht({"retention", "apply", "--retention", policy_, "--db", db_});
  EXPECT_EQ(again.out, "erased 0 reports\n");
}

TEST_F(RetentionApplyTest, TheDefaultCoversUnlistedSources) {
  testutil::WriteFile(policy_, "default = \"P5Y\"\n[sources]\nbank = \"P2Y\"\n");
  auto r = RunZicht({"retention", "apply", "--retention", policy_, "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "erased 1 report (politie 1)\n");
  // Without a default, an unlisted source is kept.
  testutil::WriteFile(policy_, "[sources]\nbank = \"P1W\"\n");
  auto bank = RunZicht({"retention", "apply", "--retention", policy_, "--db", db_});
  EXPECT_EQ(bank.out, "erased 2 reports (bank 2)\n");
}

TEST_F(RetentionApplyTest, BadPeriodNamesFileLineAndSourceAndChangesNothing) {
  testutil::WriteFile(policy_, "default = \"P1Y\"\n[sources]\npolitie = \"P5Y\"\nbank = \"2 jaar\"\n");
  std::string before = Clusters();
  auto r = RunZicht({"retention", "apply", "--retention", policy_, "--db", db_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(policy_ + ":4: source 'bank': '2 jaar' is not a retention period"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Clusters(), before);
  EXPECT_TRUE(DatabaseFilesHold(db_, kSecretText));
}

TEST(RetentionCommandTest, HelpShowsTheFileAndAnExample) {
  auto help = RunZicht({"retention", "apply", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("politie = \"P5Y\""), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("zicht retention apply --retention zicht-retention.toml --dry-run"), std::string::npos);
  EXPECT_NE(HelpLine(help.out, "--dry-run"), "");
}

}  // namespace
}  // namespace zicht::cli

// `zicht reports erase` through the real binary: an erased report no longer
// links or counts, leaves no trace of its identifiers or text in the
// database file, and an unknown report changes nothing (docs/privacy.md,
// "Erasure"). Correction by re-ingest is tested here too.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"
#include "cli/erasure_test_data.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

class ReportsEraseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    testutil::WriteFile(dir_.File("r.jsonl"), ErasureReports());
    auto r = RunZicht({"ingest", "--db", db_, dir_.File("r.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Clusters() { return RunZicht({"clusters", "--members", "--format", "csv", "--db", db_}).out; }
  std::string Mules() { return RunZicht({"clusters", "--mules", "--format", "csv", "--db", db_}).out; }

  testutil::TempDir dir_;
  std::string db_;
};

TEST_F(ReportsEraseTest, ErasedReportNoLongerLinksAndLeavesNoTraceInTheFile) {
  ASSERT_NE(Clusters().find("politie,OLD"), std::string::npos) << Clusters();
  ASSERT_NE(RunZicht({"check", "iban", kSecretIban, "--db", db_}).out.find("\"known\":true"), std::string::npos);
  // The bytes are there before, so their absence after means something.
  ASSERT_TRUE(DatabaseFilesHold(db_, kSecretIban));
  ASSERT_TRUE(DatabaseFilesHold(db_, kSecretText));
  ASSERT_NE(RunZicht({"stats", "--format", "csv", "--db", db_}).out.find(OldDate().substr(0, 7)), std::string::npos);
  ASSERT_NE(Mules().find(kSharedIban), std::string::npos) << Mules();

  auto r = RunZicht({"reports", "erase", "--source", "politie", "--id", "OLD", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "erased 1 report of source 'politie'\n");
  EXPECT_EQ(r.out.find("OLD"), std::string::npos);

  // bank/A and bank/C were linked only through it: no cluster is left.
  EXPECT_EQ(Clusters(), "cluster_id,source,report_id\n");
  auto check = RunZicht({"check", "iban", kSecretIbanAsTyped, "--db", db_});
  EXPECT_NE(check.out.find("\"known\":false"), std::string::npos) << check.out;
  // The shared IBAN was a mule (beneficiary in A and OLD): no longer.
  EXPECT_EQ(Mules(), "iban,reports,cluster_id\n");
  // Statistics lose it too: its month has no row any more.
  EXPECT_EQ(RunZicht({"stats", "--format", "csv", "--db", db_}).out.find(OldDate().substr(0, 7)), std::string::npos);

  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretIban));
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretIbanAsTyped));
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretText));
}

TEST_F(ReportsEraseTest, UnknownReportIsAnErrorAndChangesNothing) {
  std::string before = Clusters();
  auto r = RunZicht({"reports", "erase", "--source", "politie", "--id", "NOPE", "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "zicht reports erase: no report with this id from source 'politie'; nothing changed\n");
  EXPECT_EQ(Clusters(), before);
  auto usage = RunZicht({"reports", "erase", "--source", "politie", "--db", db_});
  EXPECT_EQ(usage.exit_code, 2);
}

// AVG art. 16: a report ingested again with the same (source, id) replaces
// the stored one, identifiers included: a removed identifier links no more
// and leaves no trace in the file.
TEST_F(ReportsEraseTest, CorrectionByReingestReplacesTheIdentifiers) {
  std::string corrected = ErasureReports();
  size_t at = corrected.find(std::string(R"(,{"kind":"iban","value":")") + kSecretIbanAsTyped + R"("})");
  ASSERT_NE(at, std::string::npos);
  corrected.erase(at, std::string(R"(,{"kind":"iban","value":")").size() + std::string(kSecretIbanAsTyped).size() + 2);
  at = corrected.find(kSecretText);
  corrected.replace(at, std::string(kSecretText).size(), "gecorrigeerd");
  testutil::WriteFile(dir_.File("fix.jsonl"), corrected);
  auto r = RunZicht({"ingest", "--db", db_, dir_.File("fix.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(RunZicht({"check", "iban", kSecretIban, "--db", db_}).out.find("\"known\":false"), std::string::npos);
  EXPECT_NE(Clusters().find("politie,OLD"), std::string::npos);
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretIban));
  EXPECT_FALSE(DatabaseFilesHold(db_, kSecretText));
}

TEST(ReportsCommandTest, HelpTeachesEraseAndCorrection) {
  auto top = RunZicht({"reports", "--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("same source and id"), std::string::npos) << top.out;
  auto help = RunZicht({"reports", "erase", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("zicht reports erase --source politie --id"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("DELETE /v1/reports/{source}/{id}"), std::string::npos);
}

}  // namespace
}  // namespace zicht::cli

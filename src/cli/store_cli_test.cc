// The commands that take a store, through the real binary, on both backends
// (tests/testutil/store_backend.h): `--store` with a SQLite file and with a
// postgresql:// URL of a throw-away cluster (cli_store_test_pg), and
// `zicht migrate`.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"
#include "store/pg_schema.h"
#include "store/sqlite_schema.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

constexpr const char* kReports =
    R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01","fraud_type":"hulpvraagfraude","damage_eur":500,"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
    "\n"
    R"({"id":"R2","source":"fraudehelpdesk","reported_at":"2024-03-02","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},{"kind":"phone","value":"06 12345678"}]})"
    "\n";

class StoreCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = testutil::FreshStoreLocation(GetParam(), dir_);
    ASSERT_FALSE(store_.empty());
    testutil::WriteFile(dir_.File("r.jsonl"), kReports);
  }
  testutil::TempDir dir_;
  std::string store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreCliTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(StoreCliTest, MigrateCreatesTheSchemaAndSaysItsVersion) {
  auto r = RunZicht({"migrate", "--store", store_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int version = GetParam() == "postgresql" ? store::kPgSchemaVersion : store::kSchemaVersion;
  EXPECT_NE(r.out.find(GetParam() + " schema version " + std::to_string(version) + "\n"), std::string::npos) << r.out;
  // Again: nothing to do, same answer; and through ZICHT_STORE.
  auto again = RunZichtIn(dir_.path().string(), {"ZICHT_STORE=" + store_}, {"migrate"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, r.out);
  // The tables every command needs are there before any other command ran.
  auto list = RunZicht({"warninglist", "list", "--store", store_, "--format", "csv"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  auto audit = RunZicht({"audit", "--store", store_, "--format", "jsonl"});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_EQ(audit.out, "");
}

TEST_P(StoreCliTest, IngestIsIdempotentAndEveryReaderSeesIt) {
  auto first = RunZicht({"ingest", dir_.File("r.jsonl"), "--store", store_, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("\"accepted\":2"), std::string::npos) << first.out;
  auto again = RunZicht({"--store", store_, "ingest", dir_.File("r.jsonl"), "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("\"duplicates\":2"), std::string::npos) << again.out;

  auto stats = RunZicht({"stats", "--store", store_, "--format", "csv"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(stats.out, "period,fraud_type,reports,attempts,losses,damage_eur\n2024-03,hulpvraagfraude,2,1,1,500.00\n");

  auto check = RunZicht({"check", "iban", "NL91ABNA0417164300", "--store", store_, "--format", "json"});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("\"known\":true"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("\"reports\":2"), std::string::npos) << check.out;

  // Erasure through the same option.
  auto erase = RunZicht({"reports", "erase", "--source", "fraudehelpdesk", "--id", "R1", "--store", store_});
  ASSERT_EQ(erase.exit_code, 0) << erase.err;
  auto after = RunZicht({"stats", "--store", store_, "--format", "csv"});
  EXPECT_NE(after.out.find("2024-03,hulpvraagfraude,1,"), std::string::npos) << after.out;
}

TEST_P(StoreCliTest, WarningListsLiveInTheStore) {
  testutil::WriteFile(dir_.File("l.txt"), "iban,NL91ABNA0417164300\nurl,pakket-bezorging.example\n");
  auto imported = RunZicht({"warninglist", "import", dir_.File("l.txt"), "--name", "mules", "--store", store_});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto list = RunZicht({"warninglist", "list", "--store", store_, "--format", "csv"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("\nmules,"), std::string::npos) << list.out;
  auto check = RunZicht({"check", "url", "https://pakket-bezorging.example/x", "--store", store_, "--format", "json"});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("WARNINGLISTED"), std::string::npos) << check.out;
  auto other = RunZicht({"check", "url", "https://elders.example/x", "--store", store_, "--format", "json"});
  EXPECT_EQ(other.out.find("WARNINGLISTED"), std::string::npos) << other.out;
}

}  // namespace
}  // namespace zicht::cli

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

// Erasure and retention take the alert rows of the identifiers no remaining
// report names (docs/privacy.md, "Erasure"; store/alert_erasure.h): the
// alerts `zicht ingest` raised for ING, counted by `zicht stats --outcomes`,
// go with the last report naming their IBAN — by `zicht reports erase` and
// by `zicht retention apply` — and stay while another report names it. On
// SQLite the IBAN's bytes are then gone from the database files.
TEST_P(StoreCliTest, ErasureAndRetentionTakeTheAlertsOfTheirIdentifiers) {
  constexpr const char* kX = "NL20INGB0001234567";  // in A (beneficiary) and C (contact)
  constexpr const char* kY = "NL69INGB0123456789";  // in B only: an old report
  constexpr const char* kZ = "NL28INGB0004444444";  // in C only
  auto line = [](const std::string& id, const std::string& at, const std::string& identifiers) {
    return R"({"id":")" + id + R"(","source":"politie","reported_at":")" + at +
           R"(","fraud_type":"phishing","damage_eur":100,"identifiers":[)" + identifiers + "]}\n";
  };
  auto iban = [](const char* v, const char* role) {
    return std::string(R"({"kind":"iban","value":")") + v + R"(","role":")" + role + R"("})";
  };
  testutil::WriteFile(dir_.File("alerts.jsonl"),
                      line("A", "2026-11-01", iban(kX, "beneficiary")) + line("B", "2020-01-01", iban(kY, "beneficiary")) +
                          line("C", "2026-11-02", iban(kZ, "beneficiary") + "," + iban(kX, "contact")));
  ASSERT_EQ(RunZicht({"subscriptions", "add", "--partner", "ing", "--bank-code", "INGB", "--store", store_}).exit_code, 0);
  auto ingest = RunZicht({"ingest", "--store", store_, dir_.File("alerts.jsonl")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto alerts = [&] {
    auto r = RunZicht({"stats", "--outcomes", "--format", "json", "--store", store_});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string key = R"("partner":"ing","rule":"beneficiary_loss","alerts":)";
    size_t at = r.out.find(key);
    return at == std::string::npos ? 0 : std::atoi(r.out.c_str() + at + key.size());
  };
  ASSERT_EQ(alerts(), 3) << "one beneficiary_loss alert per IBAN";
  const bool sqlite = GetParam() == "sqlite";
  if (sqlite) {
    ASSERT_TRUE(DatabaseFilesHold(store_, kZ)) << "there before, so its absence after means something";
  }

  auto erased = RunZicht({"reports", "erase", "--source", "politie", "--id", "C", "--store", store_});
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_EQ(alerts(), 2) << "Z's alert went with C; X's stays: A still names X";
  if (sqlite) {
    EXPECT_FALSE(DatabaseFilesHold(store_, kZ)) << "Z's alert row left its bytes";
  }

  testutil::WriteFile(dir_.File("retention.toml"), "[sources]\npolitie = \"P2Y\"\n");
  auto retention = RunZicht({"retention", "apply", "--retention", dir_.File("retention.toml"), "--store", store_});
  ASSERT_EQ(retention.exit_code, 0) << retention.err;
  EXPECT_NE(retention.out.find("erased 1 report"), std::string::npos) << retention.out;
  EXPECT_EQ(alerts(), 1) << "Y's alert went with the expired B";
  if (sqlite) {
    EXPECT_FALSE(DatabaseFilesHold(store_, kY));
  }

  ASSERT_EQ(RunZicht({"reports", "erase", "--source", "politie", "--id", "A", "--store", store_}).exit_code, 0);
  EXPECT_EQ(alerts(), 0);
  if (sqlite) {
    EXPECT_FALSE(DatabaseFilesHold(store_, kX));
  }
}

}  // namespace
}  // namespace zicht::cli

// `zicht audit` through the real binary: filters, every format, searching by
// value (pseudonymised locally with the key next to the database), exit
// codes. Entries are appended with the store, as the server's writer does.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "link/pseudonym.h"
#include "store/audit_store.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

class AuditCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    // The default key file: zicht-pseudonym.key next to the database.
    std::string hex(64, '7');
    testutil::WriteFile(dir_.File("zicht-pseudonym.key"), hex + "\n");
    key_ = std::string(32, '\x77');
    iban_pseudonym_ = link::Pseudonymize(key_, model::IdentifierKind::kIban, "NL91ABNA0417164300");
    auto store = store::AuditStore::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::vector<store::AuditEntry> entries(3);
    entries[0] = {0, 1709287200, "bank-x", "k1", "POST /v1/check", "iban", iban_pseudonym_, "", "payment 1", "high",
                  "AVG art. 6(1)(f)"};
    entries[1] = {0, 1709373600, "politie", "k2", "GET /v1/clusters/{id}", "", "", "c-123", "case, \"x\"", "ok", ""};
    entries[2] = {0, 1709460000, "bank-x", "k1", "POST /v1/check", "phone", "ab", "", "", "none", ""};
    ASSERT_TRUE((*store)->Append(entries).ok());
  }
  testutil::TempDir dir_;
  std::string db_, key_, iban_pseudonym_;
};

TEST(AuditCommandHelpTest, ShowsOptions) {
  auto r = RunZicht({"audit", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(HelpLine(r.out, "--format").find("table|json|jsonl|csv"), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--key-file").find("zicht-pseudonym.key next to the database"), std::string::npos);
  for (const char* o : {"--partner", "--since", "--pseudonym", "--kind", "--value", "--limit"}) {
    EXPECT_NE(HelpLine(r.out, o), "") << o;
  }
}

TEST_F(AuditCommandTest, JsonAndFilters) {
  auto all = RunZicht({"audit", "--db", db_, "--format", "json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(all.out.c_str()).HasParseError()) << all.out;
  ASSERT_EQ(doc.Size(), 3u);
  EXPECT_STREQ(doc[0]["at"].GetString(), "2024-03-01T10:00:00Z");
  EXPECT_STREQ(doc[0]["pseudonym"].GetString(), iban_pseudonym_.c_str());
  EXPECT_STREQ(doc[1]["subject"].GetString(), "c-123");
  EXPECT_EQ(RunZicht({"audit", "--db", db_}).out, all.out) << "json when stdout is not a terminal";

  auto partner = RunZicht({"audit", "--db", db_, "--partner", "politie", "--format", "jsonl"});
  EXPECT_EQ(partner.out.find('\n'), partner.out.size() - 1) << partner.out;
  EXPECT_NE(partner.out.find("\"partner\":\"politie\""), std::string::npos);
  auto since = RunZicht({"audit", "--db", db_, "--since", "2024-03-02", "--format", "jsonl"});
  EXPECT_EQ(since.out.find("bank-x\",\"key_id\":\"k1\",\"endpoint\":\"POST /v1/check\",\"kind\":\"iban\""),
            std::string::npos)
      << since.out;
  auto limit = RunZicht({"audit", "--db", db_, "--limit", "1", "--format", "jsonl"});
  EXPECT_NE(limit.out.find("\"kind\":\"phone\""), std::string::npos) << "the most recent: " << limit.out;
  EXPECT_EQ(limit.out.find('\n'), limit.out.size() - 1);
}

TEST_F(AuditCommandTest, SearchByValueOrPseudonym) {
  // Any spelling; pseudonymised with the key next to the database.
  auto by_value = RunZicht({"audit", "--db", db_, "--kind", "iban", "--value", "nl91 abna 0417 1643 00", "--format",
                            "jsonl"});
  ASSERT_EQ(by_value.exit_code, 0) << by_value.err;
  EXPECT_NE(by_value.out.find("\"purpose\":\"payment 1\""), std::string::npos) << by_value.out;
  EXPECT_EQ(by_value.out.find('\n'), by_value.out.size() - 1);
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--pseudonym", iban_pseudonym_, "--format", "jsonl"}).out, by_value.out);
  // Another key finds nothing.
  testutil::WriteFile(dir_.File("other.key"), std::string(64, '1') + "\n");
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--kind", "iban", "--value", "NL91ABNA0417164300", "--key-file",
                      dir_.File("other.key"), "--format", "jsonl"})
                .out,
            "");
}

TEST_F(AuditCommandTest, CsvQuotesAndTable) {
  auto csv = RunZicht({"audit", "--db", db_, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("seq,at,partner,key_id,endpoint,kind,pseudonym,subject,purpose,legal_basis,result\n", 0), 0u);
  EXPECT_NE(csv.out.find(",c-123,\"case, \"\"x\"\"\",,ok\n"), std::string::npos) << csv.out;
  auto table = RunZicht({"audit", "--db", db_, "--format", "table"});
  EXPECT_EQ(table.out.rfind("AT                    PARTNER", 0), 0u) << table.out;
  EXPECT_EQ(table.err, "3 entries\n");
}

TEST_F(AuditCommandTest, ExitCodes) {
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--kind", "iban"}).exit_code, 2) << "--kind needs --value";
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--value", "x"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--kind", "bsn", "--value", "1"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--since", "gisteren"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--limit", "x"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"audit", "--db", db_, "--kind", "iban", "--value", "x", "--key-file", dir_.File("none")})
                .exit_code,
            1)
      << "no key file";
}

}  // namespace
}  // namespace zicht::cli

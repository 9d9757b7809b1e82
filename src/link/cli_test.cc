// End to end through the real `zicht` binary: ingest, then clusters,
// cluster exports, check and warning-lists.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <filesystem>

#include "link/cluster_id.h"
#include "testutil/testutil.h"

namespace zicht::link {
namespace {

using testutil::RunZicht;

constexpr const char* kReports =
    R"({"id":"A","source":"politie","reported_at":"2024-03-01","fraud_type":"hulpvraagfraude","damage_eur":1200,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},{"kind":"phone","value":"020 22 888 00","role":"spoofed"}]})"
    "\n"
    R"({"id":"B","source":"fraudehelpdesk","reported_at":"2024-03-02","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"},{"kind":"phone","value":"06-12345678"}]})"
    "\n"
    R"({"id":"C","source":"fraudehelpdesk","reported_at":"2024-03-03","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"phone","value":"+31 6 12345678"},{"kind":"url","value":"https://betaal.example.nl/x"}]})"
    "\n"
    R"({"id":"D","source":"bank","reported_at":"2024-03-04","fraud_type":"aankoopfraude","identifiers":[{"kind":"url","value":"https://www.marktplaats.nl/a"}]})"
    "\n"
    R"({"id":"E","source":"bank","reported_at":"2024-03-05","fraud_type":"aankoopfraude","identifiers":[{"kind":"url","value":"https://www.marktplaats.nl/a"},{"kind":"handle","value":"@seller1"}]})"
    "\n"
    R"({"id":"F","source":"bank","reported_at":"2024-03-05","fraud_type":"aankoopfraude","identifiers":[{"kind":"handle","value":"@Seller1"}]})"
    "\n";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    testutil::WriteFile(dir_.File("r.jsonl"), kReports);
    auto r = RunZicht({"ingest", dir_.File("r.jsonl"), "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  }
  testutil::TempDir dir_;
  std::string db_;
};

TEST_F(CliTest, ClustersMembersCsv) {
  auto r = RunZicht({"clusters", "--members", "--format", "csv", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string a = ClusterId("fraudehelpdesk", "B");  // smallest of {politie/A, fraudehelpdesk/B, fraudehelpdesk/C}
  std::string e = ClusterId("bank", "E");
  // Two clusters; the bigger, with damage and a mule, ranks first.
  EXPECT_EQ(r.out, "cluster_id,source,report_id\n" + a + ",fraudehelpdesk,B\n" + a + ",fraudehelpdesk,C\n" + a +
                       ",politie,A\n" + e + ",bank,E\n" + e + ",bank,F\n");
  auto top = RunZicht({"clusters", "--members", "--format", "csv", "--top", "1", "--db", db_});
  EXPECT_EQ(top.out, "cluster_id,source,report_id\n" + a + ",fraudehelpdesk,B\n" + a + ",fraudehelpdesk,C\n" + a +
                         ",politie,A\n");
}

TEST_F(CliTest, ClustersJsonAndMules) {
  auto r = RunZicht({"clusters", "--format", "json", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  ASSERT_EQ(doc["clusters"].Size(), 2u);
  EXPECT_EQ(doc["clusters"][0]["reports"].GetInt(), 3);
  EXPECT_EQ(doc["clusters"][0]["mules"].GetInt(), 1);
  EXPECT_NE(std::string(doc["clusters"][0]["explanation"].GetString()).find("3 reports from 2 sources"),
            std::string::npos);
  EXPECT_TRUE(doc["warnings"].IsArray());
  auto m = RunZicht({"clusters", "--mules", "--format", "csv", "--db", db_});
  EXPECT_EQ(m.out, "iban,reports,cluster_id\nNL91ABNA0417164300,2," + ClusterId("fraudehelpdesk", "B") + "\n");
  EXPECT_EQ(RunZicht({"clusters", "--min-reports", "3", "--format", "jsonl", "--db", db_}).out.find('\n'),
            RunZicht({"clusters", "--min-reports", "3", "--format", "jsonl", "--db", db_}).out.size() - 1);
  EXPECT_EQ(RunZicht({"clusters", "--top", "x", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"clusters", "--db", dir_.File("missing.db")}).exit_code, 1);
}

TEST_F(CliTest, ClusterExports) {
  std::string id = ClusterId("fraudehelpdesk", "B");
  auto json = RunZicht({"cluster", id, "--format", "json", "--db", db_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["reports"].Size(), 3u);
  EXPECT_STREQ(doc["mules"][0].GetString(), "NL91ABNA0417164300");
  EXPECT_EQ(RunZicht({"cluster", id, "--format", "dot", "--db", db_}).out.rfind("graph ", 0), 0u);
  EXPECT_NE(RunZicht({"cluster", id, "--format", "graphml", "--db", db_}).out.find("</graphml>"), std::string::npos);
  auto stix = RunZicht({"cluster", id, "--format", "stix", "--db", db_});
  doc.Parse(stix.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["type"].GetString(), "bundle");
  EXPECT_GT(doc["objects"].Size(), 5u);
  EXPECT_EQ(RunZicht({"cluster", "c-000000000000", "--db", db_}).exit_code, 1);
  EXPECT_EQ(RunZicht({"cluster", id, "--format", "pdf", "--db", db_}).exit_code, 2);
}

TEST_F(CliTest, CheckVerdicts) {
  auto r = RunZicht({"check", "iban", "NL91 ABNA 0417 1643 00", "--format", "json", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  EXPECT_STREQ(doc["risk"].GetString(), "high");
  EXPECT_STREQ(doc["normalized"].GetString(), "NL91ABNA0417164300");
  EXPECT_EQ(doc["reports"].GetInt(), 2);
  EXPECT_EQ(doc["damage_eur"].GetDouble(), 1200.0);
  EXPECT_STREQ(doc["cluster"]["id"].GetString(), ClusterId("fraudehelpdesk", "B").c_str());
  const char* fields[] = {"kind", "value", "normalized", "valid", "known", "risk", "reasons", "reports", "losses",
                          "damage_eur", "first_seen", "last_seen", "fraud_types", "cluster"};
  EXPECT_EQ(doc.MemberCount(), std::size(fields));
  for (const char* f : fields) EXPECT_TRUE(doc.HasMember(f)) << f;

  auto spoofed = RunZicht({"check", "phone", "+31202288800", "--format", "json", "--db", db_});
  doc.Parse(spoofed.out.c_str());
  EXPECT_STREQ(doc["risk"].GetString(), "low");
  auto none = RunZicht({"check", "phone", "0699999999", "--format", "json", "--db", db_});
  doc.Parse(none.out.c_str());
  EXPECT_STREQ(doc["risk"].GetString(), "none");
  auto invalid = RunZicht({"check", "iban", "NL00XXXX", "--format", "json", "--db", db_});
  EXPECT_EQ(invalid.exit_code, 0);
  doc.Parse(invalid.out.c_str());
  EXPECT_FALSE(doc["valid"].GetBool());
  EXPECT_EQ(RunZicht({"check", "fax", "1", "--db", db_}).exit_code, 2);
}

TEST_F(CliTest, ImportedWarningListsUnlink) {
  testutil::WriteFile(dir_.File("mine.txt"), "# name: mine\nhandle,@seller1\n");
  auto imp = RunZicht({"warninglist", "import", dir_.File("mine.txt"), "--db", db_});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_NE(imp.out.find("1 entries"), std::string::npos);
  testutil::WriteFile(dir_.File("misp.json"),
                      R"({"name":"misp-pay","type":"hostname","list":["example.nl"],"description":"x"})");
  ASSERT_EQ(RunZicht({"warninglist", "import", dir_.File("misp.json"), "--db", db_}).exit_code, 0);
  auto list = RunZicht({"warninglist", "list", "--format", "csv", "--db", db_});
  EXPECT_NE(list.out.find("mine,"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("misp-pay,"), std::string::npos);
  EXPECT_NE(list.out.find("nl-bank-service-numbers,shipped,"), std::string::npos);
  // The handle cluster is gone; the IBAN/phone cluster stays.
  auto r = RunZicht({"clusters", "--members", "--format", "csv", "--db", db_});
  EXPECT_EQ(r.out.find("bank,"), std::string::npos) << r.out;
  auto check = RunZicht({"check", "handle", "@SELLER1", "--format", "json", "--db", db_});
  EXPECT_NE(check.out.find("\"WARNINGLISTED\""), std::string::npos) << check.out;
  testutil::WriteFile(dir_.File("bad.txt"), "iban,NL91ABNA0417164300\nfax,1\n");
  auto bad = RunZicht({"warninglist", "import", dir_.File("bad.txt"), "--db", db_});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("line 2"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace zicht::link

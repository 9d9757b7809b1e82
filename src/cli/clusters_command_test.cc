// `zicht clusters` through the real binary: priority order, members, mules,
// formats and exit codes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "link/cluster_id.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST_F(LinkedReportsTest, ClustersMembersCsv) {
  auto r = RunZicht({"clusters", "--members", "--format", "csv", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string a = link::ClusterId("fraudehelpdesk", "B");  // smallest of {politie/A, fraudehelpdesk/B, fraudehelpdesk/C}
  std::string e = link::ClusterId("bank", "E");
  // Two clusters; the bigger, with damage and a mule, ranks first.
  EXPECT_EQ(r.out, "cluster_id,source,report_id\n" + a + ",fraudehelpdesk,B\n" + a + ",fraudehelpdesk,C\n" + a +
                       ",politie,A\n" + e + ",bank,E\n" + e + ",bank,F\n");
  auto top = RunZicht({"clusters", "--members", "--format", "csv", "--top", "1", "--db", db_});
  EXPECT_EQ(top.out, "cluster_id,source,report_id\n" + a + ",fraudehelpdesk,B\n" + a + ",fraudehelpdesk,C\n" + a +
                         ",politie,A\n");
}

TEST_F(LinkedReportsTest, ClustersJsonAndMules) {
  auto r = RunZicht({"clusters", "--format", "json", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  ASSERT_EQ(doc["clusters"].Size(), 2u);
  EXPECT_EQ(doc["clusters"][0]["reports"].GetInt(), 3);
  EXPECT_EQ(doc["clusters"][0]["mules"].GetInt(), 1);
  ASSERT_TRUE(doc["clusters"][0]["explanation"].IsArray());
  EXPECT_STREQ(doc["clusters"][0]["explanation"][0].GetString(), "3 reports from 2 sources");
  EXPECT_TRUE(doc["warnings"].IsArray());
  auto m = RunZicht({"clusters", "--mules", "--format", "csv", "--db", db_});
  EXPECT_EQ(m.out, "iban,reports,cluster_id\nNL91ABNA0417164300,2," + link::ClusterId("fraudehelpdesk", "B") + "\n");
  EXPECT_EQ(RunZicht({"clusters", "--min-reports", "3", "--format", "jsonl", "--db", db_}).out.find('\n'),
            RunZicht({"clusters", "--min-reports", "3", "--format", "jsonl", "--db", db_}).out.size() - 1);
  EXPECT_EQ(RunZicht({"clusters", "--top", "x", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"clusters", "--db", dir_.File("missing.db")}).exit_code, 1);
}

TEST(ClustersCommandHelpTest, ShowsDefaults) {
  auto r = RunZicht({"clusters", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(HelpLine(r.out, "--top").find("=0 "), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--min-reports").find("=2 "), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--format").find("table|json|jsonl|csv"), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--members"), "");
  EXPECT_NE(HelpLine(r.out, "--mules"), "");
}

TEST_F(LinkedReportsTest, ClustersDefaultFormatAndTable) {
  auto json = RunZicht({"clusters", "--format", "json", "--db", db_});
  EXPECT_EQ(RunZicht({"clusters", "--db", db_}).out, json.out) << "json when stdout is not a terminal";
  auto table = RunZicht({"clusters", "--format", "table", "--db", db_});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find(link::ClusterId("fraudehelpdesk", "B")), std::string::npos) << table.out;
  auto members = RunZicht({"clusters", "--members", "--format", "jsonl", "--db", db_});
  EXPECT_EQ(members.exit_code, 0) << members.err;
  EXPECT_NE(members.out.find("\"report_id\":\"F\""), std::string::npos) << members.out;
  EXPECT_EQ(RunZicht({"clusters", "--members", "--mules", "--db", db_}).exit_code, 2) << "one or the other";
  EXPECT_EQ(RunZicht({"clusters", "--min-reports", "1", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"clusters", "--format", "dot", "--db", db_}).exit_code, 2);
}

}  // namespace
}  // namespace zicht::cli

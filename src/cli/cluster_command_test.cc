// `zicht cluster ID` through the real binary: every export format, unknown
// ids and formats.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "link/cluster_id.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST_F(LinkedReportsTest, ClusterExports) {
  std::string id = link::ClusterId("fraudehelpdesk", "B");
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

TEST(ClusterCommandHelpTest, ShowsFormats) {
  auto r = RunZicht({"cluster", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(HelpLine(r.out, "--format").find("table|json|dot|graphml|stix"), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "ID").find("REQUIRED"), std::string::npos) << r.out;
}

TEST_F(LinkedReportsTest, ClusterDefaultFormatAndTable) {
  std::string id = link::ClusterId("bank", "E");
  auto json = RunZicht({"cluster", id, "--format", "json", "--db", db_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(RunZicht({"cluster", id, "--db", db_}).out, json.out) << "json when stdout is not a terminal";
  auto table = RunZicht({"cluster", id, "--format", "table", "--db", db_});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("@seller1"), std::string::npos) << table.out;
  EXPECT_EQ(RunZicht({"cluster", "--db", db_}).exit_code, 2) << "ID is required";
}

}  // namespace
}  // namespace zicht::cli

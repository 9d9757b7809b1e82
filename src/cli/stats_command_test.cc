// `zicht stats` through the real binary: --by month by default, week on
// request, --type and --since filters, the three formats, exit codes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST(StatsCommandHelpTest, ShowsDefaults) {
  auto r = RunZicht({"stats", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(HelpLine(r.out, "--by").find("=month "), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "--format").find("table|json|csv"), std::string::npos) << r.out;
}

TEST_F(LinkedReportsTest, StatsByMonthByDefault) {
  auto csv = RunZicht({"stats", "--format", "csv", "--db", db_});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "period,fraud_type,reports,attempts,losses,damage_eur\n"
            "2024-03,hulpvraagfraude,3,2,1,1200.00\n"
            "2024-03,aankoopfraude,3,3,0,0.00\n");
}

TEST_F(LinkedReportsTest, StatsByWeekTypeSince) {
  auto week = RunZicht({"stats", "--by", "week", "--type", "aankoopfraude", "--format", "csv", "--db", db_});
  ASSERT_EQ(week.exit_code, 0) << week.err;
  EXPECT_EQ(week.out, "period,fraud_type,reports,attempts,losses,damage_eur\n2024-W10,aankoopfraude,3,3,0,0.00\n");
  auto since = RunZicht({"stats", "--since", "2024-03-03", "--format", "csv", "--db", db_});
  EXPECT_EQ(since.out,
            "period,fraud_type,reports,attempts,losses,damage_eur\n"
            "2024-03,hulpvraagfraude,1,1,0,0.00\n"
            "2024-03,aankoopfraude,3,3,0,0.00\n");
}

TEST_F(LinkedReportsTest, StatsJsonAndTable) {
  auto json = RunZicht({"stats", "--format", "json", "--db", db_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(json.out.c_str()).HasParseError()) << json.out;
  EXPECT_STREQ(doc["by"].GetString(), "month");
  EXPECT_EQ(doc["rows"].Size(), 2u);
  // Not a terminal and no --format: json, so pipes get what a program reads.
  EXPECT_EQ(RunZicht({"stats", "--db", db_}).out, json.out);
  auto table = RunZicht({"stats", "--format", "table", "--db", db_});
  EXPECT_EQ(table.out.rfind("period    fraud_type", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("\ntotal"), std::string::npos) << table.out;
}

TEST_F(LinkedReportsTest, StatsExitCodes) {
  EXPECT_EQ(RunZicht({"stats", "--by", "day", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--type", "nope", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--since", "gisteren", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--format", "jsonl", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--db", dir_.File("none.db")}).exit_code, 1);
}

}  // namespace
}  // namespace zicht::cli

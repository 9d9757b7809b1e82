// `zicht check KIND VALUE` through the real binary: the verdict of
// POST /v1/check, its fields and risk levels, and usage errors.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "link/cluster_id.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST_F(LinkedReportsTest, CheckVerdicts) {
  auto r = RunZicht({"check", "iban", "NL91 ABNA 0417 1643 00", "--format", "json", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  EXPECT_STREQ(doc["risk"].GetString(), "high");
  EXPECT_STREQ(doc["normalized"].GetString(), "NL91ABNA0417164300");
  EXPECT_EQ(doc["reports"].GetInt(), 2);
  EXPECT_EQ(doc["damage_eur"].GetDouble(), 1200.0);
  EXPECT_STREQ(doc["cluster"]["id"].GetString(), link::ClusterId("fraudehelpdesk", "B").c_str());
  const char* fields[] = {"kind", "value", "normalized", "valid", "known", "risk", "reasons", "reports", "losses",
                          "damage_eur", "first_seen", "last_seen", "fraud_types", "cluster", "outcomes"};
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

TEST(CheckCommandHelpTest, ShowsKindsAndFormats) {
  auto r = RunZicht({"check", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(HelpLine(r.out, "--format").find("table|json"), std::string::npos) << r.out;
  EXPECT_NE(HelpLine(r.out, "KIND").find("iban|phone|email|url|device|handle|crypto"), std::string::npos) << r.out;
}

TEST_F(LinkedReportsTest, CheckDefaultFormatAndTable) {
  auto json = RunZicht({"check", "handle", "@seller1", "--format", "json", "--db", db_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(RunZicht({"check", "handle", "@seller1", "--db", db_}).out, json.out)
      << "json when stdout is not a terminal";
  auto table = RunZicht({"check", "handle", "@seller1", "--format", "table", "--db", db_});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("high"), std::string::npos) << table.out;
  EXPECT_EQ(RunZicht({"check", "iban", "--db", db_}).exit_code, 2) << "VALUE is required";
  EXPECT_EQ(RunZicht({"check", "iban", "NL91ABNA0417164300", "--format", "csv", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"check", "iban", "NL91ABNA0417164300", "--db", dir_.File("none.db")}).exit_code, 1);
}

}  // namespace
}  // namespace zicht::cli

// `zicht warninglist import|list` through the real binary: the defaults,
// options, formats and exit codes its --help promises.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

class WarninglistCommandTest : public ::testing::Test {
 protected:
  testutil::TempDir dir_;
  std::string db_ = dir_.File("zicht.db");
};

// --help: "list name (default: from the file, else its file name)".
TEST_F(WarninglistCommandTest, ImportNamesTheListAfterItsFileByDefault) {
  testutil::WriteFile(dir_.File("my-list.txt"), "iban,NL91ABNA0417164300\n");
  auto imp = RunZicht({"warninglist", "import", dir_.File("my-list.txt"), "--db", db_});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_EQ(imp.out, "imported warning-list 'my-list': 1 entries\n");
  auto list = RunZicht({"warninglist", "list", "--format", "csv", "--db", db_});
  EXPECT_NE(list.out.find("\nmy-list,"), std::string::npos) << list.out;
}

TEST_F(WarninglistCommandTest, ImportNameFromTheFileElseFromNameOption) {
  testutil::WriteFile(dir_.File("a.txt"), "# name: from-header\nhandle,@x\n");
  EXPECT_EQ(RunZicht({"warninglist", "import", dir_.File("a.txt"), "--db", db_}).out,
            "imported warning-list 'from-header': 1 entries\n");
  // --name wins over the file's own name.
  EXPECT_EQ(RunZicht({"warninglist", "import", dir_.File("a.txt"), "--name", "given", "--db", db_}).out,
            "imported warning-list 'given': 1 entries\n");
  testutil::WriteFile(dir_.File("m.json"), R"({"name":"misp-name","type":"hostname","list":["example.nl"]})");
  EXPECT_EQ(RunZicht({"warninglist", "import", dir_.File("m.json"), "--db", db_}).out,
            "imported warning-list 'misp-name': 1 entries\n");
  testutil::WriteFile(dir_.File("nameless.json"), R"({"type":"hostname","list":["example.org"]})");
  EXPECT_EQ(RunZicht({"warninglist", "import", dir_.File("nameless.json"), "--db", db_}).out,
            "imported warning-list 'nameless': 1 entries\n");
}

TEST(WarninglistCommandHelpTest, ShowsDefaults) {
  auto imp = RunZicht({"warninglist", "import", "--help"});
  ASSERT_EQ(imp.exit_code, 0);
  EXPECT_NE(HelpLine(imp.out, "--name").find("default: from the file, else its file name"), std::string::npos)
      << imp.out;
  EXPECT_NE(HelpLine(imp.out, "--kind").find("default: told from each value's shape"), std::string::npos);
  EXPECT_NE(HelpLine(imp.out, "FILE").find("REQUIRED"), std::string::npos);
  auto list = RunZicht({"warninglist", "list", "--help"});
  EXPECT_NE(HelpLine(list.out, "--format").find("table|json|csv"), std::string::npos) << list.out;
}

TEST_F(WarninglistCommandTest, ListFormats) {
  // Without a database only the shipped lists; json is the default on a pipe.
  auto json = RunZicht({"warninglist", "list", "--db", db_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(json.out.c_str()).HasParseError()) << json.out;
  ASSERT_EQ(doc["lists"].Size(), 2u);
  EXPECT_TRUE(doc["lists"][0]["shipped"].GetBool());
  EXPECT_TRUE(doc["lists"][0]["imported_at"].IsNull());
  EXPECT_GT(doc["lists"][0]["entries"].GetInt(), 0);
  auto table = RunZicht({"warninglist", "list", "--format", "table", "--db", db_});
  EXPECT_EQ(table.out.rfind("name ", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("nl-platform-domains"), std::string::npos);
  EXPECT_EQ(RunZicht({"warninglist", "list", "--format", "jsonl", "--db", db_}).exit_code, 2);
}

TEST_F(WarninglistCommandTest, ImportExitCodes) {
  EXPECT_EQ(RunZicht({"warninglist"}).exit_code, 2) << "import or list";
  EXPECT_EQ(RunZicht({"warninglist", "import", "--db", db_}).exit_code, 2) << "FILE is required";
  testutil::WriteFile(dir_.File("l.json"), R"({"type":"string","list":["example.org"]})");
  EXPECT_EQ(RunZicht({"warninglist", "import", dir_.File("l.json"), "--kind", "fax", "--db", db_}).exit_code, 2);
  EXPECT_EQ(RunZicht({"warninglist", "import", dir_.File("absent.txt"), "--db", db_}).exit_code, 1);
  auto forced = RunZicht({"warninglist", "import", dir_.File("l.json"), "--kind", "url", "--db", db_});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
}

// An imported list unlinks what it names, from the next command on.
TEST_F(LinkedReportsTest, ImportedWarningListsUnlink) {
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
  auto skipped = RunZicht({"warninglist", "import", dir_.File("bad.txt"), "--db", db_});
  EXPECT_EQ(skipped.exit_code, 0) << "a bad entry is skipped and reported";
  EXPECT_NE(skipped.err.find("line 2: kind 'fax'"), std::string::npos) << skipped.err;
  auto bad = RunZicht({"warninglist", "import", dir_.File("bad.txt"), "--strict", "--db", db_});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("line 2"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace zicht::cli

// `zicht keys add|list|revoke` through the real binary: the key printed once,
// the default keys file, every list format, revocation, exit codes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST(KeysCommandTest, HelpShowsDefaults) {
  auto add = RunZicht({"keys", "add", "--help"});
  ASSERT_EQ(add.exit_code, 0);
  EXPECT_NE(HelpLine(add.out, "--keys").find("=zicht-keys.toml "), std::string::npos) << add.out;
  EXPECT_NE(HelpLine(add.out, "--partner").find("REQUIRED"), std::string::npos) << add.out;
  EXPECT_NE(HelpLine(add.out, "--role").find("REQUIRED"), std::string::npos) << add.out;
  EXPECT_NE(HelpLine(add.out, "--legal-basis").find("REQUIRED"), std::string::npos) << add.out;
  EXPECT_NE(add.out.find("hit (known + risk), risk (+ reasons) or detail"), std::string::npos) << add.out;
  EXPECT_NE(add.out.find("payment-screening, onboarding, transaction-monitoring"), std::string::npos) << add.out;
  auto list = RunZicht({"keys", "list", "--help"});
  EXPECT_NE(HelpLine(list.out, "--format").find("table|json|jsonl|csv"), std::string::npos) << list.out;
  EXPECT_NE(HelpLine(RunZicht({"keys", "revoke", "--help"}).out, "--keys").find("=zicht-keys.toml "),
            std::string::npos);
}

TEST(KeysCommandTest, AddPrintsTheKeyOnceIntoTheDefaultFile) {
  testutil::TempDir dir;
  auto r = RunZichtIn(dir.path().string(), {}, {"keys", "add", "--partner", "bank-x", "--role", "checker", "--legal-basis", "AVG art. 6(1)(f)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.size(), 3u + 43u + 1u) << r.out;  // zk_ + 43 base64url characters + newline
  EXPECT_EQ(r.out.rfind("zk_", 0), 0u);
  EXPECT_NE(r.err.find("shown once"), std::string::npos) << r.err;
  std::string file = dir.File("zicht-keys.toml");
  ASSERT_TRUE(std::filesystem::exists(file));
  std::string text = testutil::ReadFile(file);
  EXPECT_EQ(text.find(r.out.substr(3, 43)), std::string::npos) << "only the hash is stored";
  EXPECT_NE(text.find("partner = 'bank-x'"), std::string::npos) << text;  // toml++ writes literal strings
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(KeysCommandTest, ListFormatsAndRevoke) {
  testutil::TempDir dir;
  std::string keys = dir.File("k.toml");
  ASSERT_EQ(RunZicht({"keys", "add", "--partner", "bank-x", "--role", "checker", "--legal-basis", "AVG", "--keys", keys}).exit_code,
            0);
  ASSERT_EQ(RunZicht({"keys", "add", "--partner", "politie", "--role", "analyst", "--legal-basis", "Politiewet, art. 3",
                      "--keys", keys})
                .exit_code,
            0);

  auto json = RunZicht({"keys", "list", "--keys", keys, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(json.out.c_str()).HasParseError()) << json.out;
  ASSERT_EQ(doc.Size(), 2u);
  EXPECT_STREQ(doc[0]["partner"].GetString(), "bank-x");
  EXPECT_STREQ(doc[0]["role"].GetString(), "checker");
  EXPECT_FALSE(doc[0]["revoked"].GetBool());
  std::string id = doc[0]["id"].GetString();
  EXPECT_EQ(id.size(), 12u);
  EXPECT_EQ(RunZicht({"keys", "list", "--keys", keys}).out, json.out) << "json when stdout is not a terminal";

  auto jsonl = RunZicht({"keys", "list", "--keys", keys, "--format", "jsonl"});
  EXPECT_EQ(jsonl.out.rfind("{\"id\":\"" + id + "\",\"partner\":\"bank-x\"", 0), 0u) << jsonl.out;
  EXPECT_NE(jsonl.out.find("}\n{\"id\":"), std::string::npos) << jsonl.out;

  auto revoke = RunZicht({"keys", "revoke", id, "--keys", keys});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_NE(revoke.err.find("revoked 1 key(s)"), std::string::npos) << revoke.err;
  auto csv = RunZicht({"keys", "list", "--keys", keys, "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("id,partner,role,scope,purposes,legal_basis,created,revoked\n" + id +
                              ",bank-x,checker,hit,payment-screening,AVG,",
                          0),
            0u)
      << csv.out;
  EXPECT_NE(csv.out.find(",true\n"), std::string::npos) << csv.out;
  // The role's defaults, and a comma in the legal basis quoted.
  EXPECT_NE(csv.out.find(",politie,analyst,detail,fraud-investigation,\"Politiewet, art. 3\","), std::string::npos)
      << csv.out;
  auto table = RunZicht({"keys", "list", "--keys", keys, "--format", "table"});
  EXPECT_EQ(table.out.rfind("ID            PARTNER", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("revoked"), std::string::npos);
  EXPECT_NE(table.out.find("active"), std::string::npos);

  // By partner; a second revoke finds no active key.
  EXPECT_EQ(RunZicht({"keys", "revoke", "politie", "--keys", keys}).exit_code, 0);
  EXPECT_EQ(RunZicht({"keys", "revoke", "politie", "--keys", keys}).exit_code, 1);
}

TEST(KeysCommandTest, ExitCodes) {
  testutil::TempDir dir;
  std::string keys = dir.File("k.toml");
  EXPECT_EQ(RunZicht({"keys"}).exit_code, 2) << "a subcommand is required";
  EXPECT_EQ(RunZicht({"keys", "add", "--partner", "bank-x", "--keys", keys}).exit_code, 2) << "no --role";
  EXPECT_EQ(RunZicht({"keys", "add", "--partner", "bank-x", "--role", "admin", "--keys", keys}).exit_code, 2);
  EXPECT_EQ(RunZicht({"keys", "add", "--partner", "Bank X", "--role", "checker", "--keys", keys}).exit_code, 2);
  EXPECT_EQ(RunZicht({"keys", "list", "--keys", keys, "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"keys", "revoke", "--keys", keys}).exit_code, 2) << "no target";
  EXPECT_FALSE(std::filesystem::exists(keys)) << "usage errors write nothing";
  // A missing keys file is an empty list; a malformed one is a failure.
  auto empty = RunZicht({"keys", "list", "--keys", keys, "--format", "csv"});
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "id,partner,role,scope,purposes,legal_basis,created,revoked\n");
  testutil::WriteFile(keys, "[[key]\n");
  EXPECT_EQ(RunZicht({"keys", "list", "--keys", keys}).exit_code, 1);
  EXPECT_EQ(
      RunZicht({"keys", "add", "--partner", "bank-x", "--role", "checker", "--legal-basis", "b", "--keys", keys}).exit_code,
      1);
}

// Scope and purposes: written to the file, shown by list, defaults by role;
// a typo is a usage error that writes nothing.
TEST(KeysCommandTest, ScopesPurposesAndLegalBasis) {
  testutil::TempDir dir;
  std::string keys = dir.File("k.toml");
  auto add = RunZicht({"keys", "add", "--partner", "rabobank", "--role", "checker", "--scope", "risk", "--purpose",
                       "onboarding", "--purpose", "payment-screening", "--legal-basis",
                       "AVG art. 6(1)(f); convenant PPS", "--keys", keys});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("scope risk, purposes payment-screening, onboarding"), std::string::npos) << add.err;
  std::string text = testutil::ReadFile(keys);
  EXPECT_NE(text.find("scope = 'risk'"), std::string::npos) << text;
  EXPECT_NE(text.find("purposes = [ 'payment-screening', 'onboarding' ]"), std::string::npos) << text;
  EXPECT_NE(text.find("legal_basis = 'AVG art. 6(1)(f); convenant PPS'"), std::string::npos) << text;
  auto json = RunZicht({"keys", "list", "--keys", keys, "--format", "json"});
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(json.out.c_str()).HasParseError()) << json.out;
  EXPECT_STREQ(doc[0]["scope"].GetString(), "risk");
  ASSERT_EQ(doc[0]["purposes"].Size(), 2u);
  EXPECT_STREQ(doc[0]["legal_basis"].GetString(), "AVG art. 6(1)(f); convenant PPS");

  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--scope", "full"}, {"--purpose", "marketing"}, {"--legal-basis", ""},
        {"--legal-basis", std::string(201, 'x')}}) {
    std::vector<std::string> args = {"keys", "add", "--partner", "x", "--role", "checker", "--keys", keys};
    args.insert(args.end(), bad.begin(), bad.end());
    if (bad[0] != "--legal-basis") args.insert(args.end(), {"--legal-basis", "b"});
    auto r = RunZicht(args);
    EXPECT_EQ(r.exit_code, 2) << bad[0] << ": " << r.err;
    EXPECT_NE(r.err.find(bad[0]), std::string::npos) << r.err;
  }
  EXPECT_EQ(testutil::ReadFile(keys), text) << "refused adds write nothing";
}

}  // namespace
}  // namespace zicht::cli

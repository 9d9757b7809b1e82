// `zicht` itself through the real binary: --help, --version, usage errors,
// and the database option before or after the subcommand and from ZICHT_DB
// (db_option.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

const char* const kSubcommands[] = {"ingest", "normalize",    "generate", "stats",    "clusters",
                                    "cluster", "check",       "warninglist", "serve", "keys",
                                    "audit",  "pseudonymize", "evaluate", "screen",  "migrate"};

TEST(MainTest, HelpListsEverySubcommandAndTheDatabase) {
  auto r = RunZicht({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* sub : kSubcommands) EXPECT_NE(HelpLine(r.out, sub), "") << sub << "\n" << r.out;
  std::string db = HelpLine(r.out, "--db");
  EXPECT_NE(db.find("$ZICHT_DB, else zicht.db"), std::string::npos) << r.out;
}

TEST(MainTest, EverySubcommandHasHelp) {
  for (const char* sub : kSubcommands) {
    auto r = RunZicht({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub << ": " << r.err;
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << sub;
  }
}

TEST(MainTest, VersionAndUsageErrors) {
  auto v = RunZicht({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, "zicht 0.1.0\n");
  EXPECT_EQ(RunZicht({}).exit_code, 2) << "a subcommand is required";
  EXPECT_EQ(RunZicht({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"--no-such-option", "stats"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"--db"}).exit_code, 2) << "--db needs a path";
}

// The data every database test ingests: one report.
constexpr const char* kOneReport =
    R"({"id":"1","source":"politie","reported_at":"2024-03-01","fraud_type":"phishing"})"
    "\n";

class DatabaseOptionTest : public ::testing::Test {
 protected:
  void SetUp() override { testutil::WriteFile(dir_.File("r.jsonl"), kOneReport); }
  bool Exists(const std::string& name) const { return std::filesystem::exists(dir_.File(name)); }
  // `zicht ingest r.jsonl` with `before` in front of the subcommand, `after`
  // behind it, and `env`; run in the test's directory.
  testutil::CommandResult Ingest(const std::vector<std::string>& before, const std::vector<std::string>& after,
                                 const std::vector<std::string>& env = {}) {
    std::vector<std::string> args = before;
    args.push_back("ingest");
    args.push_back("r.jsonl");
    args.insert(args.end(), after.begin(), after.end());
    return RunZichtIn(dir_.path().string(), env, args);
  }
  testutil::TempDir dir_;
};

TEST_F(DatabaseOptionTest, DefaultIsZichtDbInTheWorkingDirectory) {
  ASSERT_EQ(Ingest({}, {}).exit_code, 0);
  EXPECT_TRUE(Exists("zicht.db"));
}

TEST_F(DatabaseOptionTest, BeforeTheSubcommandActsLikeAfterIt) {
  auto r = Ingest({"--db", "before.db"}, {"--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":1"), std::string::npos) << r.out;
  EXPECT_TRUE(Exists("before.db"));
  EXPECT_FALSE(Exists("zicht.db"));
  // Read back with --db in either place.
  auto stats = RunZichtIn(dir_.path().string(), {}, {"--db", "before.db", "stats", "--format", "csv"});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(stats.out, "period,fraud_type,reports,attempts,losses,damage_eur\n2024-03,phishing,1,1,0,0.00\n");
  EXPECT_EQ(RunZichtIn(dir_.path().string(), {}, {"stats", "--format", "csv", "--db", "before.db"}).out, stats.out);
}

TEST_F(DatabaseOptionTest, NestedSubcommandsTakeItToo) {
  testutil::WriteFile(dir_.File("l.txt"), "iban,NL91ABNA0417164300\n");
  auto r = RunZichtIn(dir_.path().string(), {}, {"--db", "lists.db", "warninglist", "import", "l.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Exists("lists.db"));
  auto list = RunZichtIn(dir_.path().string(), {}, {"--db", "lists.db", "warninglist", "list", "--format", "csv"});
  EXPECT_NE(list.out.find("\nl,"), std::string::npos) << list.out;
}

TEST_F(DatabaseOptionTest, AfterTheSubcommandWinsOverBefore) {
  ASSERT_EQ(Ingest({"--db", "before.db"}, {"--db", "after.db"}).exit_code, 0);
  EXPECT_TRUE(Exists("after.db"));
  EXPECT_FALSE(Exists("before.db"));
}

TEST_F(DatabaseOptionTest, EnvironmentVariableGivesTheDefault) {
  ASSERT_EQ(Ingest({}, {}, {"ZICHT_DB=env.db"}).exit_code, 0);
  EXPECT_TRUE(Exists("env.db"));
  EXPECT_FALSE(Exists("zicht.db"));
  // An empty ZICHT_DB is no setting.
  ASSERT_EQ(Ingest({}, {}, {"ZICHT_DB="}).exit_code, 0);
  EXPECT_TRUE(Exists("zicht.db"));
}

TEST_F(DatabaseOptionTest, ExplicitDbWinsOverTheEnvironment) {
  ASSERT_EQ(Ingest({"--db", "before.db"}, {}, {"ZICHT_DB=env.db"}).exit_code, 0);
  ASSERT_EQ(Ingest({}, {"--db", "after.db"}, {"ZICHT_DB=env.db"}).exit_code, 0);
  EXPECT_TRUE(Exists("before.db"));
  EXPECT_TRUE(Exists("after.db"));
  EXPECT_FALSE(Exists("env.db"));
}

// --store is --db under another name, before and after the subcommand;
// ZICHT_STORE wins over ZICHT_DB.
TEST_F(DatabaseOptionTest, StoreIsTheSameOptionAndZichtStoreWinsOverZichtDb) {
  ASSERT_EQ(Ingest({"--store", "before.db"}, {"--store", "after.db"}).exit_code, 0);
  EXPECT_TRUE(Exists("after.db"));
  EXPECT_FALSE(Exists("before.db"));
  ASSERT_EQ(Ingest({}, {}, {"ZICHT_DB=db.db", "ZICHT_STORE=store.db"}).exit_code, 0);
  EXPECT_TRUE(Exists("store.db"));
  EXPECT_FALSE(Exists("db.db"));
  ASSERT_EQ(Ingest({}, {"--db", "explicit.db"}, {"ZICHT_STORE=store2.db"}).exit_code, 0);
  EXPECT_TRUE(Exists("explicit.db"));
  EXPECT_FALSE(Exists("store2.db"));
}

// evaluate has no database by default; ZICHT_DB (or a global --db) gives it one.
TEST_F(DatabaseOptionTest, EvaluateUsesTheNamedDatabase) {
  testutil::WriteFile(dir_.File("loss.jsonl"),
                      R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01","fraud_type":"hulpvraagfraude","damage_eur":500,"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
                      "\n");
  ASSERT_EQ(RunZichtIn(dir_.path().string(), {}, {"ingest", "loss.jsonl", "--db", "cases.db"}).exit_code, 0);
  const std::string payment =
      R"({"type":"payment","account":"A1","at":"2024-05-01T10:00:00Z","amount_eur":100,"beneficiary_iban":"NL91ABNA0417164300","new_beneficiary":false})"
      "\n";
  const std::string delayed =
      R"({"account":"A1","at":"2024-05-01T10:00:00Z","decision":"delay","until":"2024-05-02T10:00:00Z","reasons":["BENEFICIARY_KNOWN_FRAUD"]})"
      "\n";
  const std::string allowed = R"({"account":"A1","at":"2024-05-01T10:00:00Z","decision":"allow","reasons":[]})" "\n";
  EXPECT_EQ(RunZichtIn(dir_.path().string(), {}, {"evaluate", "-", "--format", "jsonl"}, payment).out, allowed);
  EXPECT_EQ(RunZichtIn(dir_.path().string(), {"ZICHT_DB=cases.db"}, {"evaluate", "-", "--format", "jsonl"}, payment).out,
            delayed);
  EXPECT_EQ(RunZichtIn(dir_.path().string(), {}, {"--db", "cases.db", "evaluate", "-", "--format", "jsonl"}, payment).out,
            delayed);
}

TEST(DatabaseOptionHelpTest, EverySubcommandWithADatabaseSaysWhereItComesFrom) {
  for (std::vector<std::string> sub :
       std::vector<std::vector<std::string>>{{"ingest"}, {"stats"}, {"clusters"}, {"cluster"}, {"check"},
                                             {"warninglist", "import"}, {"warninglist", "list"}, {"serve"},
                                             {"audit"}}) {
    sub.push_back("--help");
    auto r = RunZicht(sub);
    std::string line = HelpLine(r.out, "--db");
    EXPECT_NE(line.find("(default: --db before the subcommand, else $ZICHT_STORE, else $ZICHT_DB, else zicht.db)"),
              std::string::npos)
        << sub[0] << ": " << line;
    EXPECT_NE(line.find("--store"), std::string::npos) << sub[0] << ": " << line;
    EXPECT_NE(line.find("postgresql://"), std::string::npos) << sub[0] << ": " << line;
  }
  std::string line = HelpLine(RunZicht({"evaluate", "--help"}).out, "--db");
  EXPECT_NE(line.find("(default: --db before the subcommand, else $ZICHT_STORE, else $ZICHT_DB, else none)"),
            std::string::npos)
      << line;
}

}  // namespace
}  // namespace zicht::cli

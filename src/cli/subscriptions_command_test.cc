// `zicht subscriptions` and the alerts `zicht ingest` raises, through the
// real binary (docs/alerts.md).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "store/alert_store.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

std::string Report(const std::string& source, const std::string& id, const std::string& iban, int damage_eur = 0) {
  std::string r = R"({"source":")" + source + R"(","id":")" + id +
                  R"(","reported_at":"2024-06-01","fraud_type":"phishing",)";
  if (damage_eur > 0) r += R"("damage_eur":)" + std::to_string(damage_eur) + ",";
  return r + R"("identifiers":[{"kind":"iban","value":")" + iban + R"(","role":"contact"}]})" + "\n";
}

TEST(SubscriptionsCommandTest, AddListRemove) {
  testutil::TempDir dir;
  std::string db = dir.File("z.db");
  testutil::WriteFile(dir.File("secret"), "0123456789abcdef0123456789abcdef\n");
  auto add = RunZicht({"subscriptions", "add", "--partner", "ing", "--bank-code", "INGB", "--webhook",
                       "https://alerts.ing.example/zicht", "--secret-file", dir.File("secret"), "--db", db});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(add.out, "1\n");
  auto kpn = RunZicht({"subscriptions", "add", "--partner", "kpn", "--phone-prefix", "+3197", "--db", db});
  ASSERT_EQ(kpn.exit_code, 0) << kpn.err;
  auto list = RunZicht({"subscriptions", "list", "--format", "json", "--db", db});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  rapidjson::Document doc;
  doc.Parse(list.out.c_str());
  ASSERT_TRUE(doc.IsArray()) << list.out;
  ASSERT_EQ(doc.Size(), 2u);
  EXPECT_STREQ(doc[0]["bank_code"].GetString(), "INGB");
  EXPECT_STREQ(doc[0]["webhook"].GetString(), "https://alerts.ing.example/zicht");
  EXPECT_STREQ(doc[1]["phone_prefix"].GetString(), "+3197");
  EXPECT_TRUE(doc[1]["webhook"].IsNull());
  EXPECT_EQ(list.out.find("0123456789abcdef"), std::string::npos) << "never the secret";
  auto table = RunZicht({"subscriptions", "list", "--format", "table", "--db", db});
  EXPECT_NE(table.out.find("bank code INGB"), std::string::npos) << table.out;
  ASSERT_EQ(RunZicht({"subscriptions", "remove", "1", "--db", db}).exit_code, 0);
  auto missing = RunZicht({"subscriptions", "remove", "1", "--db", db});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no subscription 1"), std::string::npos) << missing.err;
}

TEST(SubscriptionsCommandTest, BadInputNamesTheOption) {
  testutil::TempDir dir;
  std::string db = dir.File("z.db");
  testutil::WriteFile(dir.File("secret"), "0123456789abcdef0123456789abcdef");
  testutil::WriteFile(dir.File("short"), "abc");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"--partner", "ing", "--bank-code", "IGNB"}, "--bank-code 'IGNB' is not a Dutch IBAN bank code"},
           {{"--partner", "ing", "--bank-code", "IGNB"}, "the known codes are ABNA, ADYB, AEGO"},
           {{"--partner", "ing", "--bank-code", "INGB", "--webhook", "ftp://x/y", "--secret-file", dir.File("secret")},
            "--webhook must be an http:// or https:// URL"},
           {{"--partner", "ing", "--bank-code", "INGB", "--webhook", "https://x/y"}, "--webhook and --secret-file"},
           {{"--partner", "ing", "--bank-code", "INGB", "--webhook", "https://x/y", "--secret-file", dir.File("short")},
            "--secret-file holds 3 bytes"},
           {{"--partner", "ING", "--bank-code", "INGB"}, "--partner must match"},
           {{"--partner", "ing"}, "exactly one of --bank-code, --bic and --phone-prefix"},
       }) {
    std::vector<std::string> args = {"subscriptions", "add", "--db", db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = RunZicht(args);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_EQ(RunZicht({"subscriptions", "list", "--format", "json", "--db", db}).out, "[]\n") << "nothing stored";
}

TEST(SubscriptionsCommandTest, IngestRaisesOneAlertPerRuleForTheHoldingBank) {
  testutil::TempDir dir;
  std::string db = dir.File("z.db");
  ASSERT_EQ(RunZicht({"subscriptions", "add", "--partner", "ing", "--bank-code", "INGB", "--db", db}).exit_code, 0);
  const std::string ing = "NL20INGB0001234567";
  testutil::WriteFile(dir.File("a.jsonl"), Report("politie", "P1", ing) + Report("fraudehelpdesk", "F1", ing) +
                                               Report("politie", "P2", "NL39RABO0300065264"));
  auto first = RunZicht({"ingest", dir.File("a.jsonl"), "--db", db});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // Two reports are not "several", but they link into a cluster, and the
  // only cluster is in the top band.
  EXPECT_NE(first.err.find("zicht ingest: 1 new alert "), std::string::npos) << first.err;
  testutil::WriteFile(dir.File("b.jsonl"), Report("fraudehelpdesk", "F2", ing) + Report("politie", "P3", ing));
  auto second = RunZicht({"ingest", dir.File("b.jsonl"), "--db", db});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("zicht ingest: 1 new alert "), std::string::npos) << second.err;
  auto store = store::OpenSqliteAlertStore(db);
  ASSERT_TRUE(store.ok());
  auto alerts = (*store)->AlertsAfter("ing", 0, 100);
  ASSERT_TRUE(alerts.ok());
  std::vector<std::string> rules;
  for (const auto& a : *alerts) {
    EXPECT_EQ(a.normalized, ing);
    rules.push_back(a.rule);
  }
  EXPECT_EQ(rules, (std::vector<std::string>{"priority_cluster", "reports"}));
  // More reports, and the same file again: no second alert.
  testutil::WriteFile(dir.File("c.jsonl"), Report("politie", "P4", ing));
  auto third = RunZicht({"ingest", dir.File("c.jsonl"), dir.File("b.jsonl"), "--db", db});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(third.err.find("new alert"), std::string::npos) << third.err;
  EXPECT_EQ((*store)->AlertsAfter("ing", 0, 100)->size(), 2u);
}

TEST(SubscriptionsCommandTest, IngestRefusesABadRulesFile) {
  testutil::TempDir dir;
  testutil::WriteFile(dir.File("rules.toml"), "[reports]\nmin_report = 2\n");
  testutil::WriteFile(dir.File("a.jsonl"), Report("politie", "P1", "NL20INGB0001234567"));
  auto r = RunZicht({"ingest", dir.File("a.jsonl"), "--alert-rules", dir.File("rules.toml"), "--db", dir.File("z.db")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("rules.toml:2:1: unknown key 'min_report' in [reports]"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zicht::cli

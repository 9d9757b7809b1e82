// `zicht disputes` and `zicht stats --outcomes` through the real binary
// (docs/alerts.md, "Disputes" and "Outcome statistics").
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "cli/cli_test_util.h"
#include "store/alert_store.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

constexpr char kIban[] = "NL20INGB0001234567";

std::string Seed(const testutil::TempDir& dir) {
  std::string db = dir.File("z.db");
  std::string reports;
  for (const char* id : {"P1", "P2"}) {
    reports += std::string(R"({"source":"politie","id":")") + id +
               R"(","reported_at":"2024-06-01","fraud_type":"phishing","identifiers":[{"kind":"iban","value":")" +
               kIban + R"("},{"kind":"phone","value":"+31612345678"}]})" + "\n";
  }
  testutil::WriteFile(dir.File("r.jsonl"), reports);
  EXPECT_EQ(RunZicht({"ingest", dir.File("r.jsonl"), "--db", db}).exit_code, 0);
  return db;
}

int64_t OpenDispute(const std::string& db) {
  auto store = store::OpenSqliteAlertStore(db);
  store::Dispute d;
  d.partner = "ing";
  d.kind = "iban";
  d.normalized = kIban;
  d.reason = "the victim's own account";
  d.opened_at = 1717200000;
  return *(*store)->OpenDispute(d);
}

TEST(DisputesCommandTest, UpheldStopsRiskAndLinkingAndIsAudited) {
  testutil::TempDir dir;
  std::string db = Seed(dir);
  auto before = RunZicht({"check", "iban", kIban, "--format", "json", "--db", db});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_NE(before.out.find(R"("risk":"high")"), std::string::npos) << before.out;
  int64_t id = OpenDispute(db);
  auto list = RunZicht({"disputes", "list", "--format", "json", "--db", db});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  rapidjson::Document doc;
  doc.Parse(list.out.c_str());
  ASSERT_TRUE(doc.IsArray() && doc.Size() == 1) << list.out;
  EXPECT_STREQ(doc[0]["state"].GetString(), "open");
  auto usage = RunZicht({"disputes", "resolve", std::to_string(id), "--reason", "x", "--db", db});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("exactly one of --upheld and --rejected"), std::string::npos) << usage.err;
  auto resolve = RunZicht({"disputes", "resolve", std::to_string(id), "--upheld", "--reason",
                           "account holder confirmed, misused by a third party", "--db", db});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  auto again = RunZicht({"disputes", "resolve", std::to_string(id), "--rejected", "--reason", "x", "--db", db});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already upheld"), std::string::npos) << again.err;
  EXPECT_EQ(RunZicht({"disputes", "list", "--format", "json", "--db", db}).out, "[]\n");
  auto all = RunZicht({"disputes", "list", "--all", "--format", "json", "--db", db});
  EXPECT_NE(all.out.find("account holder confirmed"), std::string::npos) << "the reason is kept";
  auto after = RunZicht({"check", "iban", kIban, "--format", "json", "--db", db});
  EXPECT_NE(after.out.find(R"("risk":"low")"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("WARNINGLISTED"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find(R"("cluster":null)"), std::string::npos) << "no longer links: " << after.out;
  auto audit = RunZicht({"audit", "--db", db, "--format", "json"});
  EXPECT_NE(audit.out.find("zicht disputes resolve"), std::string::npos) << audit.out << audit.err;
  EXPECT_EQ(audit.out.find(kIban), std::string::npos) << "never the identifier";
}

TEST(DisputesCommandTest, UnknownDisputeIsNotFound) {
  testutil::TempDir dir;
  auto r = RunZicht({"disputes", "resolve", "7", "--rejected", "--reason", "x", "--db", dir.File("z.db")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no dispute 7"), std::string::npos) << r.err;
}

TEST(StatsOutcomesTest, CountsActionsEurosAndFalsePositivesPerRule) {
  testutil::TempDir dir;
  std::string db = Seed(dir);
  auto store = store::OpenSqliteAlertStore(db);
  ASSERT_TRUE(store.ok());
  std::vector<store::Alert> alerts;
  for (const char* iban : {"NL20INGB0001234567", "NL69INGB0123456789"}) {
    store::Alert a;
    a.partner = "ing";
    a.rule = "reports";
    a.kind = "iban";
    a.normalized = iban;
    a.id = store::AlertId(a.partner, a.rule, a.kind, a.normalized);
    a.created_at = 1717200000 + 3600;
    a.first_report_at = 1717200000;
    alerts.push_back(a);
  }
  ASSERT_TRUE((*store)->InsertAlerts(alerts, 0).ok());
  store::Feedback f;
  f.partner = "ing";
  f.alert_id = alerts[0].id;
  f.kind = "iban";
  f.normalized = alerts[0].normalized;
  f.outcome = "funds_recovered";
  f.amount_cents = 250000;
  f.created_at = 1717200000 + 7200;
  ASSERT_TRUE((*store)->AddFeedback(f).ok());
  f.alert_id = alerts[1].id;
  f.normalized = alerts[1].normalized;
  f.outcome = "false_positive";
  f.amount_cents = 0;
  ASSERT_TRUE((*store)->AddFeedback(f).ok());
  auto json = RunZicht({"stats", "--outcomes", "--format", "json", "--db", db});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out,
            R"({"outcomes":[{"partner":"ing","rule":"reports","alerts":2,"acted_on":1,"acted_on_share":0.5,)"
            R"("median_report_to_alert_s":3600,"median_alert_to_action_s":3600,"frozen_eur":0,)"
            R"("recovered_eur":2500,"false_positives":1,"false_positive_rate":0.5}]})"
            "\n");
  auto table = RunZicht({"stats", "--outcomes", "--format", "table", "--db", db});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("ing              reports"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("2500.00"), std::string::npos) << table.out;
}

}  // namespace
}  // namespace zicht::cli

// Erasure, correction and retention through a real `zicht serve` on
// 127.0.0.1 (docs/privacy.md, "Erasure" and "Retention"; docs/api.md):
// DELETE /v1/reports/{source}/{id} takes a report out of the store and the
// running index at once, by the write rule of its key, audited; a report
// posted again replaces its identifiers; --retention erases expired reports
// at start. Responses are recorded for the OpenAPI check. On both store
// backends (erasure_server_test_pg: a throw-away PostgreSQL cluster).
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "server/test_alert_util.h"
#include "server/test_server_fixture.h"
#include "server/test_webhook_receiver.h"
#include "store/alert_store.h"
#include "testutil/store_query.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;

// Only R1 names it; R1 and R2 share kMuleIban.
constexpr char kPhoneOfR1[] = "06-12345678";

class ErasureServerTest : public BackendServerTest {
 protected:
  // Whether any stored report row holds `needle`: the database file's bytes
  // on SQLite; every row of the report tables as text on PostgreSQL, whose
  // files are the server's.
  bool StoreHolds(const std::string& needle) {
    if (!db_.starts_with("postgres")) return testutil::ReadFile(db_).find(needle) != std::string::npos;
    for (const char* table : {"reports", "identifiers"}) {
      auto rows = testutil::QueryStore(db_, std::string("SELECT t::text FROM ") + table + " t");
      EXPECT_TRUE(rows.has_value()) << table;
      if (!rows || rows->find(needle) != std::string::npos) return true;
    }
    return false;
  }
  Response Erase(int port, const std::string& source, const std::string& id, const std::string& key) {
    return Call(port, "DELETE", "/v1/reports/" + source + "/" + id, "", Auth(key, "fraud-reporting"));
  }
  Response Check(int port, const std::string& kind, const std::string& value) {
    return Call(port, "POST", "/v1/check", CheckBody(kind, value), Auth(analyst_));
  }
  int ClusterCount(int port) {
    Response r = Call(port, "GET", "/v1/clusters", "", Auth(analyst_));
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int>(Json(r.body)["clusters"].Size());
  }
};

TEST_P(ErasureServerTest, AnalystErasesAndTheRunningIndexFollowsAtOnce) {
  auto s = Start();
  const int port = s->port();
  ASSERT_EQ(ClusterCount(port), 1);
  ASSERT_TRUE(Json(Check(port, "phone", kPhoneOfR1).body)["results"][0]["known"].GetBool());
  ASSERT_NE(Call(port, "GET", "/v1/mules", "", Auth(analyst_)).body.find(kMuleIban), std::string::npos);

  ASSERT_TRUE(StoreHolds("Hoi mam") && StoreHolds("+31612345678"));  // so that the checks below can fail
  Response r = Erase(port, "fraudehelpdesk", "R1", analyst_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"status":"erased","source":"fraudehelpdesk","id":"R1"})");

  // Without a restart: its phone is unknown, the shared IBAN is in one
  // report and no cluster is left.
  auto phone = Json(Check(port, "phone", kPhoneOfR1).body);
  EXPECT_FALSE(phone["results"][0]["known"].GetBool());
  EXPECT_STREQ(phone["results"][0]["risk"].GetString(), "none");
  auto iban = Json(Check(port, "iban", kMuleIban).body);
  EXPECT_EQ(iban["results"][0]["reports"].GetInt(), 1);
  EXPECT_TRUE(iban["results"][0]["cluster"].IsNull());
  EXPECT_EQ(ClusterCount(port), 0);
  EXPECT_EQ(Call(port, "GET", "/v1/mules", "", Auth(analyst_)).body.find(kMuleIban), std::string::npos);
  Response stats = Call(port, "GET", "/v1/stats", "", Auth(analyst_));
  EXPECT_EQ(Json(stats.body)["rows"][0]["reports"].GetInt(), 1) << stats.body;

  // Erased again: it is gone.
  EXPECT_EQ(Erase(port, "fraudehelpdesk", "R1", analyst_).status, 404);

  // Nothing of its contents in the database file, with the server still up.
  EXPECT_FALSE(StoreHolds("Hoi mam"));
  EXPECT_FALSE(StoreHolds("+31612345678"));

  // Audited: who, which report key, the outcome; never the contents.
  s->Stop(SIGTERM);
  auto a = testutil::RunZicht({"audit", "--db", db_, "--format", "csv"});
  EXPECT_NE(a.out.find(",politie,"), std::string::npos);
  EXPECT_NE(a.out.find("DELETE /v1/reports/{source}/{id},report,,fraudehelpdesk/R1,fraud-reporting,"),
            std::string::npos)
      << a.out;
  EXPECT_NE(a.out.find("fraudehelpdesk/R1,fraud-reporting,AVG art. 6(1)(f),erased\n"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("fraudehelpdesk/R1,fraud-reporting,AVG art. 6(1)(f),not_found\n"), std::string::npos);
  EXPECT_EQ(a.out.find("Hoi mam"), std::string::npos);

  // After a restart the index is built without it.
  auto again = Start();
  EXPECT_FALSE(Json(Check(again->port(), "phone", kPhoneOfR1).body)["results"][0]["known"].GetBool());
}

TEST_P(ErasureServerTest, ReporterErasesOnlyItsOwnPartnersReports) {
  auto s = Start();
  const int port = s->port();
  Response foreign = Erase(port, "politie", "R2", reporter_);
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_NE(foreign.body.find("may not erase reports of another source"), std::string::npos);
  EXPECT_EQ(Erase(port, "politie", "R2", checker_).status, 403);
  EXPECT_EQ(Call(port, "DELETE", "/v1/reports/politie/R2", "", {}).status, 401);
  EXPECT_EQ(ClusterCount(port), 1);
  Response own = Erase(port, "fraudehelpdesk", "R1", reporter_);
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(ClusterCount(port), 0);
}

TEST_P(ErasureServerTest, UnknownReportIs404AndChangesNothing) {
  auto s = Start();
  const int port = s->port();
  Response r = Erase(port, "politie", "NOPE", analyst_);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("no report with this id from source 'politie'; nothing changed"), std::string::npos) << r.body;
  EXPECT_EQ(Erase(port, "Politie!", "R2", analyst_).status, 400);
  EXPECT_EQ(Call(port, "GET", "/v1/reports/politie/R2", "", Auth(analyst_)).status, 405);
  EXPECT_EQ(ClusterCount(port), 1);
  EXPECT_TRUE(Json(Check(port, "phone", kPhoneOfR1).body)["results"][0]["known"].GetBool());
}

// AVG art. 16: the same (source, id) posted again replaces the report; an
// identifier left out no longer links or counts, in the running server.
TEST_P(ErasureServerTest, CorrectionReplacesTheIdentifiers) {
  auto s = Start();
  const int port = s->port();
  std::string corrected =
      R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01T10:00:00Z","fraud_type":"hulpvraagfraude","damage_eur":250,"identifiers":[{"kind":"phone","value":"06-12345678"}],"text":"Hoi mam"})";
  Response r = Call(port, "POST", "/v1/reports", corrected, Auth(reporter_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r.body)["updated"].GetInt(), 1) << r.body;
  auto iban = Json(Check(port, "iban", kMuleIban).body);
  EXPECT_EQ(iban["results"][0]["reports"].GetInt(), 1);
  EXPECT_EQ(ClusterCount(port), 0);
  EXPECT_TRUE(Json(Check(port, "phone", kPhoneOfR1).body)["results"][0]["known"].GetBool());
}

TEST_P(ErasureServerTest, RetentionErasesExpiredReportsAtStartAndLogsCountsOnly) {
  std::string policy = dir_.File("zicht-retention.toml");
  testutil::WriteFile(policy, "default = \"P100Y\"\n[sources]\npolitie = \"P1Y\"\n");
  auto s = Start({"--retention", policy});
  const int port = s->port();
  // politie/R2 and politie/R3 (2024) are past one year; R1 stays.
  EXPECT_EQ(ClusterCount(port), 0);
  EXPECT_FALSE(Json(Check(port, "url", "https://betaal-nu.example/x").body)["results"][0]["known"].GetBool());
  EXPECT_TRUE(Json(Check(port, "phone", kPhoneOfR1).body)["results"][0]["known"].GetBool());
  s->Stop(SIGTERM);
  std::string log = s->Stderr();
  EXPECT_NE(log.find("zicht serve: retention: erased 2 reports (politie 2)"), std::string::npos) << log;
  EXPECT_EQ(log.find("R2"), std::string::npos);
  EXPECT_FALSE(StoreHolds("betaal-nu.example"));
  auto a = testutil::RunZicht({"audit", "--db", db_, "--format", "csv"});
  EXPECT_NE(a.out.find(",zicht,retention,retention,report,,2 reports (politie 2),,AVG art. 5(1)(e),erased\n"),
            std::string::npos)
      << a.out;
}

TEST_P(ErasureServerTest, BadRetentionFileStopsTheStartAndChangesNothing) {
  std::string policy = dir_.File("zicht-retention.toml");
  testutil::WriteFile(policy, "[sources]\npolitie = \"P1Y\"\nbank = \"1 year\"\n");
  auto r = testutil::RunZicht({"serve", "--listen", "127.0.0.1:0", "--db", db_, "--keys", keys_, "--retention", policy});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(policy + ":3: source 'bank': '1 year' is not a retention period"), std::string::npos) << r.err;
  auto s = Start();
  EXPECT_EQ(ClusterCount(s->port()), 1);
}

// A corrected report that no longer names an account takes back what that
// name raised, as erasing the report would (docs/alerts.md, "Corrections"):
// the alert leaves ING's feed, its webhook — failing so far — is never
// retried, and the bank's block no longer makes checks say CONFIRMED_MULE.
// The other account the corrected report now names stays as it is.
TEST_P(ErasureServerTest, CorrectionWithdrawsTheAlertsOfAnIdentifierItLeftOut) {
  testing::WebhookReceiver receiver([](size_t) { return 500; });
  testutil::WriteFile(dir_.File("secret"), "0123456789abcdef0123456789abcdef");
  testutil::WriteFile(dir_.File("rules.toml"),
                      "[priority_cluster]\nenabled = false\n[mule_candidate]\nenabled = false\n"
                      "[delivery]\ntimeout_ms = 2000\nfirst_retry_ms = 50\nmax_retry_ms = 200\n");
  auto sub = testutil::RunZicht({"subscriptions", "add", "--partner", "ing", "--bank-code", "INGB", "--webhook",
                                 receiver.url(), "--secret-file", dir_.File("secret"), "--db", db_});
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  const std::string ing = AddKey("ing", "checker", {}, {"--scope", "detail"});
  auto s = Start({"--alert-rules", dir_.File("rules.toml")});
  const int port = s->port();
  const std::string wrong = testing::DutchIban("INGB", 4242), right = testing::DutchIban("RABO", 4343);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", testing::ReportLine("politie", "CR-1", {wrong}, "beneficiary", 100),
                 Auth(analyst_, "fraud-reporting")).status, 200);
  auto feed = Json(Call(port, "GET", "/v1/alerts", "", Auth(ing, "payment-screening")).body);
  ASSERT_EQ(feed["alerts"].Size(), 1u);
  const std::string alert = feed["alerts"][0]["id"].GetString();
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return !got.empty(); })) << "a first, failed attempt";
  ASSERT_EQ(Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + alert + R"(","outcome":"account_blocked"})",
                 Auth(ing, "payment-screening")).status, 200);
  ASSERT_NE(Check(port, "iban", wrong).body.find("CONFIRMED_MULE"), std::string::npos);

  // The police correct the report: the money went to another account.
  Response r = Call(port, "POST", "/v1/reports", testing::ReportLine("politie", "CR-1", {right}, "beneficiary", 100),
                    Auth(analyst_, "fraud-reporting"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r.body)["updated"].GetInt(), 1) << r.body;
  EXPECT_EQ(Json(Call(port, "GET", "/v1/alerts", "", Auth(ing, "payment-screening")).body)["alerts"].Size(), 0u)
      << "the alert went with the identifier";
  std::string check;
  for (int i = 0; i < 100; ++i) {  // the server re-reads the marks within a second
    check = Check(port, "iban", wrong).body;
    if (check.find("CONFIRMED_MULE") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(check.find("CONFIRMED_MULE"), std::string::npos) << check;
  EXPECT_FALSE(Json(check)["results"][0]["known"].GetBool()) << check;
  EXPECT_TRUE(Json(Check(port, "iban", right).body)["results"][0]["known"].GetBool());
  // Nothing is left to deliver: the pending webhook was cancelled.
  auto alerts = store::OpenAlertStore(db_);
  ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
  // Every pending delivery, as if it were the year 2100.
  auto due = (*alerts)->ClaimDueDeliveries("ing", int64_t{4102444800000}, 100, 1);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_TRUE(due->empty()) << due->size() << " deliveries still pending, the first " << due->front().alert.id;
}


INSTANTIATE_TEST_SUITE_P(Backends, ErasureServerTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

}  // namespace
}  // namespace zicht::server

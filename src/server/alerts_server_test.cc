// The alert endpoints against a real `zicht serve` (docs/alerts.md;
// docs/api.md): the end-to-end loop of issue 15 — police and fraud
// helpdesk reports name an ING account three times, ING's webhook receiver
// gets exactly one alert through a failing receiver, ING posts
// account_blocked, the next check says so and the outcome statistics count
// it — then the feed's cursor, feedback and disputes, and their errors.
#include <signal.h>

#include <chrono>
#include <set>
#include <thread>

#include "alert/webhook_signature.h"
#include "server/alert_delivery.h"
#include "server/test_alert_util.h"
#include "server/test_server_fixture.h"
#include "server/test_webhook_receiver.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::DutchIban;
using testing::ReportLine;
using testing::WebhookReceiver;

class AlertsServerTest : public BackendServerTest {
 protected:
  void SetUp() override {
    BackendServerTest::SetUp();
    ing_ = AddKey("ing", "checker", {}, {"--scope", "detail"});
    rabo_ = AddKey("rabo", "checker");
    testutil::WriteFile(dir_.File("secret"), "0123456789abcdef0123456789abcdef");
    // The covenant's rule alone, and quick retries.
    testutil::WriteFile(dir_.File("rules.toml"),
                        "[priority_cluster]\nenabled = false\n[mule_candidate]\nenabled = false\n"
                        "[delivery]\ntimeout_ms = 2000\nfirst_retry_ms = 50\nmax_retry_ms = 200\n");
  }

  void Subscribe(const std::string& partner, const std::string& bank, const std::string& webhook = "") {
    std::vector<std::string> args = {"subscriptions", "add", "--partner", partner, "--bank-code", bank, "--db", db_};
    if (!webhook.empty()) {
      args.insert(args.end(), {"--webhook", webhook, "--secret-file", dir_.File("secret")});
    }
    auto r = testutil::RunZicht(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::unique_ptr<testing::ServerProcess> StartWithRules(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"--alert-rules", dir_.File("rules.toml")});
    return Start(extra);
  }

  // Scrapes /metrics until it shows `line` (the delivery thread counts an
  // attempt just after the receiver answered it); the last scrape if never.
  static std::string ScrapeUntil(int port, const std::string& line) {
    std::string body;
    for (int i = 0; i < 500; ++i) {
      body = Call(port, "GET", "/metrics").body;
      if (body.find(line) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return body;
  }

  std::string ing_, rabo_;
};

// alerts_server_test_pg: the same on a throw-away PostgreSQL cluster.
INSTANTIATE_TEST_SUITE_P(Backends, AlertsServerTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(AlertsServerTest, ThreeReportsOneAlertBlockedCheckedAndCounted) {
  WebhookReceiver receiver([](size_t n) { return n == 0 ? 500 : 204; });
  Subscribe("ing", "INGB", receiver.url());
  auto server = StartWithRules();
  const int port = server->port();
  const std::string iban = DutchIban("INGB", 7654321);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", ReportLine("politie", "PL-1", {iban}, "beneficiary"),
                 Auth(analyst_, "fraud-reporting")).status, 200);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", ReportLine("fraudehelpdesk", "FH-1", {iban}, "beneficiary"),
                 Auth(reporter_, "fraud-reporting")).status, 200);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", ReportLine("politie", "PL-2", {iban}, "beneficiary"),
                 Auth(analyst_, "fraud-reporting")).status, 200);
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) {
    for (const auto& r : got) if (r.answered == 204) return true;
    return false;
  }));
  auto got = receiver.received();
  std::set<std::string> ids;
  for (const auto& r : got) ids.insert(Json(r.body)["id"].GetString());
  ASSERT_EQ(ids.size(), 1u) << "exactly one alert";
  EXPECT_EQ(got.front().answered, 500) << "the first attempt failed and was retried";
  // Both attempts are counted where an operator watches delivery.
  const std::string metrics = ScrapeUntil(port, "zicht_alert_webhook_attempts_total{result=\"delivered\"} 1\n");
  EXPECT_NE(metrics.find("zicht_alert_webhook_attempts_total{result=\"delivered\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("zicht_alert_webhook_attempts_total{result=\"failed\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("zicht_alert_webhook_attempts_total{result=\"gave_up\"} 0\n"), std::string::npos) << metrics;
  // The alert itself is counted under its rule; the others exist at 0.
  EXPECT_NE(metrics.find("zicht_alerts_raised_total{rule=\"reports\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("zicht_alerts_raised_total{rule=\"beneficiary_loss\"} 0\n"), std::string::npos) << metrics;
  const std::string id = *ids.begin();
  auto alert = Json(got.back().body);
  EXPECT_STREQ(alert["rule"].GetString(), "reports");
  EXPECT_EQ(alert["normalized"].GetString(), iban);
  EXPECT_EQ(alert["sources"].GetInt(), 2);

  // The same alert in the feed, read with the same partner's key.
  auto feed = Call(port, "GET", "/v1/alerts", "", Auth(ing_, "payment-screening"));
  ASSERT_EQ(feed.status, 200) << feed.body;
  auto page = Json(feed.body);
  ASSERT_EQ(page["alerts"].Size(), 1u);
  EXPECT_EQ(page["alerts"][0]["id"].GetString(), id);
  std::string next = page["next"].GetString();
  auto empty = Json(Call(port, "GET", "/v1/alerts?after=" + next, "", Auth(ing_, "payment-screening")).body);
  EXPECT_EQ(empty["alerts"].Size(), 0u);
  EXPECT_EQ(empty["next"].GetString(), next) << "an empty page keeps the cursor";

  // ING blocks the account and says so.
  auto feedback = Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + id + R"(","outcome":"account_blocked"})",
                       Auth(ing_, "payment-screening"));
  ASSERT_EQ(feedback.status, 200) << feedback.body;
  auto check = Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(ing_, "payment-screening"));
  ASSERT_EQ(check.status, 200);
  auto check_json = Json(check.body);  // owns the values `verdict` points into
  auto verdict = check_json["results"][0].GetObject();
  EXPECT_STREQ(verdict["risk"].GetString(), "high");
  EXPECT_NE(check.body.find("CONFIRMED_MULE"), std::string::npos) << check.body;
  server->Stop(SIGTERM);
  auto stats = testutil::RunZicht({"stats", "--outcomes", "--format", "json", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find(R"("partner":"ing","rule":"reports","alerts":1,"acted_on":1,"acted_on_share":1,)"),
            std::string::npos)
      << stats.out;
}

TEST_P(AlertsServerTest, FeedIsPerPartnerAndResumable) {
  Subscribe("ing", "INGB");
  Subscribe("rabo", "RABO");
  auto server = StartWithRules();
  const int port = server->port();
  std::string body;
  for (int i = 0; i < 3; ++i) {
    body += ReportLine("politie", "A" + std::to_string(i), {DutchIban("INGB", 1), DutchIban("INGB", 2)});
  }
  ASSERT_EQ(Call(port, "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting")).status, 200);
  auto first = Json(Call(port, "GET", "/v1/alerts?limit=1", "", Auth(ing_, "payment-screening")).body);
  ASSERT_EQ(first["alerts"].Size(), 1u);
  auto second = Json(Call(port, "GET", std::string("/v1/alerts?limit=1&after=") + first["next"].GetString(), "",
                          Auth(ing_, "payment-screening")).body);
  ASSERT_EQ(second["alerts"].Size(), 1u);
  EXPECT_STRNE(first["alerts"][0]["id"].GetString(), second["alerts"][0]["id"].GetString());
  // Rabobank's key sees none of ING's alerts, and a hit-scope key no evidence.
  auto rabo = Json(Call(port, "GET", "/v1/alerts", "", Auth(rabo_, "payment-screening")).body);
  EXPECT_EQ(rabo["alerts"].Size(), 0u);
  // After a restart the cursor still holds.
  server->Stop(SIGTERM);
  server = StartWithRules();
  auto resumed = Json(Call(server->port(), "GET", std::string("/v1/alerts?after=") + first["next"].GetString(), "",
                           Auth(ing_, "payment-screening")).body);
  ASSERT_EQ(resumed["alerts"].Size(), 1u);
  EXPECT_STREQ(resumed["alerts"][0]["id"].GetString(), second["alerts"][0]["id"].GetString());
  auto bad = Call(server->port(), "GET", "/v1/alerts?after=x", "", Auth(ing_, "payment-screening"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("after must be a cursor"), std::string::npos) << bad.body;
}

TEST_P(AlertsServerTest, FeedbackErrorsNameTheField) {
  Subscribe("ing", "INGB");
  auto server = StartWithRules();
  const int port = server->port();
  std::string body;
  for (int i = 0; i < 3; ++i) body += ReportLine("politie", "B" + std::to_string(i), {DutchIban("INGB", 3)});
  ASSERT_EQ(Call(port, "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting")).status, 200);
  auto page = Json(Call(port, "GET", "/v1/alerts", "", Auth(ing_, "payment-screening")).body);
  ASSERT_EQ(page["alerts"].Size(), 1u);
  const std::string id = page["alerts"][0]["id"].GetString();
  struct Case {
    std::string key, body;
    int status;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {ing_, R"({"alert_id":")" + id + R"(","outcome":"blocked"})", 400, "field 'outcome': unknown outcome 'blocked'"},
           {ing_, R"({"alert_id":")" + id + R"("})", 400, "field 'outcome' is required"},
           {ing_, R"({"alert_id":")" + id + R"(","outcome":"funds_frozen"})", 400, "field 'amount_eur' is required"},
           {ing_, R"({"alert_id":")" + id + R"(","outcome":"no_action"})", 400, "field 'reason' is required"},
           {ing_, R"({"outcome":"account_closed"})", 400, "exactly one of 'alert_id' and 'identifier'"},
           {ing_, R"({"identifier":{"kind":"iban","value":"NL00XXXX"},"outcome":"account_closed"})", 400,
            "field 'identifier.value'"},
           {rabo_, R"({"alert_id":")" + id + R"(","outcome":"account_blocked"})", 404, "no alert '" + id + "' for partner 'rabo'"},
           {ing_, R"({"alert_id":"al_00000000000000000000","outcome":"account_blocked"})", 404, "no alert"},
       }) {
    auto res = Call(port, "POST", "/v1/feedback", c.body, Auth(c.key, "payment-screening"));
    EXPECT_EQ(res.status, c.status) << c.body << " → " << res.body;
    EXPECT_NE(res.body.find(c.message), std::string::npos) << res.body;
  }
  auto frozen = Call(port, "POST", "/v1/feedback",
                     R"({"identifier":{"kind":"iban","value":")" + DutchIban("INGB", 3) +
                         R"("},"outcome":"funds_frozen","amount_eur":1250.5})",
                     Auth(ing_, "payment-screening"));
  EXPECT_EQ(frozen.status, 200) << frozen.body;
  auto fp = Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + id + R"(","outcome":"false_positive","reason":"our customer's own savings"})",
                 Auth(ing_, "payment-screening"));
  ASSERT_EQ(fp.status, 200) << fp.body;
  EXPECT_TRUE(Json(fp.body)["dispute_id"].IsInt()) << "a false positive opens a dispute: " << fp.body;
  auto check = Call(port, "POST", "/v1/check", CheckBody("iban", DutchIban("INGB", 3)), Auth(ing_, "payment-screening"));
  EXPECT_NE(check.body.find("DISPUTED"), std::string::npos) << check.body;
  server->Stop(SIGTERM);
  auto audit = testutil::RunZicht({"audit", "--db", db_, "--format", "json"});
  EXPECT_NE(audit.out.find("POST /v1/feedback"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find(DutchIban("INGB", 3)), std::string::npos) << "never the identifier";
}

TEST_P(AlertsServerTest, DisputeShowsInChecksUntilResolved) {
  auto server = StartWithRules();
  const int port = server->port();
  auto opened = Call(port, "POST", "/v1/disputes",
                     R"({"kind":"iban","value":"NL91 ABNA 0417 1643 00","reason":"the victim's own account"})",
                     Auth(checker_, "payment-screening"));
  ASSERT_EQ(opened.status, 200) << opened.body;
  const int id = Json(opened.body)["id"].GetInt();
  auto check = Call(port, "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_));
  EXPECT_NE(check.body.find("DISPUTED"), std::string::npos) << check.body;
  for (const auto& [body, message] : std::vector<std::pair<std::string, std::string>>{
           {R"({"kind":"iban","value":"NL91ABNA0417164300"})", "field 'reason' is required"},
           {R"({"kind":"ibn","value":"NL91ABNA0417164300","reason":"x"})", "field 'kind' must be one of"},
           {R"({"kind":"iban","value":"NL91ABNA0417164301","reason":"x"})", "field 'value'"},
       }) {
    auto res = Call(port, "POST", "/v1/disputes", body, Auth(checker_, "payment-screening"));
    EXPECT_EQ(res.status, 400) << body;
    EXPECT_NE(res.body.find(message), std::string::npos) << res.body;
  }
  // Resolved from the command line while the server runs: the server sees
  // it within a second (upheld: no longer raises risk nor links).
  auto resolve = testutil::RunZicht({"disputes", "resolve", std::to_string(id), "--upheld", "--reason",
                                     "confirmed with the account holder", "--db", db_});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  bool cleared = false;
  for (int i = 0; i < 100 && !cleared; ++i) {
    auto again = Call(port, "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_));
    cleared = again.body.find("DISPUTE_UPHELD") != std::string::npos &&
              again.body.find(R"("risk":"low")") != std::string::npos;
    if (!cleared) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(cleared);
}

// "A confirmed block marks the IBAN as a confirmed mule in verdicts and
// priority" (issue 15): ING's account_blocked raises the priority of the
// cluster the IBAN is in, with the reason in its explanation — at once in
// the running server's GET /v1/clusters, and in `zicht clusters`.
TEST_P(AlertsServerTest, ConfirmedBlockRaisesTheClustersPriority) {
  Subscribe("ing", "INGB");
  auto server = StartWithRules();
  const int port = server->port();
  const std::string iban = DutchIban("INGB", 5550001);
  std::string body;
  for (int i = 0; i < 3; ++i) body += ReportLine("politie", "CB" + std::to_string(i), {iban}, "beneficiary", 100);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting")).status, 200);
  // The cluster of the three reports (the seed's has two): its score and explanation.
  auto cluster = [&](double* score) {
    auto res = Call(port, "GET", "/v1/clusters", "", Auth(analyst_, "fraud-investigation"));
    EXPECT_EQ(res.status, 200) << res.body;
    auto doc = Json(res.body);
    std::string explanation;
    for (const auto& c : doc["clusters"].GetArray()) {
      if (c["reports"].GetInt() != 3) continue;
      *score = c["score"].GetDouble();
      for (const auto& line : c["explanation"].GetArray()) explanation += std::string(line.GetString()) + "; ";
    }
    return explanation;
  };
  double before = 0, after = 0;
  const std::string explained_before = cluster(&before);
  ASSERT_GT(before, 0) << "the three reports form a cluster";
  EXPECT_EQ(explained_before.find("confirmed"), std::string::npos) << explained_before;
  auto page = Json(Call(port, "GET", "/v1/alerts", "", Auth(ing_, "payment-screening")).body);
  ASSERT_GE(page["alerts"].Size(), 1u);
  const std::string id = page["alerts"][0]["id"].GetString();
  auto fb = Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + id + R"(","outcome":"account_blocked"})",
                 Auth(ing_, "payment-screening"));
  ASSERT_EQ(fb.status, 200) << fb.body;
  const std::string explained_after = cluster(&after);
  EXPECT_NEAR(after - before, 20.0, 0.011) << explained_after;
  EXPECT_NE(explained_after.find("1 money-mule IBAN confirmed by the bank (account blocked or closed)"),
            std::string::npos)
      << explained_after;
  server->Stop(SIGTERM);
  auto listed = testutil::RunZicht({"clusters", "--format", "json", "--db", db_});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("confirmed by the bank"), std::string::npos) << listed.out;
}

// Every rule issue 15 names reaches the partner that holds the account
// through the running server, with the shipped rules: a loss beneficiary,
// a money-mule candidate, the covenant's three reports, a top-priority
// cluster, a dispute by another partner, and its clearing — upheld from the
// command line while the server runs.
TEST_P(AlertsServerTest, EveryRuleOfTheIssueReachesTheHolder) {
  Subscribe("ing", "INGB");
  auto server = Start();  // the shipped rules (data/alerts/default.toml)
  const int port = server->port();
  const std::string iban = DutchIban("INGB", 6660001);
  std::string body;
  for (int i = 0; i < 3; ++i) body += ReportLine("politie", "ER" + std::to_string(i), {iban}, "beneficiary", 100);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting")).status, 200);
  // Polls ING's feed until it holds the alerts of `want` (the upkeep, which
  // evaluates priority_cluster and sees CLI resolutions, runs once a second).
  std::set<std::string> rules;
  std::string last;
  auto wait_for = [&](const std::set<std::string>& want) {
    for (int i = 0; i < 300; ++i) {
      auto feed = Call(port, "GET", "/v1/alerts", "", Auth(ing_, "payment-screening"));
      ASSERT_EQ(feed.status, 200) << feed.body;
      last = feed.body;
      auto page = Json(feed.body);
      rules.clear();
      for (const auto& a : page["alerts"].GetArray()) {
        EXPECT_EQ(a["normalized"].GetString(), iban);
        rules.insert(a["rule"].GetString());
      }
      if (rules == want) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  };
  // The cluster is ranked before the dispute: an upheld one unlinks the IBAN.
  std::set<std::string> want = {"beneficiary_loss", "mule_candidate", "reports", "priority_cluster"};
  wait_for(want);
  ASSERT_EQ(rules, want) << last;
  auto opened = Call(port, "POST", "/v1/disputes",
                     R"({"kind":"iban","value":")" + iban + R"(","reason":"our customer's business account, misused"})",
                     Auth(rabo_, "payment-screening"));
  ASSERT_EQ(opened.status, 200) << opened.body;
  auto resolve = testutil::RunZicht({"disputes", "resolve", std::to_string(Json(opened.body)["id"].GetInt()),
                                     "--upheld", "--reason", "checked with the bank", "--db", db_});
  ASSERT_EQ(resolve.exit_code, 0) << resolve.err;
  want.insert({"disputed", "cleared"});
  wait_for(want);
  EXPECT_EQ(rules, want) << last;
  // /metrics counts each rule's alert once, under its own label.
  const std::string metrics = Call(port, "GET", "/metrics").body;
  for (const std::string& rule : want) {
    EXPECT_NE(metrics.find("zicht_alerts_raised_total{rule=\"" + rule + "\"} 1\n"), std::string::npos)
        << rule << "\n" << metrics;
  }
  // One alert per rule: restarting raises nothing again.
  server->Stop(SIGTERM);
  server = Start();
  auto feed = Json(Call(server->port(), "GET", "/v1/alerts", "", Auth(ing_, "payment-screening")).body);
  EXPECT_EQ(feed["alerts"].Size(), want.size());
}

// Erasing the only report that names an IBAN (DELETE over HTTP) takes the
// alert it raised, the bank's outcome and another partner's dispute with it
// (docs/privacy.md, "Erasure"): the feed no longer has the alert, checks no
// longer say CONFIRMED_MULE or DISPUTED, `zicht disputes list --all` and
// the outcome statistics no longer show them.
TEST_P(AlertsServerTest, ErasingTheLastReportTakesItsAlertOutcomeAndDispute) {
  Subscribe("ing", "INGB");
  auto server = StartWithRules();
  const int port = server->port();
  const std::string iban = DutchIban("INGB", 7770001);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", ReportLine("politie", "EX-1", {iban}, "beneficiary", 100),
                 Auth(analyst_, "fraud-reporting")).status, 200);
  auto page = Json(Call(port, "GET", "/v1/alerts", "", Auth(ing_, "payment-screening")).body);
  ASSERT_EQ(page["alerts"].Size(), 1u);
  const std::string id = page["alerts"][0]["id"].GetString();
  ASSERT_EQ(Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + id + R"(","outcome":"account_blocked"})",
                 Auth(ing_, "payment-screening")).status, 200);
  ASSERT_EQ(Call(port, "POST", "/v1/disputes", R"({"kind":"iban","value":")" + iban + R"(","reason":"our customer"})",
                 Auth(rabo_, "payment-screening")).status, 200);
  auto marked = Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(analyst_));
  ASSERT_NE(marked.body.find("CONFIRMED_MULE"), std::string::npos) << marked.body;
  ASSERT_NE(marked.body.find("DISPUTED"), std::string::npos) << marked.body;

  auto erased = Call(port, "DELETE", "/v1/reports/politie/EX-1", "", Auth(analyst_, "fraud-reporting"));
  ASSERT_EQ(erased.status, 200) << erased.body;
  auto after = Json(Call(port, "GET", "/v1/alerts", "", Auth(ing_, "payment-screening")).body);
  EXPECT_EQ(after["alerts"].Size(), 0u) << "the alert went with the report";
  std::string check;
  for (int i = 0; i < 100; ++i) {  // the server re-reads the marks within a second
    check = Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(analyst_)).body;
    if (check.find("CONFIRMED_MULE") == std::string::npos && check.find("DISPUTED") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(check.find("CONFIRMED_MULE"), std::string::npos) << check;
  EXPECT_EQ(check.find("DISPUTED"), std::string::npos) << check;
  server->Stop(SIGTERM);
  auto disputes = testutil::RunZicht({"disputes", "list", "--all", "--format", "json", "--db", db_});
  ASSERT_EQ(disputes.exit_code, 0) << disputes.err;
  EXPECT_EQ(disputes.out.find(iban), std::string::npos) << disputes.out;
  auto stats = testutil::RunZicht({"stats", "--outcomes", "--format", "json", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(stats.out.find(R"("partner":"ing")"), std::string::npos) << stats.out;
}

// HTTPS to a receiver whose certificate a private CA signed (here: a
// self-signed one, made in the test): without --webhook-ca-file the
// certificate is refused — a clear error in the log, counted as failed
// attempts, retried, and nothing reaches the receiver; with it the signed
// alert arrives. A file that holds no certificate stops the server at start.
TEST_P(AlertsServerTest, HttpsWebhookTrustsThePrivateCaOnlyWhenGiven) {
  const std::string cert = dir_.File("receiver.pem"), key = dir_.File("receiver.key");
  ASSERT_TRUE(testing::WriteSelfSignedCert(cert, key));
  const WebhookReceiver::TlsFiles tls{cert, key};
  WebhookReceiver receiver([](size_t) { return 204; }, &tls);
  ASSERT_TRUE(receiver.url().starts_with("https://127.0.0.1:"));
  Subscribe("ing", "INGB", receiver.url());
  auto server = StartWithRules();
  const std::string iban = DutchIban("INGB", 4440001);
  ASSERT_EQ(Call(server->port(), "POST", "/v1/reports", ReportLine("politie", "TLS-1", {iban}, "beneficiary", 100),
                 Auth(analyst_, "fraud-reporting")).status, 200);
  const std::string twice = "zicht_alert_webhook_attempts_total{result=\"failed\"} 2\n";
  const std::string metrics = ScrapeUntil(server->port(), twice);
  EXPECT_NE(metrics.find(twice), std::string::npos) << "refused, counted and retried: " << metrics;
  EXPECT_NE(metrics.find("zicht_alert_webhook_attempts_total{result=\"delivered\"} 0\n"), std::string::npos);
  EXPECT_GE(receiver.handshake_failures(), 2u);
  EXPECT_TRUE(receiver.received().empty()) << "never delivered over an untrusted connection";
  server->Stop(SIGTERM);
  EXPECT_NE(server->Stderr().find("TLS certificate not trusted: self-signed certificate"), std::string::npos)
      << server->Stderr();

  // The operator trusts the partner's CA: the pending alert goes out, signed.
  server = StartWithRules({"--webhook-ca-file", cert});
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return !got.empty(); }));
  const auto got = receiver.received().front();
  EXPECT_EQ(Json(got.body)["normalized"].GetString(), iban);
  const UnixSeconds ts = std::stoll(got.headers.at("zicht-timestamp"));
  EXPECT_EQ(got.headers.at("zicht-signature"),
            alert::SignWebhook("0123456789abcdef0123456789abcdef", ts, got.body));
  server->Stop(SIGTERM);

  testutil::WriteFile(dir_.File("not-a-ca.pem"), "hello\n");
  auto refused = testutil::RunZicht({"serve", "--db", db_, "--keys", keys_, "--listen", "127.0.0.1:0",
                                     "--pseudonym-key-file", PseudonymKeyFile(), "--oprf-key-file",
                                     dir_.File("zicht-oprf.key"), "--webhook-ca-file", dir_.File("not-a-ca.pem")});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("--webhook-ca-file '" + dir_.File("not-a-ca.pem") + "': no PEM certificate"),
            std::string::npos)
      << refused.err;
}

// Several `zicht serve` nodes on one PostgreSQL database (docs/deploy.md):
// each alert's webhook goes out from one node, and when that node is
// killed mid-delivery another one sends it once its lease ran out. Only on
// a database server: a SQLite file has one delivering server.
class AlertNodesServerTest : public AlertsServerTest {
 protected:
  // The value of the counter line starting with `name` in a /metrics scrape
  // (-1 when absent).
  static double Counter(int port, const std::string& name) {
    const std::string body = Call(port, "GET", "/metrics").body;
    const size_t at = body.find(name + " ");
    return at == std::string::npos ? -1 : std::stod(body.substr(at + name.size() + 1));
  }
  static constexpr char kDelivered[] = "zicht_alert_webhook_attempts_total{result=\"delivered\"}";
};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AlertNodesServerTest);
INSTANTIATE_TEST_SUITE_P(Backends, AlertNodesServerTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

// Two healthy nodes, alerts raised on both: the receiver gets each alert
// exactly once, and the nodes' delivered counts add up to the alerts.
TEST_P(AlertNodesServerTest, TwoNodesDeliverEachAlertOnce) {
  WebhookReceiver receiver([](size_t) { return 204; });
  Subscribe("ing", "INGB", receiver.url());
  auto a = StartWithRules();
  auto b = StartWithRules();
  constexpr int kAlerts = 8;
  for (int i = 0; i < kAlerts; ++i) {  // one beneficiary with a loss each: one alert each
    const int port = i % 2 == 0 ? a->port() : b->port();
    ASSERT_EQ(Call(port, "POST", "/v1/reports",
                   ReportLine("politie", "N" + std::to_string(i), {DutchIban("INGB", 8800000 + i)}, "beneficiary", 100),
                   Auth(analyst_, "fraud-reporting")).status, 200);
  }
  auto distinct = [](const std::vector<testing::ReceivedWebhook>& got) {
    std::set<std::string> ids;
    for (const auto& r : got) ids.insert(r.headers.at("idempotency-key"));
    return ids.size();
  };
  ASSERT_TRUE(receiver.WaitFor([&](const auto& got) { return distinct(got) == kAlerts; }));
  double delivered = 0;
  for (int i = 0; i < 500 && delivered < kAlerts; ++i) {  // counted just after the 2xx
    delivered = Counter(a->port(), kDelivered) + Counter(b->port(), kDelivered);
    if (delivered < kAlerts) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Each node looks at the store at least once a second; before claims,
  // the other node sent every alert again within that time.
  std::this_thread::sleep_for(std::chrono::milliseconds(3 * AlertDelivery::kPollIntervalMs));
  EXPECT_EQ(receiver.received().size(), static_cast<size_t>(kAlerts)) << "one delivery per alert";
  EXPECT_EQ(Counter(a->port(), kDelivered) + Counter(b->port(), kDelivered), kAlerts);
  for (const auto& r : receiver.received()) {
    EXPECT_EQ(Json(r.body)["id"].GetString(), r.headers.at("idempotency-key"));
  }
}

// kill -9 of the node that is sending: its claim stays in the store until
// the lease runs out (a few attempts' time), then the other node sends
// every alert — the interrupted one again, with the same id.
TEST_P(AlertNodesServerTest, KilledDeliveringNodesAlertsComeFromTheOther) {
  WebhookReceiver receiver([](size_t n) { return n == 0 ? WebhookReceiver::kHang : 204; });
  Subscribe("ing", "INGB", receiver.url());
  // Attempts of 3 s: the kill comes while the first one hangs; the leases
  // run out after 6, 9 and 12 s.
  testutil::WriteFile(dir_.File("rules.toml"),
                      "[priority_cluster]\nenabled = false\n[mule_candidate]\nenabled = false\n"
                      "[delivery]\ntimeout_ms = 3000\nfirst_retry_ms = 50\nmax_retry_ms = 200\n");
  auto a = StartWithRules();
  auto b = StartWithRules();
  std::string body;
  constexpr int kAlerts = 3;
  for (int i = 0; i < kAlerts; ++i) {
    body += ReportLine("politie", "K" + std::to_string(i), {DutchIban("INGB", 8900000 + i)}, "beneficiary", 100);
  }
  ASSERT_EQ(Call(a->port(), "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting")).status, 200);
  // Node a, woken by its own ingest, claimed the three and holds the first
  // POST (the receiver hangs).
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return !got.empty(); }));
  EXPECT_EQ(a->Stop(SIGKILL), 128 + SIGKILL);
  std::set<std::string> ids;
  ASSERT_TRUE(receiver.WaitFor(
      [&](const auto& got) {
        ids.clear();
        for (const auto& r : got) if (r.answered == 204) ids.insert(r.headers.at("idempotency-key"));
        return ids.size() == kAlerts;
      },
      60))
      << receiver.received().size() << " requests";
  const auto got = receiver.received();
  EXPECT_EQ(got.front().answered, 0) << "the first POST was cut off by the kill";
  EXPECT_TRUE(ids.contains(got.front().headers.at("idempotency-key"))) << "and sent again with the same id";
  auto feed = Json(Call(b->port(), "GET", "/v1/alerts", "", Auth(ing_, "payment-screening")).body);
  ASSERT_EQ(feed["alerts"].Size(), static_cast<size_t>(kAlerts));
  for (const auto& alert : feed["alerts"].GetArray()) EXPECT_TRUE(ids.contains(alert["id"].GetString()));
  EXPECT_EQ(Counter(b->port(), kDelivered), kAlerts) << "node b sent them all";
}

}  // namespace
}  // namespace zicht::server

// The real `zicht serve` on 127.0.0.1 on both store backends
// (tests/testutil/store_backend.h): `--store` with a SQLite file and with a
// postgresql:// URL of a throw-away cluster (store_server_test_pg). Reports
// ingested over HTTP, checks, the audit log, a payment barrier's state, and
// a restart that finds all of it again; and the loop of alerts (issue 15):
// subscription, webhook, feed, feedback, dispute and outcome statistics.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "server/test_alert_util.h"
#include "server/test_http_client.h"
#include "server/test_server_fixture.h"
#include "server/test_webhook_receiver.h"
#include "store/audit_store.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;

constexpr char kNewIban[] = "NL20INGB0001234567";

std::string Payment(const std::string& at, int eur) {
  return R"({"type":"payment","account":"NL01","at":")" + at + R"(","amount_eur":)" + std::to_string(eur) +
         R"(,"beneficiary_iban":"NL44RABO0123456789","new_beneficiary":false})";
}

class StoreServerTest : public BackendServerTest {
 protected:
  // Key files in the test's directory: a PostgreSQL store has no directory
  // of its own to default to.
  std::unique_ptr<testing::ServerProcess> StartOnStore() {
    return Start({"--pseudonym-key-file", dir_.File("pseudonym.key"), "--oprf-key-file", dir_.File("oprf.key")});
  }
  bool Known(int port, const std::string& iban) {
    Response r = Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(checker_, "payment-screening"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body.find("\"known\":true") != std::string::npos;
  }
  std::string Decide(int port, const std::string& event) {
    Response r = Call(port, "POST", "/v1/payments/evaluate", event, Auth(checker_, "payment-screening"));
    EXPECT_EQ(r.status, 200) << r.body;
    auto doc = Json(r.body);
    if (r.status != 200 || !doc.IsObject() || !doc.HasMember("decisions") || doc["decisions"].Empty()) return "";
    return doc["decisions"][0]["decision"].GetString();
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreServerTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(StoreServerTest, IngestCheckAndRestartKeepEverything) {
  {
    auto s = StartOnStore();
    ASSERT_TRUE(s->started());
    EXPECT_TRUE(Known(s->port(), kMuleIban)) << "seed loaded from the store at start-up";
    EXPECT_FALSE(Known(s->port(), kNewIban));
    Response posted = Call(s->port(), "POST", "/v1/reports",
                           std::string(R"({"id":"H1","source":"fraudehelpdesk","reported_at":"2024-05-01",)") +
                               R"("fraud_type":"phishing","identifiers":[{"kind":"iban","value":")" + kNewIban +
                               R"("}]})",
                           Auth(reporter_, "fraud-reporting"));
    ASSERT_EQ(posted.status, 200) << posted.body;
    EXPECT_NE(posted.body.find("\"accepted\":1"), std::string::npos) << posted.body;
    EXPECT_TRUE(Known(s->port(), kNewIban)) << "read-your-writes on the accepting server";
    // The default daily limit is € 2,000: the second € 1,900 does not fit.
    EXPECT_EQ(Decide(s->port(), Payment("2024-05-01T09:00:00Z", 1900)), "allow");
    EXPECT_EQ(Decide(s->port(), Payment("2024-05-01T09:01:00Z", 1900)), "block");
    EXPECT_EQ(s->Stop(SIGTERM), 0) << s->Stderr();
  }
  auto s = StartOnStore();
  ASSERT_TRUE(s->started());
  EXPECT_TRUE(Known(s->port(), kNewIban)) << "the report posted before the restart";
  EXPECT_TRUE(Known(s->port(), kMuleIban));
  EXPECT_EQ(Decide(s->port(), Payment("2024-05-01T10:00:00Z", 200)), "block") << "the day's spending was lost";
  EXPECT_EQ(s->Stop(SIGTERM), 0) << s->Stderr();
  // Every check is in the audit log, in the same store.
  auto audit = store::AuditStore::Open(db_);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  auto entries = (*audit)->Query({"bank", std::nullopt, std::nullopt, 0});
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  int checks = 0;
  for (const auto& e : *entries) checks += e.endpoint == "POST /v1/check" ? 1 : 0;
  EXPECT_EQ(checks, 5);
}

// The alert tables live in the store: on PostgreSQL as on SQLite, a
// subscription made with the CLI is seen by the server, three reports raise
// one alert that reaches the webhook and the feed, ING's account_blocked
// makes the next check say CONFIRMED_MULE, a dispute shows as DISPUTED and
// is listed and resolved with `zicht disputes`, and the outcome statistics
// count it all — also after a restart.
TEST_P(StoreServerTest, AlertsFeedbackAndDisputesLiveInTheStore) {
  testing::WebhookReceiver receiver([](size_t) { return 204; });
  testutil::WriteFile(dir_.File("secret"), "0123456789abcdef0123456789abcdef");
  testutil::WriteFile(dir_.File("rules.toml"), "[priority_cluster]\nenabled = false\n[mule_candidate]\nenabled = false\n");
  auto sub = testutil::RunZicht({"subscriptions", "add", "--partner", "ing", "--bank-code", "INGB", "--webhook",
                                 receiver.url(), "--secret-file", dir_.File("secret"), "--db", db_});
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  const std::string ing = AddKey("ing", "checker", {}, {"--scope", "detail"});
  const std::string iban = testing::DutchIban("INGB", 4242);
  std::string id;
  {
    auto s = Start({"--pseudonym-key-file", dir_.File("pseudonym.key"), "--oprf-key-file", dir_.File("oprf.key"),
                    "--alert-rules", dir_.File("rules.toml")});
    ASSERT_TRUE(s->started()) << s->Stderr();
    std::string body;
    for (int i = 0; i < 3; ++i) body += testing::ReportLine("politie", "AL" + std::to_string(i), {iban}, "beneficiary");
    ASSERT_EQ(Call(s->port(), "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting")).status, 200);
    ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return !got.empty(); })) << s->Stderr();
    auto hook = Json(receiver.received().front().body);
    ASSERT_TRUE(hook.IsObject()) << receiver.received().front().body;
    EXPECT_STREQ(hook["rule"].GetString(), "reports");
    EXPECT_EQ(hook["normalized"].GetString(), iban);
    id = hook["id"].GetString();
    Response feed = Call(s->port(), "GET", "/v1/alerts", "", Auth(ing, "payment-screening"));
    ASSERT_EQ(feed.status, 200) << feed.body;
    auto page = Json(feed.body);
    ASSERT_EQ(page["alerts"].Size(), 1u) << feed.body;
    EXPECT_EQ(page["alerts"][0]["id"].GetString(), id);
    Response fb = Call(s->port(), "POST", "/v1/feedback", R"({"alert_id":")" + id + R"(","outcome":"account_blocked"})",
                       Auth(ing, "payment-screening"));
    ASSERT_EQ(fb.status, 200) << fb.body;
    Response check = Call(s->port(), "POST", "/v1/check", CheckBody("iban", iban), Auth(ing, "payment-screening"));
    EXPECT_NE(check.body.find("CONFIRMED_MULE"), std::string::npos) << check.body;
    Response dispute = Call(s->port(), "POST", "/v1/disputes",
                            std::string(R"({"kind":"iban","value":")") + kMuleIban + R"(","reason":"the victim's own"})",
                            Auth(checker_, "payment-screening"));
    ASSERT_EQ(dispute.status, 200) << dispute.body;
    check = Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_, "fraud-investigation"));
    EXPECT_NE(check.body.find("DISPUTED"), std::string::npos) << check.body;
    EXPECT_EQ(s->Stop(SIGTERM), 0) << s->Stderr();
  }
  auto listed = testutil::RunZicht({"disputes", "list", "--format", "json", "--db", db_});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(kMuleIban), std::string::npos) << listed.out;
  auto stats = testutil::RunZicht({"stats", "--outcomes", "--format", "json", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find(R"("partner":"ing","rule":"reports","alerts":1,"acted_on":1,)"), std::string::npos)
      << stats.out;
  // After a restart: the feed still has the alert, the check still says so.
  auto s = Start({"--pseudonym-key-file", dir_.File("pseudonym.key"), "--oprf-key-file", dir_.File("oprf.key"),
                  "--alert-rules", dir_.File("rules.toml")});
  ASSERT_TRUE(s->started()) << s->Stderr();
  Response feed = Call(s->port(), "GET", "/v1/alerts", "", Auth(ing, "payment-screening"));
  EXPECT_NE(feed.body.find(id), std::string::npos) << feed.body;
  Response check = Call(s->port(), "POST", "/v1/check", CheckBody("iban", iban), Auth(ing, "payment-screening"));
  EXPECT_NE(check.body.find("CONFIRMED_MULE"), std::string::npos) << check.body;
  EXPECT_EQ(receiver.received().size(), 1u) << "delivered once, not again after the restart";
}

}  // namespace
}  // namespace zicht::server

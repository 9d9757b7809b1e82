// Webhook delivery through a real `zicht serve` to a real receiver on
// loopback (docs/alerts.md, "Guarantees"): a receiver that fails, times
// out, drops the connection and recovers; one that answers 500 forever
// beside one that works; and kill -9 of the server mid-delivery. Every
// alert arrives, none is lost, duplicates carry the same id.
#include <signal.h>

#include <set>

#include "alert/webhook_signature.h"
#include "server/test_alert_util.h"
#include "server/test_server_fixture.h"
#include "server/test_webhook_receiver.h"
#include "store/alert_store.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::DutchIban;
using testing::ReportLine;
using testing::ReceivedWebhook;
using testing::WebhookReceiver;

constexpr char kSecret[] = "0123456789abcdef0123456789abcdef";

class AlertDeliveryTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    testutil::WriteFile(dir_.File("secret"), kSecret);
    AddKey("ing", "checker", {}, {"--scope", "detail"});
  }

  void Subscribe(const std::string& partner, const std::string& bank, const WebhookReceiver& receiver) {
    auto r = testutil::RunZicht({"subscriptions", "add", "--partner", partner, "--bank-code", bank, "--webhook",
                                 receiver.url(), "--secret-file", dir_.File("secret"), "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::string Rules(int timeout_ms, int max_attempts = 50) {
    std::string path = dir_.File("alert-rules.toml");
    testutil::WriteFile(path, "[delivery]\ntimeout_ms = " + std::to_string(timeout_ms) +
                                  "\nfirst_retry_ms = 50\nmax_retry_ms = 200\nmax_attempts = " +
                                  std::to_string(max_attempts) + "\n");
    return path;
  }

  void Post(int port, const std::string& body) {
    auto res = Call(port, "POST", "/v1/reports", body, Auth(analyst_, "fraud-reporting"));
    ASSERT_EQ(res.status, 200) << res.body;
  }

  std::vector<store::Alert> StoredAlerts(const std::string& partner) {
    auto store = store::OpenSqliteAlertStore(db_);
    EXPECT_TRUE(store.ok());
    auto alerts = (*store)->AlertsAfter(partner, 0, 1000);
    EXPECT_TRUE(alerts.ok());
    return alerts.ok() ? *alerts : std::vector<store::Alert>{};
  }

  // Ids that the receiver acknowledged with a 2xx.
  static std::set<std::string> Acknowledged(const std::vector<ReceivedWebhook>& got) {
    std::set<std::string> ids;
    for (const auto& r : got) {
      if (r.answered >= 200 && r.answered < 300) ids.insert(Json(r.body)["id"].GetString());
    }
    return ids;
  }

  // Every request is signed over its timestamp and body, and its
  // idempotency key is the alert id in its body.
  static void ExpectSignedWithTheAlertId(const std::vector<ReceivedWebhook>& got) {
    for (const auto& r : got) {
      auto headers = r.headers;
      UnixSeconds ts = std::stoll(headers["zicht-timestamp"]);
      EXPECT_TRUE(alert::VerifyWebhook(kSecret, ts, r.body, headers["zicht-signature"])) << r.body;
      auto doc = Json(r.body);
      ASSERT_TRUE(doc.IsObject()) << r.body;
      EXPECT_EQ(headers["idempotency-key"], doc["id"].GetString());
      EXPECT_EQ(headers["content-type"], "application/json");
    }
  }
};

TEST_F(AlertDeliveryTest, FailingTimingOutAndRecoveringReceiverGetsEveryAlertOnce) {
  // 500, then no answer (past the 300 ms timeout), then a dropped
  // connection, then 204 from then on.
  WebhookReceiver receiver([](size_t n) {
    if (n == 0) return 500;
    if (n == 1) return WebhookReceiver::kHang;
    if (n == 2) return WebhookReceiver::kClose;
    return 204;
  });
  Subscribe("ing", "INGB", receiver);
  auto server = Start({"--alert-rules", Rules(300)});
  const std::string ing = DutchIban("INGB", 1234567);
  Post(server->port(), ReportLine("politie", "P1", {ing}));
  Post(server->port(), ReportLine("fraudehelpdesk", "F1", {ing}));
  Post(server->port(), ReportLine("politie", "P2", {ing}));
  // The third report raises `reports`; the linked reports put the IBAN in
  // the top cluster (`priority_cluster`).
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return Acknowledged(got).size() == 2; }))
      << receiver.received().size() << " requests";
  std::vector<store::Alert> stored = StoredAlerts("ing");
  ASSERT_EQ(stored.size(), 2u);
  std::set<std::string> ids;
  for (const auto& a : stored) ids.insert(a.id);
  auto got = receiver.received();
  EXPECT_EQ(Acknowledged(got), ids) << "every stored alert acknowledged";
  EXPECT_GE(got.size(), 5u) << "three failed attempts before the first 2xx";
  ExpectSignedWithTheAlertId(got);
  int reports_alerts = 0;
  for (const auto& r : got) {
    auto doc = Json(r.body);
    if (std::string(doc["rule"].GetString()) != "reports" || r.answered != 204) continue;
    ++reports_alerts;
    EXPECT_EQ(std::string(doc["normalized"].GetString()), ing);
    EXPECT_EQ(doc["reports"].GetInt(), 3) << "detail scope: the ing key's";
    EXPECT_EQ(doc["sources"].GetInt(), 2);
  }
  EXPECT_EQ(reports_alerts, 1) << "acknowledged once, never sent again";
  // A fourth report raises nothing new.
  Post(server->port(), ReportLine("politie", "P3", {ing}));
  EXPECT_EQ(StoredAlerts("ing").size(), 2u);
  server->Stop(SIGTERM);
  EXPECT_NE(server->Stderr().find("alert webhook of partner 'ing': HTTP 500 (attempt 1"), std::string::npos)
      << server->Stderr();
  EXPECT_EQ(server->Stderr().find(ing), std::string::npos) << "never the identifier in the log";
}

TEST_F(AlertDeliveryTest, AReceiverThatAnswers500ForeverNeverBlocksAnotherPartner) {
  WebhookReceiver broken([](size_t) { return 500; });
  WebhookReceiver working([](size_t) { return 200; });
  Subscribe("rabo", "RABO", broken);
  Subscribe("ing", "INGB", working);
  auto server = Start({"--alert-rules", Rules(300, 3)});
  const std::string ing = DutchIban("INGB", 42);
  const std::string rabo = DutchIban("RABO", 42);
  Post(server->port(), ReportLine("politie", "P1", {rabo, ing}, "beneficiary", 500));
  ASSERT_TRUE(working.WaitFor([](const auto& got) { return Acknowledged(got).size() == 1; }));
  // Bounded: three attempts, then the alert is left to the feed.
  ASSERT_TRUE(broken.WaitFor([](const auto& got) { return got.size() >= 3; }));
  auto store = store::OpenSqliteAlertStore(db_);
  ASSERT_TRUE(store.ok());
  std::set<std::string> rabo_ids;
  for (const auto& r : broken.received()) rabo_ids.insert(Json(r.body)["id"].GetString());
  EXPECT_EQ(rabo_ids.size(), 1u) << "retries carry the same id";
  bool gave_up = false;
  for (int i = 0; i < 200 && !gave_up; ++i) {
    gave_up = (*store)->CountDeliveries("rabo")->failed == 1;
    if (!gave_up) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_TRUE(gave_up);
  EXPECT_EQ(broken.received().size(), 3u);
  server->Stop(SIGTERM);
  EXPECT_NE(server->Stderr().find("gave up after 3 attempts"), std::string::npos) << server->Stderr();
}

TEST_F(AlertDeliveryTest, KillNineMidDeliveryLosesNothing) {
  WebhookReceiver receiver([](size_t) { return WebhookReceiver::kHang; });
  Subscribe("ing", "INGB", receiver);
  std::string rules = Rules(10000);
  auto server = Start({"--alert-rules", rules});
  std::string body;
  for (int i = 0; i < 5; ++i) {
    body += ReportLine("politie", "K" + std::to_string(i), {DutchIban("INGB", 1000 + i)}, "beneficiary", 100);
  }
  Post(server->port(), body);
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return !got.empty(); }));
  EXPECT_EQ(server->Stop(SIGKILL), 128 + SIGKILL);  // while the receiver holds the first request
  receiver.set_policy([](size_t) { return 202; });
  auto restarted = Start({"--alert-rules", rules});
  std::vector<store::Alert> stored = StoredAlerts("ing");
  ASSERT_EQ(stored.size(), 5u) << "one beneficiary_loss alert per account, durable before the answer";
  std::set<std::string> ids;
  for (const auto& a : stored) ids.insert(a.id);
  ASSERT_TRUE(receiver.WaitFor([&](const auto& got) { return Acknowledged(got) == ids; }));
  auto got = receiver.received();
  ExpectSignedWithTheAlertId(got);
  // The interrupted delivery came again, with the same id and body.
  const ReceivedWebhook& first = got.front();
  int again = 0;
  for (size_t i = 1; i < got.size(); ++i) {
    if (got[i].headers.at("idempotency-key") == first.headers.at("idempotency-key")) {
      ++again;
      EXPECT_EQ(got[i].body, first.body);
    }
  }
  EXPECT_GE(again, 1);
}

}  // namespace
}  // namespace zicht::server

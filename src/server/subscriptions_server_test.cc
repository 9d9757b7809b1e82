// A partner's subscriptions over HTTP against a real `zicht serve`
// (docs/alerts.md, "Subscriptions"; docs/api.md): GET, POST and DELETE
// /v1/subscriptions — who may call them, that a key sees and changes only
// its own partner's, that what the API stores is what `zicht subscriptions
// list` shows (one validation, one store call), that a subscription added
// over HTTP raises the very next report's alert and pushes it to its
// webhook, that bad input names the field, and what the audit log keeps.
#include <signal.h>

#include "server/test_alert_util.h"
#include "server/test_server_fixture.h"
#include "server/test_webhook_receiver.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::DutchIban;
using testing::ReportLine;
using testing::WebhookReceiver;

constexpr char kSecret[] = "0123456789abcdef0123456789abcdef";

class SubscriptionsServerTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ing_analyst_ = AddKey("ing", "analyst");
    ing_checker_ = AddKey("ing", "checker", {}, {"--scope", "detail"});
  }

  // The subscriptions GET /v1/subscriptions lists for `key`.
  rapidjson::Document List(int port, const std::string& key) {
    auto res = Call(port, "GET", "/v1/subscriptions", "", Auth(key));
    EXPECT_EQ(res.status, 200) << res.body;
    return Json(res.body);
  }

  std::string ing_analyst_, ing_checker_;
};

TEST_F(SubscriptionsServerTest, OnlyAnalystsWithScopeDetail) {
  const std::string risk_analyst = AddKey("ing", "analyst", {}, {"--scope", "risk"});
  auto server = Start();
  const int port = server->port();
  struct Route {
    std::string method, target, body;
  };
  for (const Route& r : std::vector<Route>{{"GET", "/v1/subscriptions", ""},
                                           {"POST", "/v1/subscriptions", R"({"bank_code":"INGB"})"},
                                           {"DELETE", "/v1/subscriptions/1", ""}}) {
    SCOPED_TRACE(r.method + " " + r.target);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, {{"Content-Type", "application/json"}}).status, 401);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, Auth("zk_not_a_key")).status, 401);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, Auth(ing_checker_, "payment-screening")).status, 403)
        << "a partner's checker key reads its alerts, but does not change where they go";
    EXPECT_EQ(Call(port, r.method, r.target, r.body, Auth(reporter_, "fraud-reporting")).status, 403);
    auto scoped = Call(port, r.method, r.target, r.body, Auth(risk_analyst));
    EXPECT_EQ(scoped.status, 403);
    EXPECT_NE(scoped.body.find("scope 'detail'"), std::string::npos) << scoped.body;
  }
  server->Stop(SIGTERM);
  auto cli = testutil::RunZicht({"subscriptions", "list", "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(Json(cli.out).Size(), 0u) << "nothing above stored a subscription: " << cli.out;
}

TEST_F(SubscriptionsServerTest, AKeyManagesOnlyItsOwnPartnersSubscriptions) {
  auto server = Start();
  const int port = server->port();
  auto added = Call(port, "POST", "/v1/subscriptions",
                    R"({"bank_code":"INGB","webhook":"https://alerts.ing.example/zicht","secret":")" +
                        std::string(kSecret) + R"("})",
                    Auth(ing_analyst_));
  ASSERT_EQ(added.status, 201) << added.body;
  auto sub = Json(added.body);
  ASSERT_TRUE(sub.IsObject()) << added.body;
  const int64_t id = sub["id"].GetInt64();
  EXPECT_STREQ(sub["partner"].GetString(), "ing") << "the key's partner";
  EXPECT_STREQ(sub["bank_code"].GetString(), "INGB");
  EXPECT_STREQ(sub["webhook"].GetString(), "https://alerts.ing.example/zicht");
  EXPECT_EQ(added.body.find(kSecret), std::string::npos) << "never the secret";
  // Naming its own partner is allowed.
  auto phone = Call(port, "POST", "/v1/subscriptions", R"({"partner":"ing","phone_prefix":"+3197"})",
                    Auth(ing_analyst_));
  ASSERT_EQ(phone.status, 201) << phone.body;
  EXPECT_STREQ(Json(phone.body)["webhook"].GetString(), "https://alerts.ing.example/zicht")
      << "the partner's webhook, given with the first subscription";

  // The police analyst sees none of ING's, cannot add one for ING, and
  // cannot remove ING's: the same 404 as an unknown id.
  EXPECT_EQ(List(port, analyst_)["subscriptions"].Size(), 0u);
  auto foreign = Call(port, "POST", "/v1/subscriptions", R"({"partner":"ing","bank_code":"INGB"})", Auth(analyst_));
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_NE(foreign.body.find("field 'partner'"), std::string::npos) << foreign.body;
  const std::string target = "/v1/subscriptions/" + std::to_string(id);
  auto steal = Call(port, "DELETE", target, "", Auth(analyst_));
  EXPECT_EQ(steal.status, 404) << steal.body;
  EXPECT_NE(steal.body.find("path parameter 'id'"), std::string::npos) << steal.body;
  auto unknown = Call(port, "DELETE", "/v1/subscriptions/" + std::to_string(id + 1000), "", Auth(analyst_));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find(R"("code":"not_found")"), std::string::npos) << unknown.body;
  EXPECT_NE(steal.body.find(R"("code":"not_found")"), std::string::npos) << "the same answer: " << steal.body;

  // ING's list is what `zicht subscriptions list --format json` shows.
  auto mine = List(port, ing_analyst_);
  ASSERT_EQ(mine["subscriptions"].Size(), 2u);
  auto cli = testutil::RunZicht({"subscriptions", "list", "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto cli_doc = Json(cli.out);
  ASSERT_TRUE(cli_doc.IsArray()) << cli.out;
  EXPECT_TRUE(cli_doc == mine["subscriptions"]) << cli.out;

  // ING removes its first; the other stays, with the webhook.
  auto removed = Call(port, "DELETE", target, "", Auth(ing_analyst_));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Call(port, "DELETE", target, "", Auth(ing_analyst_)).status, 404) << "already gone";
  auto left = List(port, ing_analyst_);
  ASSERT_EQ(left["subscriptions"].Size(), 1u);
  EXPECT_STREQ(left["subscriptions"][0]["phone_prefix"].GetString(), "+3197");

  // Audited with the subscription id and the caller's partner; never the
  // webhook URL or its secret.
  server->Stop(SIGTERM);
  auto audit = testutil::RunZicht({"audit", "--db", db_, "--format", "json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  auto entries = Json(audit.out);
  ASSERT_TRUE(entries.IsArray()) << audit.out;
  std::vector<std::string> seen;
  for (const auto& e : entries.GetArray()) {
    const std::string endpoint = e["endpoint"].GetString();
    if (endpoint.find("/v1/subscriptions") == std::string::npos) continue;
    seen.push_back(endpoint + " " + e["partner"].GetString() + " " + e["subject"].GetString() + " " +
                   e["result"].GetString());
  }
  const std::string first = "subscription/" + std::to_string(id);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "POST /v1/subscriptions ing " + first + " added+webhook"), seen.end());
  EXPECT_NE(std::find(seen.begin(), seen.end(), "DELETE /v1/subscriptions/{id} ing " + first + " removed"),
            seen.end());
  EXPECT_NE(std::find(seen.begin(), seen.end(), "GET /v1/subscriptions politie subscriptions 0"), seen.end());
  EXPECT_EQ(audit.out.find("alerts.ing.example"), std::string::npos) << "never the webhook";
  EXPECT_EQ(audit.out.find(kSecret), std::string::npos) << "never the secret";
}

// Added over HTTP, a subscription counts for the next report at once: the
// alert is in the feed when the report's POST is answered, and pushed to
// the webhook given with it.
TEST_F(SubscriptionsServerTest, ASubscriptionAddedOverHttpRaisesTheNextReportsAlert) {
  WebhookReceiver receiver([](size_t) { return 204; });
  testutil::WriteFile(dir_.File("rules.toml"), "[priority_cluster]\nenabled = false\n");
  auto server = Start({"--alert-rules", dir_.File("rules.toml")});
  const int port = server->port();
  auto added = Call(port, "POST", "/v1/subscriptions",
                    R"({"bank_code":"INGB","webhook":")" + receiver.url() + R"(","secret":")" + kSecret + R"("})",
                    Auth(ing_analyst_));
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string iban = DutchIban("INGB", 4242);
  ASSERT_EQ(Call(port, "POST", "/v1/reports", ReportLine("politie", "PL-9", {iban}, "beneficiary", 900),
                 Auth(analyst_, "fraud-reporting")).status, 200);
  auto feed = Call(port, "GET", "/v1/alerts", "", Auth(ing_checker_, "payment-screening"));
  ASSERT_EQ(feed.status, 200) << feed.body;
  auto page = Json(feed.body);
  ASSERT_EQ(page["alerts"].Size(), 1u) << feed.body;
  EXPECT_STREQ(page["alerts"][0]["rule"].GetString(), "beneficiary_loss");
  EXPECT_EQ(page["alerts"][0]["normalized"].GetString(), iban);
  ASSERT_TRUE(receiver.WaitFor([](const auto& got) { return !got.empty(); }));
  auto pushed = Json(receiver.received().front().body);
  EXPECT_STREQ(pushed["id"].GetString(), page["alerts"][0]["id"].GetString());
}

TEST_F(SubscriptionsServerTest, BadInputNamesTheField) {
  auto server = Start();
  const int port = server->port();
  const std::string secret = std::string(R"("secret":")") + kSecret + "\"";
  struct Case {
    std::string body;
    int status;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"bank_code":"INGB","webhook":"ftp://alerts.ing.example/x",)" + secret + "}", 400,
            "field 'webhook' must be an http:// or https:// URL"},
           {R"({"bank_code":"INGB","webhook":"alerts.ing.example",)" + secret + "}", 400,
            "field 'webhook' must be an http:// or https:// URL"},
           {R"({"bank_code":"ZZZZ"})", 400, "field 'bank_code' 'ZZZZ' is not a Dutch IBAN bank code"},
           {R"({"bank_code":"ZZZZ"})", 400, "the known codes are ABNA, ADYB, AEGO"},
           {R"({"bic":"DEUTDEFF"})", 400, "field 'bic' 'DEUTDEFF': IBANs of DE carry a numeric bank code"},
           {R"({"phone_prefix":"3197"})", 400, "field 'phone_prefix' '3197' must be '+' and 1 to 14 digits"},
           {R"({"bank_code":"INGB","bic":"NWBKGB2L"})", 400,
            "give exactly one of field 'bank_code', field 'bic' and field 'phone_prefix'"},
           {R"({})", 400, "give exactly one of field 'bank_code'"},
           {R"({"bank_code":"INGB","webhook":"https://alerts.ing.example/x"})", 400,
            "field 'webhook' and field 'secret' go together"},
           {R"({"bank_code":"INGB","webhook":"https://alerts.ing.example/x","secret":"short"})", 400,
            "field 'secret' holds 5 bytes; at least 16"},
           {R"({"bank_code":"INGB","bankcode":"INGB"})", 400, "field 'bankcode' is unknown"},
           {R"({"bank_code":7})", 400, "field 'bank_code' must be a string, not number"},
           {R"(["INGB"])", 400, "body must be a JSON object"},
           {R"({"partner":"rabo","bank_code":"RABO"})", 403, "field 'partner': a key of partner 'ing'"},
       }) {
    SCOPED_TRACE(c.body);
    auto res = Call(port, "POST", "/v1/subscriptions", c.body, Auth(ing_analyst_));
    EXPECT_EQ(res.status, c.status) << res.body;
    EXPECT_NE(res.body.find(c.message), std::string::npos) << res.body;
  }
  for (const char* id : {"0", "-1", "x", "1x"}) {
    auto res = Call(port, "DELETE", std::string("/v1/subscriptions/") + id, "", Auth(ing_analyst_));
    EXPECT_EQ(res.status, 400) << id;
    EXPECT_NE(res.body.find("path parameter 'id'"), std::string::npos) << res.body;
  }
  EXPECT_EQ(List(port, ing_analyst_)["subscriptions"].Size(), 0u) << "nothing bad was stored";
}

}  // namespace
}  // namespace zicht::server

// The real `zicht serve` on 127.0.0.1 on both store backends
// (tests/testutil/store_backend.h): `--store` with a SQLite file and with a
// postgresql:// URL of a throw-away cluster (store_server_test_pg). Reports
// ingested over HTTP, checks, the audit log, a payment barrier's state, and
// a restart that finds all of it again.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "server/test_http_client.h"
#include "server/test_server_fixture.h"
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

class StoreServerTest : public ServerTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    db_ = testutil::FreshStoreLocation(GetParam(), dir_);
    ASSERT_FALSE(db_.empty());
    ServerTest::SetUp();
  }
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

}  // namespace
}  // namespace zicht::server

// Integration tests: the real `zicht serve` on 127.0.0.1 with an ephemeral
// port, a real store seeded with `zicht ingest`, keys made with `zicht keys
// add`, and a raw-socket HTTP client. On both store backends: server_test on
// a SQLite file, server_test_pg on a throw-away PostgreSQL cluster
// (tests/testutil/store_backend.h).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "server/test_http_client.h"
#include "server/test_server_fixture.h"
#include "store/store.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Connection;
using testing::Response;
using testing::ServerProcess;

INSTANTIATE_TEST_SUITE_P(Backends, BackendServerTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(BackendServerTest, HealthzAndMetricsNeedNoKey) {
  auto s = Start();
  Response h = Call(s->port(), "GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, R"({"status":"ok"})");
  Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(checker_));
  Response m = Call(s->port(), "GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("zicht_http_requests_total{route=\"check\",status=\"200\"} 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("zicht_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("zicht_index_reports 3"), std::string::npos);
  EXPECT_NE(m.body.find("zicht_ingest_reports_total"), std::string::npos);
}

// The audit writer is background work: it runs at nice +10 so that its
// batches never hold up a check (audit_log.h). Field 19 of
// /proc/PID/task/TID/stat is the nice value.
TEST_P(BackendServerTest, AuditWriterRunsAtLowerPriority) {
  auto s = Start();
  ASSERT_EQ(Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(checker_)).status, 200);
  int niced = 0, threads = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(s->pid()) + "/task")) {
    std::string stat = testutil::ReadFile((task.path() / "stat").string());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
    std::string field;
    for (int i = 3; i <= 19 && fields >> field; ++i) {
    }
    ++threads;
    if (field == "10") ++niced;
  }
  EXPECT_GE(threads, 2);
  EXPECT_EQ(niced, 2) << "exactly two threads (the audit writer and the barrier state writer) at nice 10";
}

TEST_P(BackendServerTest, RoleMatrix) {
  auto s = Start();
  int port = s->port();
  struct Case {
    std::string method, target, body;
    int analyst, reporter, checker;
  };
  const std::string report =
      R"({"id":"N1","source":"fraudehelpdesk","reported_at":"2024-05-01","fraud_type":"phishing"})";
  std::vector<Case> cases = {
      {"POST", "/v1/check", CheckBody("iban", kMuleIban), 200, 200, 200},
      {"POST", "/v1/reports", report, 200, 200, 403},
      {"GET", "/v1/clusters", "", 200, 403, 403},
      {"GET", "/v1/mules", "", 200, 403, 403},
      {"GET", "/v1/stats", "", 200, 403, 403},
      {"POST", "/v1/messages/screen", R"({"text":"Hoi mam, mijn telefoon is kapot"})", 200, 200, 200},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Call(port, c.method, c.target, c.body).status, 401) << c.target;
    EXPECT_EQ(Call(port, c.method, c.target, c.body, Auth("zk_wrong")).status, 401) << c.target;
    EXPECT_EQ(Call(port, c.method, c.target, c.body, Auth(analyst_)).status, c.analyst) << c.target;
    EXPECT_EQ(Call(port, c.method, c.target, c.body, Auth(reporter_)).status, c.reporter) << c.target;
    EXPECT_EQ(Call(port, c.method, c.target, c.body, Auth(checker_)).status, c.checker) << c.target;
  }
  Response denied = Call(port, "GET", "/v1/clusters", "", Auth(checker_));
  auto d = Json(denied.body);
  ASSERT_TRUE(d.IsObject());
  EXPECT_STREQ(d["error"]["code"].GetString(), "permission_denied");
}

TEST_P(BackendServerTest, CheckAnswersInOrderAndByPseudonym) {
  auto s = Start({"--legacy-shared-pseudonyms"});
  std::string body = R"({"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},)"
                     R"({"kind":"iban","value":"NL20INGB0001234567"},{"kind":"phone","value":"onbekend"}]})";
  Response r = Call(s->port(), "POST", "/v1/check", body, Auth(checker_));
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = Json(r.body);
  const auto& results = d["results"];
  ASSERT_EQ(results.Size(), 3u);
  EXPECT_STREQ(results[0]["normalized"].GetString(), kMuleIban);
  EXPECT_TRUE(results[0]["known"].GetBool());
  EXPECT_STREQ(results[0]["risk"].GetString(), "high");
  EXPECT_FALSE(results[1]["known"].GetBool());
  EXPECT_STREQ(results[1]["risk"].GetString(), "none");
  EXPECT_FALSE(results[2]["valid"].GetBool());

  // The partner's side: pseudonymise locally with the deployment key, send
  // only the pseudonym, get the same verdict.
  auto p = testutil::RunZicht({"pseudonymize", "iban", "NL91 ABNA 0417 1643 00", "--key-file",
                               PseudonymKeyFile()});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  std::string pseudonym = p.out.substr(0, p.out.find('\n'));
  EXPECT_EQ(pseudonym.size(), 64u);
  Response byp = Call(s->port(), "POST", "/v1/check",
                      R"({"identifiers":[{"kind":"iban","pseudonym":")" + pseudonym + R"("}]})", Auth(checker_));
  ASSERT_EQ(byp.status, 200) << byp.body;
  auto bd = Json(byp.body);
  EXPECT_TRUE(bd["results"][0]["known"].GetBool());
  EXPECT_STREQ(bd["results"][0]["risk"].GetString(), "high");
}

TEST_P(BackendServerTest, BadRequestsGetNamedErrors) {
  auto s = Start({"--max-body", "4096"});
  int port = s->port();
  auto expect_400 = [&](const std::string& body, const std::string& mention) {
    Response r = Call(port, "POST", "/v1/check", body, Auth(checker_));
    EXPECT_EQ(r.status, 400) << body;
    auto d = Json(r.body);
    ASSERT_TRUE(d.IsObject() && d.HasMember("error")) << r.body;
    EXPECT_STREQ(d["error"]["code"].GetString(), "invalid_argument");
    EXPECT_NE(std::string(d["error"]["message"].GetString()).find(mention), std::string::npos) << r.body;
  };
  expect_400("{not json", "not valid JSON at byte 1");
  expect_400("[]", "identifiers");
  expect_400(R"({"identifiers":5})", "identifiers");
  expect_400(R"({"identifiers":[{"kind":"iban","value":7}]})", "identifiers[0].value");
  expect_400(R"({"identifiers":[{"kind":"bsn","value":"1"}]})", "bsn");
  expect_400(R"({"identifiers":[{"kind":"iban"}]})", "exactly one");

  Response big = Call(port, "POST", "/v1/check", std::string(10000, ' '), Auth(checker_));
  EXPECT_EQ(big.status, 413);
  Response missing = Call(port, "GET", "/v1/nothing", "", Auth(analyst_));
  EXPECT_EQ(missing.status, 404);
  Response wrong = Call(port, "GET", "/v1/check", "", Auth(checker_));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "POST");
  // The service is still up after all that.
  EXPECT_EQ(Call(port, "GET", "/healthz").status, 200);
}

TEST_P(BackendServerTest, KeepAliveAndIdleTimeout) {
  auto s = Start({"--idle-timeout", "1"});
  Connection c(s->port());
  ASSERT_TRUE(c.ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(c.Request("POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(checker_)).status, 200);
  }
  EXPECT_TRUE(c.WaitClosed(20));  // closed by the server, not by us
  // A slow client that never finishes its headers is cut off too.
  Connection slow(s->port());
  ASSERT_TRUE(slow.SendRaw("POST /v1/check HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_TRUE(slow.WaitClosed(20));
  // Nor can a client keep a request open by trickling a byte now and then
  // (slowloris): the deadline is for the whole request, not per read.
  Connection trickle(s->port());
  const std::string head = "POST /v1/check HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(250, 'a');
  bool closed = false;
  for (size_t i = 0; i < head.size() && !closed; ++i) {  // 25 s at most; 1 s is the limit
    (void)trickle.SendRaw(std::string(1, head[i]));  // fails once the server is gone
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    closed = trickle.WaitClosed(0);
  }
  EXPECT_TRUE(closed) << "a client sending a byte every 100 ms outlived --idle-timeout 1";
}

// The transport reads and parses by hand (http_server.cc): requests that
// arrive together (pipelining, more than the 16 answered in a row before
// the loop yields), a request that trickles in byte by byte, and one cut
// off by the client must each be handled right, with busy polling on (the
// default) and off.
TEST_P(BackendServerTest, PipelinedTrickledAndCutOffRequests) {
  for (const char* busy_poll : {"50", "0"}) {
    SCOPED_TRACE(std::string("--busy-poll-us ") + busy_poll);
    auto s = Start({"--busy-poll-us", busy_poll});
    auto raw_check = [&](const std::string& value) {
      std::string body = CheckBody("iban", value);
      return "POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + checker_ +
             "\r\nX-Purpose: payment-screening\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
             body;
    };
    Connection pipelined(s->port());
    ASSERT_TRUE(pipelined.ok());
    std::string burst;
    constexpr int kRequests = 40;
    for (int i = 0; i < kRequests; ++i) burst += raw_check(i % 2 == 0 ? kMuleIban : "NL20INGB0001234567");
    ASSERT_TRUE(pipelined.SendRaw(burst));
    for (int i = 0; i < kRequests; ++i) {
      Response r = pipelined.ReadResponse();
      ASSERT_EQ(r.status, 200) << "response " << i;
      auto d = Json(r.body);
      ASSERT_TRUE(d.IsObject()) << r.body;
      EXPECT_EQ(std::string(d["results"][0]["risk"].GetString()), i % 2 == 0 ? "high" : "none") << "response " << i;
    }

    Connection trickle(s->port());
    for (char c : raw_check(kMuleIban)) {
      ASSERT_TRUE(trickle.SendRaw(std::string(1, c)));
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    Response t = trickle.ReadResponse();
    EXPECT_EQ(t.status, 200);
    EXPECT_NE(t.body.find("\"risk\":\"high\""), std::string::npos) << t.body;

    {
      Connection cut(s->port());
      std::string request = raw_check(kMuleIban);
      ASSERT_TRUE(cut.SendRaw(request.substr(0, request.size() - 10)));
    }  // closed mid-body
    EXPECT_EQ(Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(checker_)).status, 200);
  }
}

TEST_P(BackendServerTest, ConnectionFloodIsCappedNotFatal) {
  auto s = Start({"--max-connections", "2"});
  Connection a(s->port()), b(s->port());
  EXPECT_EQ(a.Request("GET", "/healthz").status, 200);
  EXPECT_EQ(b.Request("GET", "/healthz").status, 200);
  Connection c(s->port());
  EXPECT_TRUE(c.WaitClosed(20));
  EXPECT_EQ(a.Request("GET", "/healthz").status, 200);
}

TEST_P(BackendServerTest, IngestThenCheckSeesItAndRestartKeepsReportsAndAudit) {
  const std::string iban = "NL39RABO0300065264";
  {
    auto s = Start();
    EXPECT_STREQ(Json(Call(s->port(), "POST", "/v1/check", CheckBody("iban", iban), Auth(checker_)).body)["results"][0]["risk"].GetString(), "none");
    std::string lines =
        R"({"id":"N1","source":"fraudehelpdesk","reported_at":"2024-05-01","fraud_type":"aankoopfraude","damage_eur":80,"identifiers":[{"kind":"iban","value":")" +
        iban + R"("}]})" + "\n" + R"({"id":"N2","source":"fraudehelpdesk","fraud_type":"phishing"})" + "\n";
    Response r = Call(s->port(), "POST", "/v1/reports", lines, Auth(reporter_));
    ASSERT_EQ(r.status, 200) << r.body;
    auto summary = Json(r.body);
    EXPECT_EQ(summary["accepted"].GetInt(), 1);
    EXPECT_EQ(summary["rejected"].GetInt(), 1);
    EXPECT_NE(r.body.find("reported_at"), std::string::npos);  // the rejection names the field
    Response c = Call(s->port(), "POST", "/v1/check", CheckBody("iban", iban), Auth(checker_, "onboarding"));
    auto d = Json(c.body);
    EXPECT_TRUE(d["results"][0]["known"].GetBool()) << c.body;
    EXPECT_STREQ(d["results"][0]["risk"].GetString(), "high");
    EXPECT_EQ(s->Stop(SIGTERM), 0) << s->Stderr();
  }
  auto s = Start();
  Response c = Call(s->port(), "POST", "/v1/check", CheckBody("iban", iban), Auth(analyst_));
  EXPECT_TRUE(Json(c.body)["results"][0]["known"].GetBool()) << c.body;
  s->Stop(SIGTERM);

  // Who looked up this IBAN, and why? (by value, pseudonymised locally)
  auto a = testutil::RunZicht(
      {"audit", "--db", db_, "--key-file", PseudonymKeyFile(), "--kind", "iban", "--value", iban, "--format", "json"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto entries = Json(a.out);
  ASSERT_TRUE(entries.IsArray()) << a.out;
  ASSERT_EQ(entries.Size(), 3u) << a.out;
  EXPECT_STREQ(entries[0]["partner"].GetString(), "bank");
  EXPECT_STREQ(entries[1]["purpose"].GetString(), "onboarding");
  EXPECT_STREQ(entries[1]["result"].GetString(), "high");
  EXPECT_STREQ(entries[2]["partner"].GetString(), "politie");
  EXPECT_EQ(a.out.find(iban), std::string::npos);  // never the raw value
  auto by_partner = testutil::RunZicht({"audit", "--db", db_, "--partner", "politie", "--format", "json"});
  EXPECT_EQ(Json(by_partner.out).Size(), 1u) << by_partner.out;
  auto by_pseudonym = testutil::RunZicht(
      {"audit", "--db", db_, "--pseudonym", std::string(entries[0]["pseudonym"].GetString()), "--format", "csv"});
  EXPECT_NE(by_pseudonym.out.find("onboarding"), std::string::npos);
}

TEST_P(BackendServerTest, SigtermDuringIngestLosesNothingAccepted) {
  std::string lines;
  constexpr int kReports = 3000;
  for (int i = 0; i < kReports; ++i) {
    lines += R"({"id":"B)" + std::to_string(i) +
             R"(","source":"politie","reported_at":"2024-06-01","fraud_type":"phishing","text":"x"})" "\n";
  }
  auto s = Start();
  Connection c(s->port());
  std::string req = "POST /v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + analyst_ +
                    "\r\nX-Purpose: fraud-reporting\r\nContent-Length: " + std::to_string(lines.size()) + "\r\n\r\n" + lines;
  ASSERT_TRUE(c.SendRaw(req));
  ::kill(s->pid(), SIGTERM);
  Response r = c.ReadResponse();
  EXPECT_EQ(s->Stop(SIGTERM), 0);
  auto store = store::OpenStore(db_);
  ASSERT_TRUE(store.ok());
  auto count = (*store)->CountReports();
  ASSERT_TRUE(count.ok());
  if (r.status == 200) {
    EXPECT_EQ(Json(r.body)["accepted"].GetInt(), kReports);
    EXPECT_EQ(*count, 3 + kReports);  // everything acknowledged is stored
  } else {
    // The request arrived after the stop began and was never accepted.
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(*count == 3 || *count == 3 + kReports);
  }
}

TEST_P(BackendServerTest, KeysRevokeAndReloadOnSighup) {
  auto list = testutil::RunZicht({"keys", "list", "--keys", keys_, "--format", "json"});
  ASSERT_EQ(list.exit_code, 0);
  auto keys = Json(list.out);
  ASSERT_EQ(keys.Size(), 3u);
  EXPECT_STREQ(keys[2]["partner"].GetString(), "bank");
  EXPECT_EQ(testutil::ReadFile(keys_).find(checker_), std::string::npos);  // only hashes stored

  auto s = Start();
  EXPECT_EQ(Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(checker_)).status, 200);
  auto r = testutil::RunZicht({"keys", "revoke", "bank", "--keys", keys_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ::kill(s->pid(), SIGHUP);
  int status = 0;
  for (int i = 0; i < 200 && status != 401; ++i) {
    status = Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(checker_)).status;
    if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 401);
  EXPECT_EQ(Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_)).status, 200);
  EXPECT_NE(testutil::RunZicht({"keys", "revoke", "nobody", "--keys", keys_}).exit_code, 0);
}

TEST_P(BackendServerTest, ClustersStatsAndExports) {
  auto s = Start();
  int port = s->port();
  Response list = Call(port, "GET", "/v1/clusters?top=5", "", Auth(analyst_));
  ASSERT_EQ(list.status, 200) << list.body;
  auto l = Json(list.body);
  ASSERT_EQ(l["clusters"].Size(), 1u) << list.body;
  std::string id = l["clusters"][0]["id"].GetString();
  EXPECT_EQ(l["clusters"][0]["reports"].GetInt(), 2);

  Response one = Call(port, "GET", "/v1/clusters/" + id, "", Auth(analyst_));
  ASSERT_EQ(one.status, 200) << one.body;
  auto d = Json(one.body);
  EXPECT_EQ(d["reports"].Size(), 2u);
  EXPECT_EQ(d["cluster"]["reports"].GetInt(), 2);
  EXPECT_GT(d["edges"].Size(), 0u);
  Response dot = Call(port, "GET", "/v1/clusters/" + id + "?format=dot", "", Auth(analyst_));
  EXPECT_EQ(dot.status, 200);
  EXPECT_NE(dot.body.find("graph"), std::string::npos);
  EXPECT_EQ(Call(port, "GET", "/v1/clusters/" + id + "?format=pdf", "", Auth(analyst_)).status, 400);
  EXPECT_EQ(Call(port, "GET", "/v1/clusters/C-nope", "", Auth(analyst_)).status, 404);
  EXPECT_EQ(Call(port, "GET", "/v1/clusters?top=abc", "", Auth(analyst_)).status, 400);

  Response stats = Call(port, "GET", "/v1/stats?by=month", "", Auth(analyst_));
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto st = Json(stats.body);
  ASSERT_EQ(st["rows"].Size(), 2u) << stats.body;
  EXPECT_STREQ(st["rows"][0]["period"].GetString(), "2024-03");
  EXPECT_EQ(st["rows"][0]["reports"].GetInt(), 2);
  EXPECT_EQ(Call(port, "GET", "/v1/stats?by=year", "", Auth(analyst_)).status, 400);
  EXPECT_EQ(Call(port, "GET", "/v1/stats?type=nope", "", Auth(analyst_)).status, 400);

  Response mules = Call(port, "GET", "/v1/mules", "", Auth(analyst_));
  ASSERT_EQ(mules.status, 200);
  EXPECT_NE(mules.body.find(kMuleIban), std::string::npos);

  // Reading a cluster is audited.
  s->Stop(SIGTERM);
  auto a = testutil::RunZicht({"audit", "--db", db_, "--format", "csv"});
  EXPECT_NE(a.out.find("GET /v1/clusters/{id}," ), std::string::npos) << a.out;
  EXPECT_NE(a.out.find(id), std::string::npos);
}

TEST_P(BackendServerTest, EvaluateAndScreen) {
  auto s = Start();
  std::string events =
      R"({"type":"payment","account":"A1","at":"2024-05-01T11:00:00Z","amount_eur":50,"beneficiary_iban":"NL91ABNA0417164300","beneficiary_name":"X","new_beneficiary":true,"device":"fp:1","channel":"app"})";
  Response e = Call(s->port(), "POST", "/v1/payments/evaluate", events, Auth(checker_));
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_NE(e.body.find("decisions"), std::string::npos);
  EXPECT_EQ(Call(s->port(), "POST", "/v1/payments/evaluate", R"({"type":"teleport"})", Auth(checker_)).status, 400);
  Response sc = Call(s->port(), "POST", "/v1/messages/screen",
                     R"({"text":"Hoi mam, dit is mijn nieuwe nummer. Kun je even 500 euro overmaken?","sender_known":false})",
                     Auth(checker_));
  ASSERT_EQ(sc.status, 200) << sc.body;
  EXPECT_NE(sc.body.find("label"), std::string::npos);
  EXPECT_EQ(Call(s->port(), "POST", "/v1/messages/screen", R"({"text":5})", Auth(checker_)).status, 400);
}

TEST_P(BackendServerTest, PublicFormValidateAndReport) {
  {
    auto s = Start();
    Response v = Call(s->port(), "POST", "/form/validate", R"({"kind":"iban","value":"nl91 abna 0417 1643 00"})");
    ASSERT_EQ(v.status, 200);
    auto d = Json(v.body);
    EXPECT_TRUE(d["valid"].GetBool());
    EXPECT_STREQ(d["normalized"].GetString(), kMuleIban);
    Response bad = Call(s->port(), "POST", "/form/validate", R"({"kind":"iban","value":"NL91ABNA0417164301"})");
    auto b = Json(bad.body);
    EXPECT_FALSE(b["valid"].GetBool());
    EXPECT_GT(b["message"].GetStringLength(), 0u);
    EXPECT_GT(b["message_en"].GetStringLength(), 0u);
    EXPECT_EQ(Call(s->port(), "POST", "/form/validate", R"({"kind":"email","value":"a@b.nl"})").status, 400);
    // Without --form-partner the form is off.
    EXPECT_EQ(Call(s->port(), "POST", "/form/report", R"({"fraud_type":"phishing"})").status, 503);
  }
  auto s = Start({"--form-partner", "fraudehelpdesk", "--form-rate", "3"});
  std::string report = R"({"reported_at":"2024-06-01","fraud_type":"aankoopfraude","identifiers":[{"kind":"iban","value":"NL20INGB0001234567"}],"text":"Nooit geleverd"})";
  Response ok = Call(s->port(), "POST", "/form/report", report);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto d = Json(ok.body);
  EXPECT_STREQ(d["status"].GetString(), "accepted");
  EXPECT_EQ(std::string(d["reference"].GetString()).rfind("MF-", 0), 0u);
  Response with_source = Call(s->port(), "POST", "/form/report", R"({"source":"x","fraud_type":"phishing"})");
  EXPECT_EQ(with_source.status, 400);
  EXPECT_NE(with_source.body.find("source"), std::string::npos);
  Response bad_type = Call(s->port(), "POST", "/form/report", R"({"reported_at":"2024-06-01","fraud_type":"nope"})");
  EXPECT_EQ(bad_type.status, 400);
  EXPECT_NE(bad_type.body.find("fraud_type"), std::string::npos) << bad_type.body;
  Response limited = Call(s->port(), "POST", "/form/report", report);
  EXPECT_EQ(limited.status, 429);  // 3 per minute: the fourth is refused
  EXPECT_EQ(limited.headers["retry-after"], "60");
  Response c = Call(s->port(), "POST", "/v1/check", CheckBody("iban", "NL20INGB0001234567"), Auth(checker_));
  EXPECT_TRUE(Json(c.body)["results"][0]["known"].GetBool()) << c.body;
}

TEST_P(BackendServerTest, StaticFilesWithoutTraversal) {
  std::filesystem::create_directories(dir_.File("web/assets"));
  testutil::WriteFile(dir_.File("web/index.html"), "<html>zicht</html>");
  testutil::WriteFile(dir_.File("web/assets/app.js"), "console.log(1)");
  testutil::WriteFile(dir_.File("secret.txt"), "secret");
  auto s = Start();
  Response root = Call(s->port(), "GET", "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.body, "<html>zicht</html>");
  EXPECT_EQ(root.headers["content-type"], "text/html; charset=utf-8");
  Response js = Call(s->port(), "GET", "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(Call(s->port(), "GET", "/../secret.txt").status, 404);
  EXPECT_EQ(Call(s->port(), "GET", "/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(Call(s->port(), "GET", "/assets/%2E%2E/%2E%2E/secret.txt").status, 404);
  EXPECT_EQ(Call(s->port(), "GET", "/nope.css").status, 404);
  EXPECT_EQ(Call(s->port(), "POST", "/index.html").status, 405);
}

}  // namespace
}  // namespace zicht::server

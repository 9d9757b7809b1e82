// What an attacker and a bad network did to the service, tried again from
// outside: the real `zicht serve` on 127.0.0.1, raw sockets, many source
// addresses (any 127.x.y.z works on Linux), and the CLI for keys and audit.
// Each test is one finding of the hardening review (docs/security.md).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/client_text.h"
#include "server/test_http_client.h"
#include "server/test_server_fixture.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::CallFrom;
using testing::Connection;
using testing::Response;

class HardeningTest : public ServerTest {};

bool Healthy(int port) { return Call(port, "GET", "/healthz").status == 200; }

// Finding 1: 100,000 `[` in a public body overflowed the recursive parser's
// stack and killed the process. Public routes now refuse such a body by its
// size (413); keyed ones parse it and refuse it by its depth (400).
TEST_F(HardeningTest, DeepNestingIsRefusedNotFatal) {
  auto s = Start({"--form-partner", "fraudehelpdesk"});
  // A million levels: the old recursive parser overflowed its stack well
  // before that (the review saw it at 100,000 on a public route).
  const std::string deep(1000000, '[');
  const std::string deep_objects = [] {
    std::string b;
    for (int i = 0; i < 170000; ++i) b += "{\"a\":";
    return b;
  }();
  struct Case {
    const char* target;
    bool keyed;
  };
  for (const Case& c : {Case{"/form/validate", false}, Case{"/form/report", false}, Case{"/v1/check", true},
                        Case{"/v1/messages/screen", true}, Case{"/v1/payments/evaluate", true},
                        Case{"/v1/reports", true}}) {
    for (const std::string* body : {&deep, &deep_objects}) {
      Headers h = c.keyed ? Auth(analyst_) : Headers{};
      Response r = Call(s->port(), "POST", c.target, *body, h);
      // 0: the server refused the oversized body from its header and closed
      // while the client was still sending; the health probe below is what
      // tells a refusal from a crash.
      EXPECT_TRUE(r.status == 0 || r.status == 400 || r.status == 413 ||
                  (r.status == 200 && std::string(c.target) == "/v1/reports"))
          << c.target << " " << r.status << " " << r.body.substr(0, 200);
      ASSERT_TRUE(Healthy(s->port())) << "server died on " << c.target;
    }
  }
  // A deep body within the size limits names the limit.
  Response r = Call(s->port(), "POST", "/v1/check", std::string(1000, '['), Auth(checker_));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("nested deeper than 64 levels"), std::string::npos) << r.body;
  // A million levels on the bulk endpoint (10 MiB limit) is parsed and refused.
  Response big = Call(s->port(), "POST", "/v1/payments/evaluate", std::string(1000000, '['), Auth(checker_));
  EXPECT_EQ(big.status, 400) << big.body;
  EXPECT_TRUE(Healthy(s->port()));
}

// Finding 2: a reporter key of one bank rewrote the police's and the fraud
// helpdesk's reports (`updated: 55`), unaudited.
TEST_F(HardeningTest, AKeyWritesOnlyItsPartnersSources) {
  const std::string bank_reporter = AddKey("bank-a", "reporter");
  auto s = Start();
  // R2 of the police names the mule IBAN; rewriting it without identifiers
  // would drop the IBAN's second report.
  const std::string foreign =
      R"({"id":"R2","source":"politie","reported_at":"2024-03-05","fraud_type":"overig"})";
  Response r = Call(s->port(), "POST", "/v1/reports", foreign, Auth(bank_reporter));
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("'bank-a'"), std::string::npos) << r.body;
  // Mixed: the bank's own report first, then a foreign one: nothing of the
  // request is written.
  const std::string own =
      R"({"id":"A1","source":"bank-a","reported_at":"2024-05-01","fraud_type":"phishing","identifiers":[{"kind":"iban","value":"NL20INGB0001234567"}]})";
  Response mixed = Call(s->port(), "POST", "/v1/reports", own + "\n" + foreign + "\n", Auth(bank_reporter));
  EXPECT_EQ(mixed.status, 403) << mixed.body;
  Response unknown = Call(s->port(), "POST", "/v1/check", CheckBody("iban", "NL20INGB0001234567"), Auth(checker_));
  EXPECT_STREQ(Json(unknown.body)["results"][0]["risk"].GetString(), "none") << unknown.body;
  Response mule = Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_));
  auto m = Json(mule.body);
  EXPECT_STREQ(m["results"][0]["risk"].GetString(), "high");
  EXPECT_EQ(m["results"][0]["reports"].GetInt(), 2);
  // Its own source goes in, and the write is in the audit log.
  Response ok = Call(s->port(), "POST", "/v1/reports", own, Auth(bank_reporter));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok.body)["accepted"].GetInt(), 1);
  EXPECT_EQ(s->Stop(SIGTERM), 0);  // flushes the audit log
  auto audit = testutil::RunZicht({"audit", "--db", db_, "--partner", "bank-a", "--format", "jsonl"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_NE(audit.out.find("\"POST /v1/reports\""), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("bank-a/A1"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find("NL20INGB0001234567"), std::string::npos) << "no report contents in the audit log";
}

// Finding 3: request smuggling through Transfer-Encoding, and requests
// without Host.
TEST_F(HardeningTest, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
  auto s = Start();
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string te : {"Transfer-Encoding: gzip\r\n", "Transfer-Encoding: xchunked\r\n",
                               "Transfer-Encoding: identity\r\n", "Transfer-Encoding: chunked, gzip\r\n",
                               "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                               "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
                               "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"}) {
    Connection c(s->port());
    ASSERT_TRUE(c.SendRaw("POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + checker_ +
                          "\r\nX-Purpose: payment-screening\r\n" + te + "\r\n" + smuggled));
    Response r = c.ReadResponse();
    EXPECT_EQ(r.status, 400) << te;
    Response second = c.ReadResponse();
    EXPECT_EQ(second.status, 0) << "the bytes after the headers ran as a request: " << te;
  }
  Connection no_host(s->port());
  ASSERT_TRUE(no_host.SendRaw("GET /healthz HTTP/1.1\r\n\r\n"));
  Response r = no_host.ReadResponse();
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Host"), std::string::npos) << r.body;
  Connection two_hosts(s->port());
  ASSERT_TRUE(two_hosts.SendRaw("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
  EXPECT_EQ(two_hosts.ReadResponse().status, 400);
  // HTTP/1.0 needs no Host; absolute-form targets are read as their path.
  Connection old(s->port());
  ASSERT_TRUE(old.SendRaw("GET /healthz HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(old.ReadResponse().status, 200);
  Connection absolute(s->port());
  ASSERT_TRUE(absolute.SendRaw("GET http://127.0.0.1:8080/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  EXPECT_EQ(absolute.ReadResponse().status, 200);
  // Chunked bodies still work.
  Connection chunked(s->port());
  const std::string body = CheckBody("iban", kMuleIban);
  std::ostringstream size;
  size << std::hex << body.size();
  ASSERT_TRUE(chunked.SendRaw("POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + checker_ +
                              "\r\nX-Purpose: payment-screening\r\nTransfer-Encoding: chunked\r\n\r\n" + size.str() + "\r\n" + body + "\r\n0\r\n\r\n"));
  EXPECT_EQ(chunked.ReadResponse().status, 200);
}

// Finding 4: 1,024 trickling sockets from one address held every slot, so
// /healthz went unanswered; the header deadline did not bound the headers.
TEST_F(HardeningTest, OneAddressCannotHoldEveryConnection) {
  auto s = Start({"--max-connections", "60", "--max-connections-per-address", "10", "--header-timeout", "2"});
  std::vector<std::unique_ptr<Connection>> slow;
  for (int i = 0; i < 60; ++i) {
    slow.push_back(std::make_unique<Connection>(s->port(), "127.0.0.1"));
    slow.back()->SendRaw("G");
  }
  // Every other client (another address) is still answered.
  int answered = 0;
  for (int probe = 0; probe < 15; ++probe) {
    const int status = CallFrom("127.0.0.2", s->port(), "GET", "/healthz").status;
    EXPECT_EQ(status, 200) << "probe " << probe;
    answered += status == 200;
  }
  std::printf("slowloris from one address: /healthz answered %d of 15 probes from another\n", answered);
  // The 50 over the per-address cap were closed at once.
  int closed = 0;
  for (auto& c : slow) closed += c->WaitClosed(0) ? 1 : 0;
  EXPECT_GE(closed, 50);
  Response metrics = CallFrom("127.0.0.2", s->port(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("zicht_http_refused_connections_total 50\n"), std::string::npos) << metrics.body;
  // A client trickling its headers is cut off header-timeout after its first
  // byte, however often it sends.
  Connection trickle(s->port(), "127.0.0.3");
  bool cut = false;
  const std::string header = "GET /healthz HTTP/1.1\r\nX-Slow: " + std::string(200, 'a');
  for (size_t i = 0; i < header.size() && !cut; ++i) {
    cut = !trickle.SendRaw(header.substr(i, 1)) || trickle.WaitClosed(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(cut) << "a request whose headers took 20 s was not cut off";
  EXPECT_NE(s->pid(), 0);
}

// Finding 4 (cont.): under a low open-file limit accept() failed with EMFILE
// and was retried in a busy loop while nothing was answered.
TEST_F(HardeningTest, LowFileLimitCapsConnectionsInsteadOfSpinning) {
  auto s = Start({"--max-connections-per-address", "5"}, /*open_files=*/128);
  ASSERT_TRUE(s->started());
  std::vector<std::unique_ptr<Connection>> held;
  for (int i = 0; i < 300; ++i) held.push_back(std::make_unique<Connection>(s->port(), "127.0.1." + std::to_string(i % 250 + 1)));
  auto cpu_seconds = [&] {
    std::ifstream stat("/proc/" + std::to_string(s->pid()) + "/stat");
    std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(all.substr(all.rfind(')') + 2));
    std::string f;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
      if (i == 14) utime = std::stol(f);
      if (i == 15) stime = std::stol(f);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  };
  const double before = cpu_seconds();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double used = cpu_seconds() - before;
  // A spinning accept loop burns a whole core (2 s here); an idle server
  // with 300 open sockets uses next to nothing.
  EXPECT_LT(used, 0.5) << "CPU seconds used in 2 s with every descriptor taken";
  held.clear();
  EXPECT_TRUE(Healthy(s->port()));
  s->Stop(SIGTERM);
  EXPECT_NE(s->Stderr().find("open-file limit"), std::string::npos) << s->Stderr();
}

std::string LoginEvents(int first, int count) {
  std::string body = "[";
  for (int i = first; i < first + count; ++i) {
    if (i > first) body += ",";
    body += R"({"type":"login","account":"acct-)" + std::to_string(i) +
            R"(","at":"2024-05-01T09:55:00Z","device":"fp:1"})";
  }
  return body + "]";
}

long RssKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Finding 5: `login` events for ever-new accounts grew the barrier state
// without bound (51 → 535 MB after 840k accounts).
TEST_F(HardeningTest, BarrierStateIsBoundedPerPartner) {
#if defined(__SANITIZE_ADDRESS__)
  // ASan keeps freed memory in quarantine and adds shadow memory, so RSS
  // measures the sanitizer, not the barrier state (it grew 220 MB here).
  GTEST_SKIP() << "RSS bounds are checked in the plain build, not under AddressSanitizer";
#endif
  auto s = Start({"--barrier-accounts", "20000"});
  ASSERT_EQ(Call(s->port(), "POST", "/v1/payments/evaluate", LoginEvents(0, 20000), Auth(checker_)).status, 200);
  const long warm = RssKb(s->pid());
  for (int batch = 1; batch <= 15; ++batch) {
    Response r = Call(s->port(), "POST", "/v1/payments/evaluate", LoginEvents(batch * 20000, 20000), Auth(checker_));
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  }
  const long grown = RssKb(s->pid()) - warm;
  std::printf("barrier state: RSS %ld kB after 20,000 accounts, +%ld kB after 300,000 more (cap 20,000)\n", warm, grown);
  // 300,000 more accounts at ~590 B each would be ~170 MB unbounded.
  EXPECT_LT(grown, 60 * 1024) << "RSS grew by " << grown << " kB";
}

// Isolation: bank A's events for account "X" do not touch bank B's "X".
TEST_F(HardeningTest, PartnersDoNotShareBarrierState) {
  const std::string bank_b = AddKey("bank-b", "checker");
  auto s = Start();
  auto pay = [](int cents_eur) {
    return R"({"type":"payment","account":"NL01","at":"2024-05-01T11:00:00Z","amount_eur":)" +
           std::to_string(cents_eur) +
           R"(,"beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false,"device":"fp:1","channel":"app"})";
  };
  // Bank A spends its customer's daily limit.
  for (int i = 0; i < 3; ++i) Call(s->port(), "POST", "/v1/payments/evaluate", pay(1900), Auth(checker_));
  Response a = Call(s->port(), "POST", "/v1/payments/evaluate", pay(1900), Auth(checker_));
  EXPECT_EQ(Json(a.body)["decisions"][0]["decision"].GetString(), std::string("block")) << a.body;
  // Bank B's account of the same name has spent nothing.
  Response b = Call(s->port(), "POST", "/v1/payments/evaluate", pay(1900), Auth(bank_b));
  EXPECT_EQ(Json(b.body)["decisions"][0]["decision"].GetString(), std::string("allow")) << b.body;
}

// Finding 6: revoking the form partner's key and sending SIGHUP left the
// public form accepting reports under it.
TEST_F(HardeningTest, RevokingTheFormPartnersKeyClosesTheForm) {
  auto s = Start({"--form-partner", "fraudehelpdesk"});
  const std::string report = R"({"reported_at":"2024-06-01","fraud_type":"aankoopfraude","text":"Nooit geleverd"})";
  ASSERT_EQ(Call(s->port(), "POST", "/form/report", report).status, 200);
  auto revoke = testutil::RunZicht({"keys", "revoke", "fraudehelpdesk", "--keys", keys_});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  ::kill(s->pid(), SIGHUP);
  int status = 0;
  for (int i = 0; i < 50 && status != 503; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = CallFrom("127.0.0.9", s->port(), "POST", "/form/report", report).status;
  }
  EXPECT_EQ(status, 503);
  // A new reporter key for the partner, and another SIGHUP, opens it again.
  AddKey("fraudehelpdesk", "reporter");
  ::kill(s->pid(), SIGHUP);
  for (int i = 0; i < 50 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = CallFrom("127.0.0.10", s->port(), "POST", "/form/report", report).status;
  }
  EXPECT_EQ(status, 200);
}

// Finding 7: rotating through 50k source addresses filled the form's rate
// limiter, and 32 of 40 genuine first-time clients then got 429.
TEST_F(HardeningTest, AFloodOfAddressesCannotLockOutNewClients) {
  auto s = Start({"--form-partner", "fraudehelpdesk"});
  // 12,000 addresses over 47 networks (/24), each sending a form body; the
  // earlier limiter remembered at most 10,000 and then refused newcomers.
  for (int i = 0; i < 12000; ++i) {
    const std::string ip = "127.10." + std::to_string(i / 256) + "." + std::to_string(i % 256 + 0);
    if (i % 256 == 0) continue;  // x.y.z.0 is a network address; skip it
    CallFrom(ip, s->port(), "POST", "/form/report", "{}");
  }
  const std::string report = R"({"reported_at":"2024-06-01","fraud_type":"aankoopfraude","text":"Nooit geleverd"})";
  int limited = 0;
  for (int i = 1; i <= 40; ++i) {
    Response r = CallFrom("127.20." + std::to_string(i) + ".1", s->port(), "POST", "/form/report", report);
    limited += r.status == 429;
    EXPECT_EQ(r.status, 200) << r.body;
  }
  EXPECT_EQ(limited, 0);
}

// Finding 8: invalid UTF-8 echoed into a response that was not JSON; error
// messages echoed client input in full; duplicate keys read two ways.
TEST_F(HardeningTest, InputIsValidatedAndNeverEchoedRaw) {
  auto s = Start();
  Response bad_utf8 = Call(s->port(), "POST", "/v1/payments/evaluate",
                           "{\"type\":\"login\",\"account\":\"\xff\xfe\",\"at\":\"2024-05-01T09:55:00Z\",\"device\":\"d\"}",
                           Auth(checker_));
  EXPECT_EQ(bad_utf8.status, 400);
  EXPECT_TRUE(IsValidUtf8(bad_utf8.body)) << "answer is not UTF-8";
  EXPECT_TRUE(Json(bad_utf8.body).IsObject()) << bad_utf8.body;

  const std::string huge_kind(500000, 'k');
  Response echoed = Call(s->port(), "POST", "/v1/check", CheckBody(huge_kind, "x"), Auth(checker_));
  EXPECT_EQ(echoed.status, 400);
  EXPECT_LT(echoed.body.size(), 600u) << "the error quoted the input in full";

  Response dup_check = Call(s->port(), "POST", "/v1/check",
                            R"({"identifiers":[{"kind":"iban","value":"NL20INGB0001234567","value":"NL91ABNA0417164300"}]})",
                            Auth(checker_));
  EXPECT_EQ(dup_check.status, 400) << dup_check.body;
  EXPECT_NE(dup_check.body.find("'value' appears twice"), std::string::npos) << dup_check.body;
  Response dup_report = Call(
      s->port(), "POST", "/v1/reports",
      R"({"id":"D1","source":"fraudehelpdesk","source":"politie","reported_at":"2024-05-01","fraud_type":"phishing"})",
      Auth(reporter_));
  EXPECT_EQ(dup_report.status, 200) << dup_report.body;
  EXPECT_EQ(Json(dup_report.body)["rejected"].GetInt(), 1) << dup_report.body;
  EXPECT_NE(dup_report.body.find("appears twice"), std::string::npos) << dup_report.body;
}

// Finding 9: the public form took 10 MiB bodies, and a report's text had no
// limit (10 MB stored).
TEST_F(HardeningTest, PublicBodiesAreSmallAndTextIsBounded) {
  auto s = Start({"--form-partner", "fraudehelpdesk"});
  // Only the header is sent: the server refuses from its Content-Length,
  // answers and closes without reading a body it will not take.
  auto oversized = [&](const std::string& target, size_t length) {
    Connection c(s->port());
    EXPECT_TRUE(c.SendRaw("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(length) +
                          "\r\n\r\n"));
    return c.ReadResponse();
  };
  Response r = oversized("/form/validate", 100 * 1024);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("65536"), std::string::npos) << r.body;
  EXPECT_EQ(oversized("/form/report", 100 * 1024).status, 413);
  // Keyed queries: 1 MiB.
  // Refused from the header alone (only the header is sent: the server
  // answers and closes without reading a body it will not take).
  Connection keyed(s->port());
  ASSERT_TRUE(keyed.SendRaw("POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + checker_ +
                            "\r\nX-Purpose: payment-screening\r\nContent-Length: 2097152\r\n\r\n"));
  EXPECT_EQ(keyed.ReadResponse().status, 413);
  // A report's text: 20,000 characters at most.
  const std::string long_text = R"({"id":"T1","source":"fraudehelpdesk","reported_at":"2024-05-01","fraud_type":"phishing","text":")" +
                                std::string(20001, 'x') + "\"}";
  Response t = Call(s->port(), "POST", "/v1/reports", long_text, Auth(reporter_));
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(Json(t.body)["rejected"].GetInt(), 1);
  EXPECT_NE(t.body.find("\"text\""), std::string::npos) << t.body;
  EXPECT_TRUE(Healthy(s->port()));
}

// Property: whatever bytes a client sends, the server stays up and keeps
// answering others. Random and mutated requests (a fixed seed, a bounded
// count) on fresh connections; every 100 a health probe.
TEST_F(HardeningTest, RandomBytesNeverTakeTheServerDown) {
  auto s = Start({"--form-partner", "fraudehelpdesk", "--header-timeout", "1"});
  const std::vector<std::string> seeds = {
      "POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + checker_ +
          "\r\nX-Purpose: payment-screening\r\nContent-Length: 59\r\n\r\n" + CheckBody("iban", kMuleIban),
      "POST /form/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1f\r\n{\"kind\":\"iban\",\"value\":\"NL91\"}\r\n0\r\n\r\n",
      "POST /v1/payments/evaluate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + checker_ +
          "\r\nX-Purpose: payment-screening\r\nContent-Length: 60\r\n\r\n[{\"type\":\"login\",\"account\":\"A\",\"at\":\"2024-05-01T09:55:00Z\"}]",
      "GET /v1/clusters?top=5 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + analyst_ + "\r\nX-Purpose: fraud-investigation\r\n\r\n",
  };
  std::mt19937 rng(20261206);
  constexpr int kRequests = 3000;
  for (int i = 0; i < kRequests; ++i) {
    std::string bytes = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !bytes.empty(); ++e) {
      const size_t at = rng() % bytes.size();
      switch (rng() % 4) {
        case 0: bytes[at] = static_cast<char>(rng()); break;                               // flip a byte
        case 1: bytes.insert(at, std::string(1 + rng() % 64, static_cast<char>(rng()))); break;  // insert a run
        case 2: bytes.erase(at, 1 + rng() % 16); break;                                     // cut
        case 3: bytes.insert(at, bytes.substr(at, std::min<size_t>(bytes.size() - at, 200))); break;  // repeat
      }
    }
    if (i % 10 == 0) {  // some pure noise too
      bytes.resize(rng() % 2048);
      for (char& c : bytes) c = static_cast<char>(rng());
    }
    Connection c(s->port(), "127.0.2." + std::to_string(1 + i % 200));
    c.SendRaw(bytes);
    c.WaitClosed(0);
    if (i % 100 == 99) {
      ASSERT_TRUE(Healthy(s->port())) << "after " << i + 1 << " random requests";
    }
  }
  EXPECT_TRUE(Healthy(s->port()));
  EXPECT_EQ(s->Stop(SIGTERM), 0) << s->Stderr();
}

// Finding 10: after kill -9 under load, 307–534 checks that had been
// answered 200 were missing from the audit log. With --durability full none
// may be; the default's loss is printed (docs/privacy.md has the figures).
constexpr int kAnsweredBeforeKill = 500;

int AnsweredThenKilled(testing::ServerProcess& s, const std::string& key) {
  std::atomic<int> answered{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      Connection conn(s.port());
      for (int i = 0; !stop.load(); ++i) {
        Response r = conn.Request("POST", "/v1/check", CheckBody("iban", kMuleIban),
                                  {{"Authorization", "Bearer " + key}, {"X-Purpose", "payment-screening"}});
        if (r.status != 200) break;
        answered.fetch_add(1);
      }
    });
  }
  // Load for 1.5 s and until enough checks were answered to mean something,
  // however slow the machine (1.5 s alone gave 26 answers under ASan on a
  // loaded CI); the deadline only keeps a broken server from hanging the test.
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::seconds(120);
  for (auto now = start; now < deadline; now = std::chrono::steady_clock::now()) {
    if (answered.load() >= kAnsweredBeforeKill && now - start >= std::chrono::milliseconds(1500)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(s.pid(), SIGKILL);
  stop = true;
  for (auto& th : clients) th.join();
  s.Stop(SIGKILL);
  return answered.load();
}

int AuditedChecks(const std::string& db) {
  auto audit = testutil::RunZicht({"audit", "--db", db, "--format", "jsonl"});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  int n = 0;
  for (size_t at = audit.out.find("POST /v1/check"); at != std::string::npos; at = audit.out.find("POST /v1/check", at + 1)) ++n;
  return n;
}

TEST_F(HardeningTest, FullDurabilityLosesNoAnsweredCheckOnKill) {
  auto s = Start({"--durability", "full"});
  const int answered = AnsweredThenKilled(*s, checker_);
  ASSERT_GE(answered, kAnsweredBeforeKill);
  const int audited = AuditedChecks(db_);
  EXPECT_GE(audited, answered) << "answered checks missing from the audit log after kill -9";
  std::printf("durability full: %d checks answered before kill -9, %d in the audit log\n", answered, audited);
}

TEST_F(HardeningTest, NormalDurabilityLossIsBoundedAndReported) {
  auto s = Start();
  const int answered = AnsweredThenKilled(*s, checker_);
  ASSERT_GE(answered, kAnsweredBeforeKill);
  const int audited = AuditedChecks(db_);
  // Entries queued but not yet committed are lost by design (a few ms of
  // checks); what was committed is all there and nothing is invented.
  EXPECT_LE(audited, answered + 8);
  EXPECT_GT(audited, 0);
  std::printf("durability normal: %d checks answered before kill -9, %d in the audit log (%d lost)\n", answered,
              audited, answered - audited);
}

}  // namespace
}  // namespace zicht::server

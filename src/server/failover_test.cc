// Failure, tested (docs/deploy.md, "Failure, tested"), on both store
// backends (tests/testutil/store_backend.h): failover_test runs them on a
// SQLite file, failover_test_pg on a throw-away PostgreSQL cluster.
//
// KillNineOneNodeUnderLoad: two `zicht serve` nodes on one store behind a
// real HAProxy (Debian package haproxy, run as a child with a generated
// config on loopback ports, health checks on /healthz): one node is killed
// with kill -9 in the middle of a load run of report posts and checks.
// Afterwards every report that got a 2xx is in the store, checks kept being
// answered by the other node, and the killed node, restarted, knows what
// was written while it was down and follows the change log again. Errors
// during the switch are counted and printed, not asserted to be zero:
// HAProxy retries what a dead node refused, but a request the node had
// accepted when it died may be lost to its client.
//
// PostgresRestartedUnderLoad (PostgreSQL only): the database server is
// stopped and started again (`pg_ctl stop -m fast`, as an operator's
// restart) while two nodes serve posts, checks and payment evaluations.
// Without a restart of their own the nodes answer again: checks, report
// posts, evaluations on both nodes, and each follows the other's writes.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/test_server_fixture.h"
#include "store/store.h"
#include "testutil/store_backend.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Connection;
using testing::Response;
using testing::ServerProcess;

#ifndef HAPROXY
#define HAPROXY "haproxy"
#endif

// A free loopback port (bound once and released: the child binds it next).
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A valid Dutch IBAN, distinct for every n < 10^10: NLcc ABNA nnnnnnnnnn.
std::string Iban(int64_t n) {
  char bban[32];
  std::snprintf(bban, sizeof bban, "ABNA%010lld", static_cast<long long>(n));
  // ISO 13616: BBAN + "NL00", letters as 10..35, mod 97; check = 98 - rest.
  std::string digits;
  for (char c : std::string(bban) + "NL00") {
    if (c >= 'A' && c <= 'Z') {
      digits += std::to_string(c - 'A' + 10);
    } else {
      digits += c;
    }
  }
  int rest = 0;
  for (char c : digits) rest = (rest * 10 + (c - '0')) % 97;
  char out[48];
  std::snprintf(out, sizeof out, "NL%02d%s", 98 - rest, bban);
  return out;
}

// HAProxy in the foreground (-db) with a generated config, stopped on
// destruction.
class HaProxy {
 public:
  HaProxy(const std::string& config_path, int front, const std::vector<int>& nodes) {
    std::string cfg =
        "global\n  maxconn 512\n"
        "defaults\n  mode http\n  timeout connect 1s\n  timeout client 20s\n  timeout server 20s\n"
        // A request a dead node refused or dropped unanswered goes to the
        // other node: safe here, a report post is idempotent on (source, id).
        "  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response response-timeout\n"
        "frontend zicht\n  bind 127.0.0.1:" + std::to_string(front) + "\n  default_backend nodes\n"
        "backend nodes\n  balance roundrobin\n  option httpchk GET /healthz\n  http-check expect status 200\n";
    for (size_t i = 0; i < nodes.size(); ++i) {
      cfg += "  server n" + std::to_string(i) + " 127.0.0.1:" + std::to_string(nodes[i]) +
             " check inter 100ms fall 2 rise 2\n";
    }
    testutil::WriteFile(config_path, cfg);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execlp(HAPROXY, HAPROXY, "-q", "-db", "-f", config_path.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~HaProxy() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  HaProxy(const HaProxy&) = delete;
  HaProxy& operator=(const HaProxy&) = delete;

 private:
  pid_t pid_ = -1;
};

struct Counts {
  std::atomic<int> posts_ok{0}, posts_failed{0}, checks_ok{0}, checks_failed{0}, evaluations_ok{0},
      evaluations_failed{0};
};

// A load run (FailoverTest::StartLoad): its clients, what they counted per
// phase (the phase current when a round started) and the reports answered
// 2xx. Finish() stops and joins the clients.
struct LoadRun {
  std::atomic<bool> stop{false};
  std::atomic<int> phase{0};
  Counts counts[3];
  std::mutex mu;
  std::vector<std::pair<std::string, std::string>> accepted;  // (id, iban), under mu
  std::vector<std::thread> clients;
  void Finish() {
    stop = true;
    for (std::thread& c : clients) c.join();
    clients.clear();
  }
  ~LoadRun() { Finish(); }
};

class FailoverTest : public ServerTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    ::setenv("ZICHT_HTTP_NO_RECORD", "1", 1);
    db_ = testutil::FreshStoreLocation(GetParam(), dir_);
    ASSERT_FALSE(db_.empty());
    ServerTest::SetUp();
  }
  std::unique_ptr<ServerProcess> StartNode(int port) {
    return Start({"--listen", "127.0.0.1:" + std::to_string(port), "--nodes", "shared"});
  }
  static std::string ReportBody(const std::string& id, const std::string& iban) {
    return R"({"id":")" + id + R"(","source":"politie","reported_at":"2024-06-01T10:00:00Z",)"
           R"("fraud_type":"phishing","identifiers":[{"kind":"iban","value":")" + iban + R"("}]})";
  }
  static std::string Payment(const std::string& account) {
    return R"({"type":"payment","account":")" + account + R"(","at":"2024-05-01T09:00:00Z","amount_eur":10,)"
           R"("beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false})";
  }
  bool Known(int port, const std::string& iban) {
    Response r = Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(checker_, "payment-screening"));
    return r.status == 200 && r.body.find(R"("known":true)") != std::string::npos;
  }
  static bool Eventually(const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  }
  //! Starts `clients` clients, client t on ports[t % ports.size()]: each
  //! alternates a report post (a new IBAN each, id `prefix`-t-n), a check
  //! and, with `evaluate`, a payment evaluation of its own account, on a
  //! keep-alive connection (a new one after a failure).
  void StartLoad(LoadRun* run, const std::vector<int>& ports, int clients, const std::string& prefix, bool evaluate) {
    for (int t = 0; t < clients; ++t) {
      run->clients.emplace_back([=, this] {
        const int port = ports[static_cast<size_t>(t) % ports.size()];
        auto conn = std::make_unique<Connection>(port);
        auto count = [&](bool ok, std::atomic<int>& good, std::atomic<int>& bad) {
          ++(ok ? good : bad);
          if (!ok) conn = std::make_unique<Connection>(port);
        };
        for (int n = 0; !run->stop.load(); ++n) {
          Counts& c = run->counts[run->phase.load()];
          const std::string id = prefix + "-" + std::to_string(t) + "-" + std::to_string(n);
          const std::string iban = Iban(int64_t{t} * 1000000 + n);
          Response post = conn->Request("POST", "/v1/reports", ReportBody(id, iban), Auth(analyst_, "fraud-reporting"));
          if (post.status / 100 == 2) {
            std::lock_guard<std::mutex> lock(run->mu);
            run->accepted.emplace_back(id, iban);
          }
          count(post.status / 100 == 2, c.posts_ok, c.posts_failed);
          Response check = conn->Request("POST", "/v1/check", CheckBody("iban", kMuleIban),
                                         Auth(checker_, "payment-screening"));
          count(check.status == 200 && check.body.find(R"("known":true)") != std::string::npos, c.checks_ok,
                c.checks_failed);
          if (!evaluate) continue;
          Response eval = conn->Request("POST", "/v1/payments/evaluate", Payment(prefix + "-" + std::to_string(t)),
                                        Auth(checker_, "payment-screening"));
          count(eval.status == 200, c.evaluations_ok, c.evaluations_failed);
        }
      });
    }
  }
  //! Counts every report answered 2xx that is not in the store.
  int MissingFromStore(const std::vector<std::pair<std::string, std::string>>& accepted) {
    auto store = store::OpenStore(db_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return -1;
    int missing = 0;
    for (const auto& [id, iban] : accepted) {
      if (!(*store)->GetReport({"politie", id}).ok()) ++missing;
    }
    return missing;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, FailoverTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(FailoverTest, KillNineOneNodeUnderLoad) {
  const int port_a = FreePort(), port_b = FreePort(), front = FreePort();
  auto a = StartNode(port_a);
  auto b = StartNode(port_b);
  ASSERT_TRUE(a->started() && b->started());
  HaProxy proxy(dir_.File("haproxy.cfg"), front, {port_a, port_b});
  ASSERT_TRUE(Eventually([&] { return Call(front, "GET", "/healthz").status == 200; })) << "haproxy did not come up";

  // The load: 4 clients on HAProxy, posts and checks. Phase 1: after the kill.
  constexpr int kClients = 4;
  LoadRun load;
  StartLoad(&load, {front}, kClients, "LB", false);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  load.phase = 1;
  EXPECT_EQ(a->Stop(SIGKILL), 128 + SIGKILL);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  load.Finish();
  const Counts &before = load.counts[0], &after = load.counts[1];
  const auto& accepted = load.accepted;

  std::printf(
      "failover: before kill -9: %d posts ok, %d failed; %d checks ok, %d failed\n"
      "failover: after kill -9:  %d posts ok, %d failed; %d checks ok, %d failed (errors during the switch)\n",
      before.posts_ok.load(), before.posts_failed.load(), before.checks_ok.load(), before.checks_failed.load(),
      after.posts_ok.load(), after.posts_failed.load(), after.checks_ok.load(), after.checks_failed.load());
  EXPECT_GT(before.posts_ok.load(), 0);
  EXPECT_GT(after.checks_ok.load(), 0) << "no check was answered after one node died";
  EXPECT_GT(after.posts_ok.load(), 0) << "no report was accepted after one node died";
  // Not zero by design (see the top of the file), but a few at most.
  EXPECT_LE(after.posts_failed.load() + after.checks_failed.load(), 4 * kClients);

  // Every report that got a 2xx is in the store.
  EXPECT_EQ(MissingFromStore(accepted), 0) << "of " << accepted.size() << " acknowledged reports";

  // The killed node, restarted on its port, knows what was written while it
  // was down, and HAProxy sends it traffic again.
  a = StartNode(port_a);
  ASSERT_TRUE(a->started());
  ASSERT_FALSE(accepted.empty());
  EXPECT_TRUE(Known(port_a, accepted.back().second)) << "the restarted node misses a report from its downtime";
  // And it follows the change log: a report accepted by the other node
  // reaches it.
  const std::string late = Iban(9999999);
  ASSERT_EQ(Call(port_b, "POST", "/v1/reports", ReportBody("LB-late", late), Auth(analyst_, "fraud-reporting")).status,
            200);
  EXPECT_TRUE(Eventually([&] { return Known(port_a, late); })) << "the restarted node does not follow the change log";
  EXPECT_TRUE(Eventually([&] { return Call(front, "GET", "/healthz").status == 200; }));
}

// The database server restarted while two nodes serve. Not for SQLite (an
// embedded file has no server to restart): instantiated in failover_test_pg.
class PostgresRestartTest : public FailoverTest {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PostgresRestartTest);
INSTANTIATE_TEST_SUITE_P(Backends, PostgresRestartTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

TEST_P(PostgresRestartTest, PostgresRestartedUnderLoad) {
  auto a = StartNode(FreePort());
  auto b = StartNode(FreePort());
  ASSERT_TRUE(a->started() && b->started());
  const std::vector<int> ports = {a->port(), b->port()};

  // The load: 4 clients, two on each node, with payment evaluations.
  // Phases: before the stop, while the database is down or starting, after
  // it is back.
  LoadRun load;
  StartLoad(&load, ports, 4, "PG", true);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  load.phase = 1;
  const std::string stopped = testutil::StopPostgres();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const std::string restarted = testutil::RestartPostgres();
  load.phase = 2;
  std::this_thread::sleep_for(std::chrono::seconds(2));
  load.Finish();
  ASSERT_EQ(stopped, "");
  ASSERT_EQ(restarted, "");

  const char* names[3] = {"before the stop", "database down", "after the restart"};
  const Counts* counts = load.counts;
  for (int p = 0; p < 3; ++p) {
    std::printf("postgres restart: %-17s %d posts ok, %d failed; %d checks ok, %d failed; %d evaluations ok, %d failed\n",
                names[p], counts[p].posts_ok.load(), counts[p].posts_failed.load(), counts[p].checks_ok.load(),
                counts[p].checks_failed.load(), counts[p].evaluations_ok.load(), counts[p].evaluations_failed.load());
  }
  EXPECT_GT(counts[0].posts_ok.load(), 0);
  // Checks are answered from the node's memory: the database being away
  // does not stop them.
  EXPECT_GT(counts[1].checks_ok.load(), 0) << "no check was answered while PostgreSQL was down";
  EXPECT_GT(counts[2].posts_ok.load(), 0) << "no report was accepted after PostgreSQL came back";
  EXPECT_GT(counts[2].evaluations_ok.load(), 0) << "no payment was evaluated after PostgreSQL came back";

  // Both nodes are the processes started before the restart, and every
  // kind of request is answered by each of them again.
  for (const auto* node : {a.get(), b.get()}) {
    const int port = node->port();
    EXPECT_EQ(::kill(node->pid(), 0), 0) << "a node exited";
    EXPECT_TRUE(Known(port, kMuleIban)) << "node on " << port << " does not answer checks";
    const std::string iban = Iban(8000000 + port);
    EXPECT_EQ(Call(port, "POST", "/v1/reports", ReportBody("PG-after-" + std::to_string(port), iban),
                   Auth(analyst_, "fraud-reporting")).status, 200)
        << "node on " << port << " refuses a report after the restart";
    EXPECT_EQ(Call(port, "POST", "/v1/payments/evaluate", Payment("PG-after"), Auth(checker_, "payment-screening"))
                  .status, 200)
        << "node on " << port << " cannot evaluate a payment after the restart";
    // The other node follows the change log again.
    const int other = port == a->port() ? b->port() : a->port();
    EXPECT_TRUE(Eventually([&] { return Known(other, iban); }))
        << "node on " << other << " does not follow the change log after the restart";
  }

  // Every report that got a 2xx is in the store.
  EXPECT_EQ(MissingFromStore(load.accepted), 0) << "of " << load.accepted.size() << " acknowledged reports";

  // A restart while the nodes are idle: their connections broke unnoticed,
  // yet the first request of each kind after it is answered, not failed.
  ASSERT_EQ(testutil::StopPostgres(), "");
  ASSERT_EQ(testutil::RestartPostgres(), "");
  for (const auto* node : {a.get(), b.get()}) {
    const int port = node->port();
    Response posted = Call(port, "POST", "/v1/reports", ReportBody("PG-idle-" + std::to_string(port), Iban(port)),
                           Auth(analyst_, "fraud-reporting"));
    EXPECT_EQ(posted.status, 200) << "the first report after an idle restart: " << posted.body;
    Response evaluated =
        Call(port, "POST", "/v1/payments/evaluate", Payment("PG-idle"), Auth(checker_, "payment-screening"));
    EXPECT_EQ(evaluated.status, 200) << "the first evaluation after an idle restart: " << evaluated.body;
  }
}

}  // namespace
}  // namespace zicht::server

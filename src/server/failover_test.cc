// Two `zicht serve` nodes on one store behind a real HAProxy (Debian
// package haproxy, run as a child with a generated config on loopback
// ports, health checks on /healthz): one node is killed with kill -9 in the
// middle of a load run of report posts and checks (docs/deploy.md,
// "Failure, tested"). Afterwards every report that got a 2xx is in the
// store, checks kept being answered by the other node, and the killed node,
// restarted, knows what was written while it was down and follows the
// change log again. Errors during the switch are counted and printed, not
// asserted to be zero: HAProxy retries what a dead node refused, but a
// request the node had accepted when it died may be lost to its client.
//
// The shared store is SQLite here (PostgreSQL is not on main yet).
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
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/test_server_fixture.h"
#include "store/store.h"

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
  std::atomic<int> posts_ok{0}, posts_failed{0}, checks_ok{0}, checks_failed{0};
};

class FailoverTest : public ServerTest {
 protected:
  void SetUp() override {
    ::setenv("ZICHT_HTTP_NO_RECORD", "1", 1);
    ServerTest::SetUp();
  }
  std::unique_ptr<ServerProcess> StartNode(int port) {
    return Start({"--listen", "127.0.0.1:" + std::to_string(port), "--nodes", "shared"});
  }
  static std::string ReportBody(const std::string& id, const std::string& iban) {
    return R"({"id":")" + id + R"(","source":"politie","reported_at":"2024-06-01T10:00:00Z",)"
           R"("fraud_type":"phishing","identifiers":[{"kind":"iban","value":")" + iban + R"("}]})";
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
};

TEST_F(FailoverTest, KillNineOneNodeUnderLoad) {
  const int port_a = FreePort(), port_b = FreePort(), front = FreePort();
  auto a = StartNode(port_a);
  auto b = StartNode(port_b);
  ASSERT_TRUE(a->started() && b->started());
  HaProxy proxy(dir_.File("haproxy.cfg"), front, {port_a, port_b});
  ASSERT_TRUE(Eventually([&] { return Call(front, "GET", "/healthz").status == 200; })) << "haproxy did not come up";

  // The load: 4 clients, each alternating a report post (a new IBAN each)
  // and a check, on a keep-alive connection to HAProxy (a new one after a
  // failure).
  constexpr int kClients = 4;
  std::atomic<bool> stop{false};
  std::atomic<bool> killed{false};
  Counts before, after;
  std::mutex mu;
  std::vector<std::pair<std::string, std::string>> accepted;  // (id, iban) answered 2xx
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      auto conn = std::make_unique<Connection>(front);
      for (int n = 0; !stop.load(); ++n) {
        Counts& c = killed.load() ? after : before;
        const std::string id = "LB-" + std::to_string(t) + "-" + std::to_string(n);
        const std::string iban = Iban(int64_t{t} * 1000000 + n);
        Response post = conn->Request("POST", "/v1/reports", ReportBody(id, iban), Auth(analyst_, "fraud-reporting"));
        if (post.status / 100 == 2) {
          ++c.posts_ok;
          std::lock_guard<std::mutex> lock(mu);
          accepted.emplace_back(id, iban);
        } else {
          ++c.posts_failed;
          conn = std::make_unique<Connection>(front);
        }
        Response check = conn->Request("POST", "/v1/check", CheckBody("iban", kMuleIban),
                                       Auth(checker_, "payment-screening"));
        if (check.status == 200 && check.body.find(R"("known":true)") != std::string::npos) {
          ++c.checks_ok;
        } else {
          ++c.checks_failed;
          conn = std::make_unique<Connection>(front);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  killed = true;
  EXPECT_EQ(a->Stop(SIGKILL), 128 + SIGKILL);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  stop = true;
  for (std::thread& c : clients) c.join();

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
  auto store = store::OpenSqliteStore(db_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  int missing = 0;
  for (const auto& [id, iban] : accepted) {
    if (!(*store)->GetReport({"politie", id}).ok()) ++missing;
  }
  EXPECT_EQ(missing, 0) << missing << " of " << accepted.size() << " acknowledged reports are not in the store";

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

}  // namespace
}  // namespace zicht::server

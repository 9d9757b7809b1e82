// Several writers on one store, through the interfaces users touch
// (docs/deploy.md, "How nodes stay current"): a running `zicht serve`
// learns what `zicht ingest`, `zicht reports erase`, `zicht retention
// apply` and a second `zicht serve` wrote to its database, from the store's
// change log, without a restart. Every wait polls with a deadline; nothing
// asserts how fast. On both store backends (tests/testutil/store_backend.h):
// nodes_server_test on a SQLite file, nodes_server_test_pg on a throw-away
// PostgreSQL cluster (where the change log and the barrier lock are
// PostgreSQL's).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "server/test_server_fixture.h"
#include "testutil/store_backend.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;

// Valid Dutch IBANs that no fixture report names.
constexpr char kNewIban[] = "NL39RABO0300065264";
constexpr char kOldIban[] = "NL20INGB0001234567";
constexpr char kOtherNodeIban[] = "NL02ABNA0123456789";

// Generous: on a loaded 2-core CI machine a poll every 50 ms can lag, but
// never by this much. Only a follower that never applies fails.
constexpr auto kDeadline = std::chrono::seconds(20);

std::string Report(const std::string& source, const std::string& id, const std::string& reported_at,
                   const std::string& iban) {
  return R"({"id":")" + id + R"(","source":")" + source + R"(","reported_at":")" + reported_at +
         R"(","fraud_type":"phishing","identifiers":[{"kind":"iban","value":")" + iban + R"("}]})" + "\n";
}

class NodesServerTest : public BackendServerTest {
 protected:
  bool Known(int port, const std::string& kind, const std::string& value) {
    Response r = Call(port, "POST", "/v1/check", CheckBody(kind, value), Auth(checker_, "payment-screening"));
    EXPECT_EQ(r.status, 200) << r.body;
    auto d = Json(r.body);
    return d.IsObject() && d.HasMember("results") && d["results"][0]["known"].GetBool();
  }
  //! Polls until `done` holds or kDeadline passes; returns whether it held.
  static bool Eventually(const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  }
  void Ingest(const std::string& jsonl) {
    const std::string file = dir_.File("more-" + std::to_string(++files_) + ".jsonl");
    testutil::WriteFile(file, jsonl);
    auto r = testutil::RunZicht({"ingest", "--db", db_, file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  int files_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, NodesServerTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(NodesServerTest, CliIngestAndEraseReachARunningServer) {
  auto s = Start();
  const int port = s->port();
  ASSERT_FALSE(Known(port, "iban", kNewIban));

  Ingest(Report("politie", "N1", "2024-05-01T10:00:00Z", kNewIban));
  EXPECT_TRUE(Eventually([&] { return Known(port, "iban", kNewIban); }))
      << "a report ingested by the CLI never became known to the running server";

  auto erase = testutil::RunZicht({"reports", "erase", "--db", db_, "--source", "politie", "--id", "N1"});
  ASSERT_EQ(erase.exit_code, 0) << erase.err;
  EXPECT_TRUE(Eventually([&] { return !Known(port, "iban", kNewIban); }))
      << "a report erased by the CLI stayed known to the running server";
  // The fixture's own reports are untouched.
  EXPECT_TRUE(Known(port, "iban", kMuleIban));
}

TEST_P(NodesServerTest, CliRetentionRunReachesARunningServer) {
  auto s = Start();
  const int port = s->port();
  Ingest(Report("politie", "OLD", "2001-01-01T00:00:00Z", kOldIban));
  ASSERT_TRUE(Eventually([&] { return Known(port, "iban", kOldIban); }));

  testutil::WriteFile(dir_.File("retention.toml"), "[sources]\npolitie = \"P10Y\"\n");
  auto r = testutil::RunZicht({"retention", "apply", "--db", db_, "--retention", dir_.File("retention.toml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Eventually([&] { return !Known(port, "iban", kOldIban); }))
      << "a report erased by a CLI retention run stayed known to the running server";
  EXPECT_TRUE(Known(port, "iban", kMuleIban));  // R1 is fraudehelpdesk's: no period
}

// Many batches at once (a bulk ingest writes one change-log entry per batch
// of consecutive rows): every sampled identifier becomes known.
TEST_P(NodesServerTest, BulkCliIngestBecomesKnownInFull) {
  auto s = Start();
  const int port = s->port();
  const std::string file = dir_.File("bulk.jsonl");
  auto g = testutil::RunZicht({"generate", "--reports", "5000", "--seed", "7", "--output", file});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  // Sample the first valid IBAN of every 500 lines (so the later batches
  // too), unknown before the ingest.
  std::vector<std::string> sample;
  std::string text = testutil::ReadFile(file);
  size_t line_start = 0;
  int sampled_bucket = -1;
  for (int line = 0; line_start < text.size(); ++line) {
    size_t end = text.find('\n', line_start);
    if (end == std::string::npos) end = text.size();
    const std::string l = text.substr(line_start, end - line_start);
    line_start = end + 1;
    constexpr std::string_view kIban = R"("kind":"iban","value":")";
    size_t k = l.find(kIban);
    if (line / 500 == sampled_bucket || k == std::string::npos) continue;
    k += kIban.size();
    const std::string iban = l.substr(k, l.find('"', k) - k);
    auto before = Json(Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(checker_, "payment-screening")).body);
    if (!before["results"][0]["valid"].GetBool() || before["results"][0]["known"].GetBool()) continue;
    sample.push_back(iban);
    sampled_bucket = line / 500;
  }
  ASSERT_GE(sample.size(), 8u);
  auto r = testutil::RunZicht({"ingest", "--db", db_, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& iban : sample) {
    ASSERT_TRUE(Eventually([&] { return Known(port, "iban", iban); })) << "a sampled IBAN never became known";
  }
}

// Two servers on one database: what one accepts, the other knows; what one
// erases, the other forgets. The accepting node answers read-your-writes.
TEST_P(NodesServerTest, TwoServersOnOneStoreFollowEachOther) {
  auto a = Start();
  auto b = Start();
  Response post = Call(a->port(), "POST", "/v1/reports",
                       Report("politie", "X1", "2024-06-01T10:00:00Z", kOtherNodeIban), Auth(analyst_, "fraud-reporting"));
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_TRUE(Known(a->port(), "iban", kOtherNodeIban));  // at once, on the node that accepted it
  EXPECT_TRUE(Eventually([&] { return Known(b->port(), "iban", kOtherNodeIban); }));

  Response del = Call(b->port(), "DELETE", "/v1/reports/politie/X1", "", Auth(analyst_, "fraud-reporting"));
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_FALSE(Known(b->port(), "iban", kOtherNodeIban));
  EXPECT_TRUE(Eventually([&] { return !Known(a->port(), "iban", kOtherNodeIban); }));

  // Both nodes show how far they have followed the log: the same entry, past 0.
  auto position = [](int port) {
    std::string m = Call(port, "GET", "/metrics").body;
    constexpr std::string_view kName = "\nzicht_change_log_position ";
    size_t at = m.find(kName);
    return at == std::string::npos ? -1.0 : std::atof(m.c_str() + at + kName.size());
  };
  EXPECT_TRUE(Eventually([&] { return position(a->port()) > 0 && position(a->port()) == position(b->port()); }))
      << position(a->port()) << " vs " << position(b->port());
}

// Payment barriers across nodes: 24 payments of €600 for one account, all at
// the same moment, 12 on each of two nodes, with the shipped daily limit of
// €2,000. Only three fit; without the shared mode each node would let three
// through from its own memory.
TEST_P(NodesServerTest, TwoNodesNeverPassADailyLimitTogether) {
  auto a = Start({"--nodes", "shared"});
  auto b = Start({"--nodes", "shared"});
  constexpr int kPerNode = 12;
  const std::string payment =
      R"({"type":"payment","account":"SHARED-1","at":"2024-05-01T09:00:00Z","amount_eur":600,)"
      R"("beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false})";
  std::vector<std::string> decisions(2 * kPerNode);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2 * kPerNode; ++i) {
    const int port = i % 2 == 0 ? a->port() : b->port();
    threads.emplace_back([&, i, port] {
      Response r = Call(port, "POST", "/v1/payments/evaluate", payment, Auth(checker_, "payment-screening"));
      auto d = Json(r.body);
      if (r.status == 200 && d.IsObject() && d.HasMember("decisions") && d["decisions"].Size() == 1) {
        decisions[i] = d["decisions"][0]["decision"].GetString();
      } else {
        decisions[i] = "error " + std::to_string(r.status) + ": " + r.body;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  int passed = 0, blocked = 0;
  for (const std::string& d : decisions) {
    if (d == "allow" || d == "warn") ++passed;
    if (d == "block") ++blocked;
    EXPECT_TRUE(d == "allow" || d == "warn" || d == "block") << d;
  }
  EXPECT_EQ(passed, 3) << "€600 payments passed on two nodes together: " << passed << " (the €2,000 limit fits 3)";
  EXPECT_EQ(blocked, 2 * kPerNode - 3);
  // And the account's spending is the same seen from either node now.
  Response after = Call(b->port(), "POST", "/v1/payments/evaluate",
                        R"({"type":"payment","account":"SHARED-1","at":"2024-05-01T09:05:00Z","amount_eur":200,)"
                        R"("beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false})",
                        Auth(checker_, "payment-screening"));
  EXPECT_NE(after.body.find(R"("decision":"allow")"), std::string::npos) << after.body;  // 1,800 + 200 fits
  Response over = Call(a->port(), "POST", "/v1/payments/evaluate",
                       R"({"type":"payment","account":"SHARED-1","at":"2024-05-01T09:06:00Z","amount_eur":1,)"
                       R"("beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false})",
                       Auth(checker_, "payment-screening"));
  EXPECT_NE(over.body.find(R"("decision":"block")"), std::string::npos) << over.body;  // 2,000 spent
}

// An evaluation retried with its Idempotency-Key — by HAProxy on the other
// node after a lost answer (docs/deploy.md), or by the bank after a
// timeout — gets the first answer and is counted once: €1,500 with key
// pay-1 on node A, again on node B and on A, then €400 with another key
// still fits the €2,000 limit (1,900), and €200 more does not.
TEST_P(NodesServerTest, ARetriedEvaluationIsAnsweredAsTheFirstAndCountedOnce) {
  auto a = Start({"--nodes", "shared"});
  auto b = Start({"--nodes", "shared"});
  auto evaluate = [&](int port, const std::string& at, int euros, const std::string& key) {
    Headers h = Auth(checker_, "payment-screening");
    if (!key.empty()) h.push_back({"Idempotency-Key", key});
    return Call(port, "POST", "/v1/payments/evaluate",
                R"({"type":"payment","account":"IDEM-1","at":"2024-05-01T)" + at + R"(:00Z","amount_eur":)" +
                    std::to_string(euros) + R"(,"beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false})",
                h);
  };
  Response first = evaluate(a->port(), "09:00", 1500, "pay-1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body.find(R"("decision":"block")"), std::string::npos) << first.body;
  Response on_b = evaluate(b->port(), "09:00", 1500, "pay-1");
  EXPECT_EQ(on_b.status, 200);
  EXPECT_EQ(on_b.body, first.body);
  EXPECT_EQ(evaluate(a->port(), "09:00", 1500, "pay-1").body, first.body);

  // The same key with another request: refused, nothing counted.
  Response reused = evaluate(b->port(), "09:01", 100, "pay-1");
  EXPECT_EQ(reused.status, 400);
  EXPECT_NE(reused.body.find("Idempotency-Key was already used for a different request body"), std::string::npos)
      << reused.body;
  EXPECT_EQ(evaluate(a->port(), "09:01", 100, std::string(256, 'k')).status, 400);
  EXPECT_EQ(evaluate(a->port(), "09:01", 100, "two words").status, 400);

  Response fits = evaluate(a->port(), "09:05", 400, "pay-2");
  EXPECT_NE(fits.body.find(R"("decision":"allow")"), std::string::npos) << fits.body;  // 1,500 + 400 fits once
  Response over = evaluate(b->port(), "09:06", 200, "");
  EXPECT_NE(over.body.find(R"("decision":"block")"), std::string::npos) << over.body;  // 2,100 > 2,000
}

// On PostgreSQL a commit wakes the other nodes (LISTEN/NOTIFY,
// store/change_listener.h): with the poll set to an hour, a report accepted
// by one node, and one loaded by `zicht ingest`, still reach the other node
// — only a wake-up can bring them within the deadline.
class NotifyNodesServerTest : public NodesServerTest {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(NotifyNodesServerTest);
INSTANTIATE_TEST_SUITE_P(Backends, NotifyNodesServerTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

TEST_P(NotifyNodesServerTest, ACommitWakesTheOtherNodeWithoutAPoll) {
  auto a = Start({"--follow-interval", "3600000"});
  auto b = Start({"--follow-interval", "3600000"});
  ASSERT_TRUE(a->started() && b->started());
  Response post = Call(a->port(), "POST", "/v1/reports",
                       Report("politie", "W1", "2024-06-01T10:00:00Z", kOtherNodeIban), Auth(analyst_, "fraud-reporting"));
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_TRUE(Eventually([&] { return Known(b->port(), "iban", kOtherNodeIban); }))
      << "a report accepted by node A never reached node B without a poll";
  Ingest(Report("politie", "W2", "2024-06-01T10:00:00Z", kNewIban));
  EXPECT_TRUE(Eventually([&] { return Known(a->port(), "iban", kNewIban) && Known(b->port(), "iban", kNewIban); }))
      << "a report ingested by the CLI never reached the nodes without a poll";
  // Stopping is not held up by the hour-long poll.
  EXPECT_EQ(a->Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace zicht::server

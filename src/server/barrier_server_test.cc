// POST /v1/payments/evaluate with durable, per-partner state (issue 12,
// item 1), against the real `zicht serve` on 127.0.0.1: two partners with
// their own keys (`zicht keys add --partner …`), restarts, kill -9, eviction
// from memory and a replay.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "barrier/account_store.h"
#include "server/test_http_client.h"
#include "server/test_server_fixture.h"
#include "store/barrier_state_store.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;

std::string Payment(const std::string& account, const std::string& at, int eur) {
  return R"({"type":"payment","account":")" + account + R"(","at":")" + at + R"(","amount_eur":)" +
         std::to_string(eur) + R"(,"beneficiary_iban":"NL20INGB0001234567","new_beneficiary":false})";
}

std::string LimitChange(const std::string& account, const std::string& at, int new_eur) {
  return R"({"type":"limit_change","account":")" + account + R"(","at":")" + at + R"(","new_limit_eur":)" +
         std::to_string(new_eur) + "}";
}

class BarrierServerTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    bank_b_ = AddKey("bank-b", "checker");
  }

  // The decision for the one payment in `events` (a single event object).
  std::string Decide(int port, const std::string& key, const std::string& event) {
    Response r = Call(port, "POST", "/v1/payments/evaluate", event, Auth(key));
    EXPECT_EQ(r.status, 200) << r.body;
    auto doc = Json(r.body);
    if (r.status != 200 || !doc.IsObject() || !doc.HasMember("decisions") || doc["decisions"].Empty()) return "";
    return doc["decisions"][0]["decision"].GetString();
  }

  // Every decision in the answer, in order ("allow,block,…").
  std::string DecideAll(int port, const std::string& key, const std::string& body) {
    Response r = Call(port, "POST", "/v1/payments/evaluate", body, Auth(key));
    EXPECT_EQ(r.status, 200) << r.body;
    auto doc = Json(r.body);
    std::string out;
    if (r.status != 200 || !doc.IsObject() || !doc.HasMember("decisions")) return out;
    for (const auto& d : doc["decisions"].GetArray()) {
      if (!out.empty()) out += ",";
      out += d["decision"].GetString();
    }
    return out;
  }

  // Bank A spends its account NL01 to the limit and cuts its limit to €0;
  // bank B's NL01 (same name, another bank's customer) spends €1,900.
  void SpendOnBothBanks(int port) {
    EXPECT_EQ(Decide(port, checker_, Payment("NL01", "2024-05-01T09:00:00Z", 1900)), "allow");
    EXPECT_EQ(Decide(port, checker_, Payment("NL01", "2024-05-01T09:01:00Z", 1900)), "block");
    EXPECT_EQ(DecideAll(port, checker_, LimitChange("NL01", "2024-05-01T09:02:00Z", 0)), "");
    // Neither A's spending, nor its block, nor its limit cut touches B's NL01.
    EXPECT_EQ(Decide(port, bank_b_, Payment("NL01", "2024-05-01T09:03:00Z", 1900)), "allow");
  }

  // After SpendOnBothBanks, whatever happened to the server in between: A's
  // limit is still €0, B's NL01 has €100 left.
  void ExpectBothBanksAsLeft(int port) {
    EXPECT_EQ(Decide(port, checker_, Payment("NL01", "2024-05-01T10:00:00Z", 1)), "block") << "A's limit cut lost";
    EXPECT_EQ(Decide(port, bank_b_, Payment("NL01", "2024-05-01T10:01:00Z", 100)), "allow") << "B blocked by A";
    EXPECT_EQ(Decide(port, bank_b_, Payment("NL01", "2024-05-01T10:02:00Z", 1)), "block") << "B's spending lost";
  }

  // The stored state of (partner, account) reaches `spent_cents`; false
  // after 10 s without it.
  bool WaitForStoredSpending(const std::string& partner, const std::string& account, int64_t spent_cents) {
    auto store = store::BarrierStateStore::Open(db_);
    if (!store.ok()) return false;
    for (int i = 0; i < 1000; ++i) {
      std::string bytes;
      barrier::AccountState state;
      auto found = (*store)->Get(partner, account, &bytes);
      if (found.ok() && *found && barrier::DecodeAccountState(bytes, &state).ok() &&
          state.spent_today_cents == spent_cents) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::string bank_b_;
};

// Bank A can neither block nor change bank B's account of the same name, and
// both banks' state survives a clean restart.
TEST_F(BarrierServerTest, PartnersAreIsolatedAndStateSurvivesARestart) {
  {
    auto s = Start();
    SpendOnBothBanks(s->port());
    EXPECT_EQ(s->Stop(SIGTERM), 0) << s->Stderr();
  }
  auto s = Start();
  ExpectBothBanksAsLeft(s->port());
}

// --durability full: an answered payment's state is committed before the
// answer, so a kill -9 right after the last answer loses nothing.
TEST_F(BarrierServerTest, FullDurabilityKeepsEveryAnsweredPaymentAcrossKill9) {
  {
    auto s = Start({"--durability", "full"});
    SpendOnBothBanks(s->port());
    s->Stop(SIGKILL);
  }
  auto s = Start({"--durability", "full"});
  ExpectBothBanksAsLeft(s->port());
}

// --durability normal: what was committed (within ~5 ms of the answer)
// survives a kill -9; the server restores it from the database.
TEST_F(BarrierServerTest, NormalDurabilityKeepsCommittedStateAcrossKill9) {
  {
    auto s = Start();
    SpendOnBothBanks(s->port());
    ASSERT_TRUE(WaitForStoredSpending("bank-b", "NL01", 190000)) << "bank-b's state never reached the database";
    ASSERT_TRUE(WaitForStoredSpending("bank", "NL01", 190000)) << "bank's state never reached the database";
    s->Stop(SIGKILL);
  }
  auto s = Start();
  ExpectBothBanksAsLeft(s->port());
}

// An account evicted from memory (--barrier-accounts 2) is loaded back from
// the store on its next event: its spent amount is not forgotten.
TEST_F(BarrierServerTest, EvictedAccountIsLoadedBackFromTheStore) {
  auto s = Start({"--barrier-accounts", "2"});
  EXPECT_EQ(Decide(s->port(), checker_, Payment("X", "2024-05-01T09:00:00Z", 1900)), "allow");
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Decide(s->port(), checker_, Payment("OTHER" + std::to_string(i), "2024-05-01T09:10:00Z", 5)), "allow");
  }
  EXPECT_EQ(Decide(s->port(), checker_, Payment("X", "2024-05-01T09:20:00Z", 200)), "block");
}

// The same events from an empty state give the same decisions: bank A sends
// them in batches of one round (8 accounts) to a server that keeps 3
// accounts in memory, bank B one by one (so nearly every event reloads its
// account from the store), and `zicht evaluate` replays them in memory
// without a bound.
TEST_F(BarrierServerTest, ReplayGivesTheSameDecisions) {
  std::vector<std::string> events;
  for (int round = 0; round < 6; ++round) {
    for (int account = 0; account < 8; ++account) {
      const std::string name = "ACC" + std::to_string(account);
      // 18:00Z–23:07Z on 26 October: Dutch midnight (22:00Z) falls between
      // rounds 3 and 4, so the rounds span two Dutch days.
      const std::string at =
          "2024-10-26T" + std::to_string(18 + round) + ":0" + std::to_string(account) + ":00Z";
      if (round == 2 && account % 3 == 0) {
        events.push_back(LimitChange(name, at, 5000));
      } else {
        events.push_back(Payment(name, at, 300 + 100 * account));
      }
    }
  }
  std::string jsonl;
  for (const std::string& e : events) jsonl += e + "\n";

  auto s = Start({"--barrier-accounts", "3"});
  std::string a;
  for (size_t round = 0; round < events.size() / 8; ++round) {
    std::string batch = "[";
    for (size_t i = 0; i < 8; ++i) batch += (i ? "," : "") + events[round * 8 + i];
    const std::string d = DecideAll(s->port(), checker_, batch + "]");
    if (d.empty()) continue;
    a += (a.empty() ? "" : ",") + d;
  }
  std::string b;
  for (const std::string& e : events) {
    const std::string d = DecideAll(s->port(), bank_b_, e);
    if (d.empty()) continue;
    b += (b.empty() ? "" : ",") + d;
  }
  auto replay = testutil::RunZicht({"evaluate", "-", "--format", "jsonl"}, jsonl);
  ASSERT_EQ(replay.exit_code, 0) << replay.err;
  std::string c;
  for (size_t at = replay.out.find("\"decision\":\""); at != std::string::npos;
       at = replay.out.find("\"decision\":\"", at + 1)) {
    const size_t start = at + 12;
    c += (c.empty() ? "" : ",") + replay.out.substr(start, replay.out.find('"', start) - start);
  }
  EXPECT_NE(a.find("block"), std::string::npos) << "the events should reach a limit: " << a;
  EXPECT_NE(a.find("delay"), std::string::npos) << "the events should hit a cooling-off: " << a;
  EXPECT_EQ(a, c);
  EXPECT_EQ(b, c);
}

// Dutch days over HTTP: €1,900 at 01:30 and at 02:30 CEST on 2 May (two UTC
// days) are one Dutch day for the €2,000 limit.
TEST_F(BarrierServerTest, DailyLimitIsADutchDay) {
  auto s = Start();
  EXPECT_EQ(Decide(s->port(), checker_, Payment("D", "2024-05-02T01:30:00+02:00", 1900)), "allow");
  EXPECT_EQ(Decide(s->port(), checker_, Payment("D", "2024-05-02T02:30:00+02:00", 1900)), "block");
}

}  // namespace
}  // namespace zicht::server

// BarrierStateWriter under concurrent use (labelled `concurrency`: CI runs it
// under ThreadSanitizer): engines of several partners on several threads
// save and reload while the writer commits; every reload sees the latest
// save, and after Stop the database holds each account's last state.
#include "server/barrier_state_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "barrier/engine.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

barrier::Event Payment(const std::string& account, UnixSeconds at) {
  barrier::Event e;
  e.type = barrier::EventType::kPayment;
  e.account = account;
  e.at = at;
  e.amount_cents = 100;
  e.beneficiary_iban = "NL20INGB0001234567";
  e.new_beneficiary = 0;
  return e;
}

std::unique_ptr<BarrierStateWriter> OpenWriter(const std::string& db, bool full) {
  auto w = store::BarrierStateStore::Open(db);
  auto r = store::BarrierStateStore::Open(db);
  EXPECT_TRUE(w.ok() && r.ok());
  return std::make_unique<BarrierStateWriter>(std::move(*w), std::move(*r), full);
}

void SaveAndReloadConcurrently(bool full) {
  testutil::TempDir dir;
  const std::string db = dir.File("zicht.db");
  constexpr int kPartners = 4, kAccounts = 50, kRounds = 20;
  constexpr UnixSeconds kMorning = 1714554000;  // 2024-05-01T09:00:00Z
  // Loaded once, before the threads, as the server does: Abseil's first
  // load of a zone initialises its zone cache (a race ThreadSanitizer sees
  // when several threads load at once through the uninstrumented library).
  const barrier::DutchTimeZone zone = *barrier::DutchTimeZone::Load();
  const barrier::RuleSet rules = *barrier::DefaultRules();
  {
    auto writer = OpenWriter(db, full);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int p = 0; p < kPartners; ++p) {
      threads.emplace_back([&, p] {
        BarrierStateWriter::PartnerStore store(*writer, "bank" + std::to_string(p));
        // 8 accounts in memory out of 50: nearly every event reloads.
        barrier::Engine engine(rules, zone, nullptr, 8, &store);
        std::vector<barrier::Decision> out;
        for (int round = 0; round < kRounds; ++round) {
          for (int a = 0; a < kAccounts; ++a) {
            const std::vector<barrier::Event> one = {Payment("A" + std::to_string(a), kMorning + round)};
            if (!engine.Apply(one, &out).ok()) failures.fetch_add(1);
            if (full && round % 5 == 0) {
              std::atomic<bool> done{false};
              writer->WhenDurable(writer->LastTicket(), [&done] { done = true; });
              while (!done) std::this_thread::yield();
            }
          }
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    writer->Stop();
    EXPECT_EQ(writer->failures(), 0);
  }
  // Every account spent €1 per round: the reloads never lost a payment.
  auto store = store::BarrierStateStore::Open(db);
  ASSERT_TRUE(store.ok());
  for (int p = 0; p < kPartners; ++p) {
    EXPECT_EQ(*(*store)->Count("bank" + std::to_string(p)), kAccounts);
    for (int a = 0; a < kAccounts; ++a) {
      std::string bytes;
      ASSERT_TRUE(*(*store)->Get("bank" + std::to_string(p), "A" + std::to_string(a), &bytes));
      barrier::AccountState state;
      ASSERT_TRUE(barrier::DecodeAccountState(bytes, &state).ok());
      EXPECT_EQ(state.spent_today_cents, 100 * kRounds) << "bank" << p << "/A" << a;
    }
  }
}

TEST(BarrierStateWriterTest, ConcurrentPartnersNormal) { SaveAndReloadConcurrently(false); }
TEST(BarrierStateWriterTest, ConcurrentPartnersFull) { SaveAndReloadConcurrently(true); }

}  // namespace
}  // namespace zicht::server

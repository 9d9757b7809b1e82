// The stored form of account state, and an Engine over an AccountStore:
// eviction from memory loses nothing, a failed load applies nothing.
#include "barrier/account_store.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "barrier/engine.h"

namespace zicht::barrier {
namespace {

TEST(AccountStateCodecTest, RoundTripsEveryField) {
  AccountState s;
  s.limit_cents = 500000;
  s.pending_limit_cents = 1000000;
  s.pending_effective_at = 1714572000;
  s.day = 19844;
  s.spent_today_cents = 123456;
  s.last_contact_change = 1714500000;
  s.last_new_device = kNoTime;
  s.last_limit_change = -5;
  s.SeeDevice(IdentifierHash("fp:1"), 1714500000);
  s.SeeDevice(IdentifierHash("fp:2"), 1714500100);
  for (uint64_t i = 0; i < AccountState::kMaxBeneficiaries; ++i) s.AddBeneficiary(i * 7919);
  const std::string bytes = EncodeAccountState(s);
  AccountState back;
  ASSERT_TRUE(DecodeAccountState(bytes, &back).ok());
  EXPECT_EQ(EncodeAccountState(back), bytes);
  EXPECT_EQ(back.spent_today_cents, 123456);
  EXPECT_EQ(back.last_new_device, s.last_new_device);
  EXPECT_EQ(back.device_count, 2);
  EXPECT_EQ(back.beneficiaries, s.beneficiaries);
}

TEST(AccountStateCodecTest, MalformedBytesAreCorruption) {
  const std::string good = EncodeAccountState(AccountState());
  for (const std::string& bad : {std::string(), good.substr(0, good.size() - 1), good + "x",
                                 std::string(1, '\x09') + good.substr(1)}) {
    AccountState s;
    Status st = DecodeAccountState(bad, &s);
    EXPECT_EQ(st.code(), StatusCode::kCorruption) << bad.size();
  }
}

// An AccountStore in memory that can be told to fail.
class MapStore final : public AccountStore {
 public:
  Result<bool> Load(std::string_view account, AccountState* state) override {
    ++loads;
    if (fail) return Status::IOError("store down");
    auto it = rows.find(std::string(account));
    if (it == rows.end()) return false;
    return DecodeAccountState(it->second, state).ok();
  }
  void Save(std::string_view account, const AccountState& state) override {
    rows[std::string(account)] = EncodeAccountState(state);
  }
  std::map<std::string, std::string> rows;
  int loads = 0;
  bool fail = false;
};

Event Payment(const std::string& account, UnixSeconds at, int64_t cents) {
  Event e;
  e.type = EventType::kPayment;
  e.account = account;
  e.at = at;
  e.amount_cents = cents;
  e.beneficiary_iban = "NL20INGB0001234567";
  e.new_beneficiary = 0;
  return e;
}

constexpr UnixSeconds kMorning = 1714554000;  // 2024-05-01T09:00:00Z

TEST(EngineWithStoreTest, EvictedAccountComesBackFromTheStore) {
  MapStore store;
  Engine engine(*DefaultRules(), *DutchTimeZone::Load(), nullptr, 2, &store);
  std::vector<Decision> out;
  const std::vector<Event> first = {Payment("X", kMorning, 190000)};
  ASSERT_TRUE(engine.Apply(first, &out).ok());
  for (int i = 0; i < 5; ++i) {
    const std::vector<Event> other = {Payment("O" + std::to_string(i), kMorning + 60, 100)};
    ASSERT_TRUE(engine.Apply(other, &out).ok());
  }
  EXPECT_LE(engine.AccountCount(), 2u);
  const std::vector<Event> again = {Payment("X", kMorning + 120, 20000)};
  ASSERT_TRUE(engine.Apply(again, &out).ok());
  ASSERT_EQ(out.size(), 7u);
  EXPECT_EQ(out.back().action, Action::kBlock) << "X's €1,900 was forgotten when it was evicted";
}

TEST(EngineWithStoreTest, FailedLoadAppliesNothing) {
  MapStore store;
  Engine engine(*DefaultRules(), *DutchTimeZone::Load(), nullptr, Engine::kUnlimitedAccounts, &store);
  std::vector<Decision> out;
  const std::vector<Event> warm = {Payment("A", kMorning, 150000)};
  ASSERT_TRUE(engine.Apply(warm, &out).ok());
  store.fail = true;
  // A is in memory, B must be loaded and cannot be: A's payment must not count.
  const std::vector<Event> batch = {Payment("A", kMorning + 60, 40000), Payment("B", kMorning + 60, 100)};
  Status s = engine.Apply(batch, &out);
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(out.size(), 1u);
  store.fail = false;
  const std::vector<Event> retry = {Payment("A", kMorning + 120, 50000)};
  ASSERT_TRUE(engine.Apply(retry, &out).ok());
  EXPECT_EQ(out.back().action, Action::kAllow) << "€1,500 + €500: the failed batch's €400 must not have counted";
  EXPECT_EQ(store.rows.count("B"), 0u);
}

}  // namespace
}  // namespace zicht::barrier

#pragma once
// The payment barrier engine (docs/design.md, "Barrier model (payments)").
//
// Feed it a bank's account events in time order; it keeps per-account state
// and answers every `payment` with a Decision: allow | warn | delay | block,
// `until` for a delay, and the barriers that fired. Non-payment events only
// update state.
//
// Decisions:
// - Every enabled barrier of the rules is evaluated (stage order, then key
//   order); each that fires contributes its action and reason. The strictest
//   action wins (block > delay > warn > allow); `until` is the latest `until`
//   of the barriers that delayed.
// - Spending: an allowed or warned payment counts toward the day's spent
//   amount and makes its beneficiary known. A blocked payment does not (it
//   never left). A delayed payment does not either: it is PENDING — the bank
//   holds it and submits it again at `until` as a new payment event, which is
//   then evaluated against the limit in force at that time. Counting it at
//   delay time would count it twice.
// - Days are UTC days (DaysFromSeconds); `hour` in conditions is UTC too.
//
// Memory: state is kept for at most `max_accounts` accounts. When a new
// account would pass that, the least recently active 1/16 of the accounts
// are forgotten (their next event starts them afresh, as for an account
// never seen). Without a bound one API key sending `login` events for
// ever-new accounts grew the state without end (51 → 535 MB after 840k
// accounts). Evicting a sixteenth at a time keeps the cost per new account
// O(1) amortised: one scan of the table every n/16 insertions.
//
// Thread-safety: all public methods may be called from many threads; one
// mutex guards the account state (the server's workers share one Engine).
// Per-event cost is one uncontended lock; Apply(span) takes it once per batch.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <absl/base/thread_annotations.h>
#include <absl/container/flat_hash_map.h>
#include <absl/synchronization/mutex.h>

#include "barrier/account_state.h"
#include "barrier/action.h"
#include "barrier/event.h"
#include "barrier/risk_source.h"
#include "barrier/rules.h"

namespace zicht::barrier {

//! The answer to one payment. Fixed size: no allocation per decision.
struct Decision {
  //! Most barriers that can fire on one payment before the rest are dropped
  //! from the reasons (the action still counts them).
  static constexpr size_t kMaxFired = 16;
  struct Fired {
    uint16_t barrier = 0;  // index into RuleSet::barriers
    Action action = Action::kAllow;
  };

  Action action = Action::kAllow;
  UnixSeconds until = 0;  // meaningful only when action == kDelay
  std::array<Fired, kMaxFired> fired{};
  uint8_t fired_count = 0;
};

class Engine {
 public:
  //! No bound on the number of accounts (a replay of a bank's own log).
  static constexpr size_t kUnlimitedAccounts = static_cast<size_t>(-1);

  //! `risk` answers "known in Zicht?" for IBANs and devices; nullptr means
  //! nothing is known. The source must outlive the engine. At most
  //! `max_accounts` accounts keep state (see "Memory" above).
  Engine(RuleSet rules, const IdentifierRiskSource* risk, size_t max_accounts = kUnlimitedAccounts);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Applies one event. For a payment returns true and fills *decision; for
  //! other events returns false and leaves *decision untouched.
  bool Apply(const Event& event, Decision* decision) ABSL_LOCKS_EXCLUDED(mu_);

  //! Applies events in order; appends one Decision per payment to *out.
  void Apply(std::span<const Event> events, std::vector<Decision>* out) ABSL_LOCKS_EXCLUDED(mu_);

  const RuleSet& rules() const { return rules_; }

  //! Reason code of barrier `index` (a Decision::Fired::barrier).
  std::string_view ReasonCode(uint16_t index) const { return rules_.barriers[index].reason; }

  //! Accounts with state.
  size_t AccountCount() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  bool ApplyLocked(const Event& event, Decision* decision) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  //! Forgets the least recently active sixteenth of the accounts.
  void EvictLeastRecentLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Evaluate(const Event& event, AccountState& state, Decision* decision) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Constant after construction.
  const RuleSet rules_;
  const IdentifierRiskSource* const risk_;
  const Barrier* daily_limit_ = nullptr;
  const Barrier* cooling_off_ = nullptr;
  bool needs_iban_risk_ = false;
  bool needs_device_risk_ = false;
  const size_t max_accounts_;

  mutable absl::Mutex mu_;
  struct Tracked {
    AccountState state;
    uint64_t last_active = 0;  // value of events_seen_ at the account's latest event
  };
  absl::flat_hash_map<std::string, Tracked> accounts_ ABSL_GUARDED_BY(mu_);
  uint64_t events_seen_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace zicht::barrier

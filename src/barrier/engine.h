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
// - Days are Dutch days and `hour` in conditions is the Dutch hour
//   (Europe/Amsterdam, DST included: dutch_time.h). A daily limit's delay
//   ends at the next Dutch midnight.
// - Decisions depend only on the events (and the rules and risk answers):
//   replaying the same events from an empty state gives the same decisions,
//   whatever was evicted from memory in between (with an AccountStore).
//
// Memory: state is kept in memory for at most `max_accounts` accounts
// (bytes per account: `make bench`, "memory"; up to ~2 KB more with 256
// remembered beneficiaries). When new accounts would pass that, the least
// recently active accounts are evicted first — a sixteenth of the bound
// more than needed, so the cost per new account stays O(1) amortised (one
// scan of the table every n/16 insertions). With an AccountStore (the
// server) an evicted account is loaded back on its next event, so eviction
// loses nothing; without one (`zicht evaluate`, unbounded there) its next
// event starts it afresh. Without a bound one API key sending `login`
// events for ever-new accounts grew the state without end (51 → 535 MB
// after 840k accounts). One Apply keeps all of its own accounts in memory,
// so a single batch with more accounts than the bound passes it until the
// next Apply that adds accounts.
//
// Durability: with an AccountStore, every account an Apply changed is handed
// to AccountStore::Save once, under the lock, before Apply returns.
//
// Thread-safety: all public methods may be called from many threads; one
// mutex guards the account state (the server's workers share one Engine).
// Per-event cost is one uncontended lock; Apply(span) takes it once per batch.
// Loads from the AccountStore (only for accounts not in memory) happen under
// the lock too: one partner's engine waits for them, other partners do not.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "barrier/account_state.h"
#include "barrier/account_store.h"
#include "barrier/action.h"
#include "barrier/dutch_time.h"
#include "barrier/event.h"
#include "barrier/risk_source.h"
#include "barrier/rules.h"
#include "common/mutex.h"

namespace zicht::barrier {

//! The answer to one payment. Fixed size: no allocation per decision.
//! Small, too (one 64-byte cache line; it was 152 bytes with a 4-byte
//! Action and padding): a replay writes one per payment into fresh memory,
//! and at 152 bytes the page faults and stores of that output were a third
//! of `make bench`'s in-process evaluation time.
struct Decision {
  //! Most barriers that can fire on one payment before the rest are dropped
  //! from the reasons (the action still counts them).
  static constexpr size_t kMaxFired = 16;
  //! Packed: 3 bytes, not 4 (read by value; never bind a reference to a field).
  struct [[gnu::packed]] Fired {
    uint16_t barrier = 0;  // index into RuleSet::barriers
    Action action = Action::kAllow;
  };

  UnixSeconds until = 0;  // meaningful only when action == kDelay
  std::array<Fired, kMaxFired> fired{};
  Action action = Action::kAllow;
  uint8_t fired_count = 0;
};
static_assert(sizeof(Decision) == 64);

class Engine {
 public:
  //! No bound on the number of accounts (a replay of a bank's own log).
  static constexpr size_t kUnlimitedAccounts = static_cast<size_t>(-1);

  //! `zone`: the Dutch calendar of days and hours (DutchTimeZone::Load).
  //! `risk` answers "known in Zicht?" for IBANs and devices; nullptr means
  //! nothing is known. At most `max_accounts` accounts keep state in memory
  //! (see "Memory" above). `store`: where state lives beyond memory; nullptr
  //! = memory only. `risk` and `store` must outlive the engine.
  Engine(RuleSet rules, DutchTimeZone zone, const IdentifierRiskSource* risk,
         size_t max_accounts = kUnlimitedAccounts, AccountStore* store = nullptr);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Applies one event. For a payment returns true and fills *decision; for
  //! other events returns false and leaves *decision untouched.
  //! REQUIRES: no AccountStore (a load could fail; use the span form).
  bool Apply(const Event& event, Decision* decision) ZICHT_EXCLUDES(mu_);

  //! Applies events in order; appends one Decision per payment to *out.
  //! All or nothing: the accounts the events need are loaded first, and a
  //! failed load returns its Status with no event applied and *out unchanged.
  [[nodiscard]] Status Apply(std::span<const Event> events, std::vector<Decision>* out) ZICHT_EXCLUDES(mu_);

  const RuleSet& rules() const { return rules_; }

  //! Reason code of barrier `index` (a Decision::Fired::barrier).
  std::string_view ReasonCode(uint16_t index) const { return rules_.barriers[index].reason; }

  //! Accounts with state in memory.
  size_t AccountCount() const ZICHT_EXCLUDES(mu_);

  //! Drops every account from memory: the next event of each is loaded from
  //! the AccountStore again. For evaluation across nodes
  //! (server/shared_barrier.h), where the store, not this process's memory,
  //! holds the latest state.
  void ForgetAccounts() ZICHT_EXCLUDES(mu_);

 private:
  struct Tracked {
    AccountState state;
    uint64_t last_active = 0;  // value of events_seen_ at the account's latest event
    bool changed = false;      // touched by the running Apply, not yet saved
  };
  //! An entry of accounts_ (`account` is valid until the table gains or
  //! loses an entry; `tracked` until its account is evicted).
  struct Slot {
    const std::string* account = nullptr;
    Tracked* tracked = nullptr;
  };

  //! Memory only (no store): the account's entry, created fresh when not in
  //! memory (evicting first when the table is full).
  Slot InsertInMemoryLocked(const std::string& account) ZICHT_REQUIRES(mu_);
  //! Asks the CPU to fetch the state of `account` (if in memory), or with
  //! `beneficiaries` its remembered beneficiaries (the state must have been
  //! fetched before), for an event a few places ahead in a batch.
  void PrefetchStateLocked(const std::string& account, bool beneficiaries) const ZICHT_REQUIRES(mu_);
  //! With a store: the entries of every event's account, loading those not
  //! in memory; on a failed load its Status, nothing applied.
  Result<std::vector<Slot>> LoadBatchLocked(std::span<const Event> events) ZICHT_REQUIRES(mu_);
  bool ApplyLocked(const Event& event, const Slot& slot, Decision* decision) ZICHT_REQUIRES(mu_);
  //! Hands the accounts changed by this Apply to the store.
  void SaveChangedLocked() ZICHT_REQUIRES(mu_);
  //! Forgets the `count` least recently active accounts.
  void EvictLeastRecentLocked(size_t count) ZICHT_REQUIRES(mu_);
  void Evaluate(const Event& event, const DutchTime& when, AccountState& state, Decision* decision)
      ZICHT_REQUIRES(mu_);

  // Constant after construction.
  const RuleSet rules_;
  const IdentifierRiskSource* const risk_;
  const Barrier* daily_limit_ = nullptr;
  const Barrier* cooling_off_ = nullptr;
  bool needs_iban_risk_ = false;
  bool needs_device_risk_ = false;
  const size_t max_accounts_;
  AccountStore* const store_;

  mutable Mutex mu_;
  //! States behind pointers, not inline: growing a table of ~300-byte
  //! inline states moved them all into fresh memory (page faults: ~17% of
  //! the in-process evaluation time with 100k accounts), and a state that
  //! stays put can be fetched ahead (PrefetchStateLocked). Also ~70 bytes
  //! less per account (546 → 477 in `make bench`).
  absl::flat_hash_map<std::string, std::unique_ptr<Tracked>> accounts_ ZICHT_GUARDED_BY(mu_);
  uint64_t events_seen_ ZICHT_GUARDED_BY(mu_) = 0;
  DutchClock clock_ ZICHT_GUARDED_BY(mu_);
  //! Accounts changed by the running Apply (pointers into accounts_, which
  //! gains no entry while they are held).
  std::vector<Slot> changed_ ZICHT_GUARDED_BY(mu_);
};

}  // namespace zicht::barrier

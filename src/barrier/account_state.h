#pragma once
// Per-account state of the barrier engine: what the bank's events have told
// us about one account so far.
//
// Fixed size except the beneficiary list, so that evaluating a payment does
// not allocate once an account is warm (target: ≥ 1,000,000 events/s).
// Identifiers are kept as 64-bit hashes, never as text: the state needs only
// "seen before?", and hashes keep memory small and raw values out of it.
//
// Thread-safety: none; the Engine guards all AccountState with its mutex.
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace zicht::barrier {

//! "No such event yet" for the last_* times.
inline constexpr UnixSeconds kNoTime = std::numeric_limits<UnixSeconds>::min();

//! Case- and space-insensitive 64-bit FNV-1a of an IBAN or device id, so
//! "NL91 ABNA…" and "nl91abna…" are the same beneficiary.
uint64_t IdentifierHash(std::string_view value);

struct DeviceSeen {
  uint64_t hash = 0;
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
};

struct AccountState {
  //! Devices most recently used on the account; the least recently used is
  //! forgotten when a ninth appears (it would then count as new again).
  static constexpr size_t kMaxDevices = 8;
  //! Beneficiaries remembered as "known"; the oldest is forgotten beyond this.
  static constexpr size_t kMaxBeneficiaries = 256;

  int64_t limit_cents = -1;          // daily limit in force; -1 = never changed (rules' default applies)
  int64_t pending_limit_cents = -1;  // raised limit in its cooling-off; -1 = none
  UnixSeconds pending_effective_at = 0;
  int64_t day = std::numeric_limits<int64_t>::min();  // Dutch day of spent_today_cents (dutch_time.h)
  int64_t spent_today_cents = 0;     // allowed and warned payments on `day`
  UnixSeconds last_contact_change = kNoTime;
  UnixSeconds last_new_device = kNoTime;
  UnixSeconds last_limit_change = kNoTime;
  std::array<DeviceSeen, kMaxDevices> devices{};
  uint8_t device_count = 0;
  std::vector<uint64_t> beneficiaries;  // hashes, oldest first

  //! Records a device used at `at`; returns true when it is NEW: not seen on
  //! this account before while the account already had devices. The first
  //! device ever seen on an account is its baseline, not "new" — otherwise
  //! every account would look taken over at the start of a replayed log.
  bool SeeDevice(uint64_t hash, UnixSeconds at);

  bool KnowsBeneficiary(uint64_t hash) const;
  void AddBeneficiary(uint64_t hash);
  //! AddBeneficiary without its search, for a caller that has just asked
  //! KnowsBeneficiary (the engine: one search per payment instead of two).
  //! REQUIRES: !KnowsBeneficiary(hash).
  void AddUnknownBeneficiary(uint64_t hash);

  //! Starts a new day's spending when `today` (the Dutch day of `at`) is
  //! another day, and applies a pending limit whose cooling-off has passed.
  void Advance(UnixSeconds at, int64_t today);
};

}  // namespace zicht::barrier

#pragma once
// Account events, the input of the barrier engine (docs/design.md, "Barrier model
// (payments)"): `login`, `contact_change`, `limit_change`, `payment`, one JSON
// object each (JSON Lines for a log), times RFC 3339.
//
// Amounts are held in euro cents (int64) so that a limit of €2,000.00 and
// payments that add up to it compare exactly.
//
// Thread-safety: plain values; parsing functions are pure.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"
#include "model/enum_names.h"

namespace zicht::barrier {

enum class EventType { kLogin, kContactChange, kLimitChange, kPayment };
inline constexpr model::EnumNames<EventType, 4> kEventTypeNames{{
    "login", "contact_change", "limit_change", "payment"}};

//! One event. Which fields are meaningful depends on `type`; the others stay
//! at their defaults.
struct Event {
  EventType type = EventType::kPayment;
  std::string account;  // required, the bank's account key (opaque to Zicht)
  UnixSeconds at = 0;   // required, RFC 3339 date-time

  std::string device;  // login: required; payment: optional ("" = not given)
  std::string field;   // contact_change: what changed (address, phone, email, …), optional

  int64_t old_limit_cents = -1;  // limit_change: optional (-1 = not given)
  int64_t new_limit_cents = 0;   // limit_change: required, ≥ 0

  int64_t amount_cents = 0;          // payment: required, > 0
  std::string beneficiary_iban;      // payment: required
  std::string beneficiary_name;      // payment: optional, not used by any barrier
  int new_beneficiary = -1;          // payment: optional bool (-1 = not given: the engine decides)
  std::string channel;               // payment: optional ("app", "web", …)
};

//! Parses one event from JSON text. On failure: kInvalidArgument whose
//! message names the field ("amount_eur: must be a number > 0"). Unknown
//! fields are ignored.
Result<Event> ParseEvent(std::string_view json);

}  // namespace zicht::barrier

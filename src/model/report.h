#pragma once
// A report: one fraud incident as told by one partner (docs/design.md, "Data
// model"). Plain value, no I/O. Only the fields named here are ever stored:
// data minimisation is enforced by there being nowhere else to put anything.
//
// A report's key is (source, id). Money is held in euro cents so that sums
// are exact and the content comparison behind `duplicate` vs `updated` is
// not at the mercy of floating point.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "model/identifier.h"
#include "model/vocabulary.h"

namespace zicht::model {

struct ReportKey {
  std::string source;
  std::string id;

  auto operator<=>(const ReportKey&) const = default;
  bool operator==(const ReportKey&) const = default;
};

struct Victim {
  std::optional<AgeBand> age_band;
  std::optional<Region> region;

  bool operator==(const Victim&) const = default;
};

struct Report {
  ReportKey key;
  std::string reported_at;               // as received, validated RFC 3339
  UnixSeconds reported_at_seconds = 0;   // parsed, UTC
  std::optional<std::string> occurred_at;  // validated RFC 3339 date or date-time
  FraudType fraud_type = FraudType::kOverig;
  Outcome outcome = Outcome::kAttempt;   // defaulted per docs/design.md when absent
  std::optional<int64_t> damage_cents;   // damage_eur × 100, rounded
  std::optional<Channel> channel;
  Victim victim;
  std::vector<Identifier> identifiers;
  std::string text;

  bool operator==(const Report&) const = default;
};

//! Limits from docs/design.md.
inline constexpr size_t kMaxIdLength = 128;
inline constexpr size_t kMaxSourceLength = 32;
//! A report's `text` holds the scam message or a short account of what
//! happened; 20,000 characters is ten pages. Without a limit one line
//! stored 10 MB, which every cluster view then read back.
inline constexpr size_t kMaxTextChars = 20000;
//! Identifiers one report may name; real reports name a handful.
inline constexpr size_t kMaxIdentifiersPerReport = 1000;

//! True when `source` matches [a-z0-9_-]{1,32}.
bool IsValidSource(std::string_view source);

//! docs/design.md default: `loss` when damage > 0, else `attempt`.
Outcome DefaultOutcome(std::optional<int64_t> damage_cents);

}  // namespace zicht::model

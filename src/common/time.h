#pragma once
// RFC 3339 dates and date-times, and the clock.
//
// Reports carry `reported_at` (RFC 3339 date or date-time) and `occurred_at`;
// payment events carry date-times. Both parse here, once, so that "what is a
// valid time" has one answer in Zicht. Impossible calendar dates (2024-02-30)
// and out-of-range fields are errors, not normalised away.
//
// Thread-safety: all functions are pure; Clock implementations must be
// thread-safe.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht {

//! Seconds since 1970-01-01T00:00:00Z (UTC).
using UnixSeconds = int64_t;

struct ParsedTime {
  UnixSeconds seconds = 0;  // the instant in UTC; for a date, its midnight UTC
  bool date_only = false;   // the input was a full-date ("2024-03-01")
};

//! Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)" (a space or
//! lower-case t/z are accepted as RFC 3339 allows). Fractions are truncated.
//! On failure: kInvalidArgument with a message saying what is wrong.
Result<ParsedTime> ParseRfc3339(std::string_view text);

//! "2024-03-01T10:15:00Z".
std::string FormatRfc3339(UnixSeconds seconds);

//! The same 20 characters in a caller's buffer, for hot paths that write
//! JSON and should not allocate (POST /v1/check). Years outside 0000-9999
//! are clamped to those bounds (no report is dated there).
using Rfc3339Chars = std::array<char, 20>;
Rfc3339Chars FormatRfc3339Chars(UnixSeconds seconds);

//! "2024-03-01".
std::string FormatDate(UnixSeconds seconds);

//! Days since the epoch for `seconds` (floor), and back.
int64_t DaysFromSeconds(UnixSeconds seconds);

//! The source of "now". Production uses SystemClock; tests pin time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(UnixSeconds now) : now_(now) {}
  UnixSeconds Now() const override { return now_; }

 private:
  UnixSeconds now_;
};

}  // namespace zicht

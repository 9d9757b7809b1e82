#pragma once
// Dutch days and hours for the barriers: `Europe/Amsterdam` from the tz
// database (Debian `tzdata`, read through Abseil's cctz), so a daily limit
// runs from Dutch midnight to Dutch midnight and `hour` in a condition is
// the hour on a Dutch clock — CET (UTC+1) in winter, CEST (UTC+2) in summer.
//
// Why not UTC: a bank's customer and the 2024 letter count a day as the
// customer does. With UTC days, €1,900 at 01:30 and €1,900 at 02:30 CEST
// (23:30 and 00:30 UTC) fell on two days and both passed a €2,000 limit.
// DST: the last Sunday of March has 23 hours (02:00–03:00 does not exist),
// the last Sunday of October 25 (02:00–03:00 happens twice); both are one
// Dutch day, and an hour is what the Dutch clock shows.
//
// A day is numbered like DaysFromSeconds: days since 1970-01-01, here of the
// Dutch calendar date.
//
// Cost: one cctz look-up (~100 ns) per change of UTC offset; DutchClock
// caches the offset in force and the instants it starts and ends, so an
// event costs two compares and an add.
//
// Thread-safety: DutchTimeZone is immutable and safe to share; DutchClock
// (its cache) is for one thread at a time (the engine keeps one under its
// mutex).
#include <cstdint>

#include <absl/time/time.h>

#include "common/result.h"
#include "common/time.h"

namespace zicht::barrier {

//! The `Europe/Amsterdam` zone, loaded once.
class DutchTimeZone {
 public:
  //! Loads Europe/Amsterdam from the tz database. On failure (no tzdata
  //! installed): kNotFound saying so — never a silent fall-back to UTC.
  static Result<DutchTimeZone> Load();

  struct Offset {
    int32_t seconds = 0;  // UTC offset in force: 3600 (CET) or 7200 (CEST)
    UnixSeconds from = 0;  // it is in force on [from, to)
    UnixSeconds to = 0;
  };
  //! The UTC offset in force at `at` and the instants it changes.
  Offset OffsetAt(UnixSeconds at) const;

  //! The instant of 00:00 Dutch time on `day` (days since 1970-01-01).
  UnixSeconds StartOfDay(int64_t day) const;

 private:
  explicit DutchTimeZone(absl::TimeZone zone) : zone_(zone) {}
  absl::TimeZone zone_;
};

//! A Dutch date and hour, from the instant of an event.
struct DutchTime {
  int64_t day = 0;  // days since 1970-01-01 of the Dutch date
  int hour = 0;     // 0..23 on the Dutch clock
};

//! DutchTimeZone with a one-entry cache of the offset in force.
class DutchClock {
 public:
  explicit DutchClock(DutchTimeZone zone) : zone_(zone) {}

  //! The Dutch date and hour of `at`.
  DutchTime At(UnixSeconds at) {
    if (at < cached_.from || at >= cached_.to) cached_ = zone_.OffsetAt(at);
    const int64_t local = at + cached_.seconds;
    const int64_t day = DaysFromSeconds(local);
    return DutchTime{day, static_cast<int>((local - day * 86400) / 3600)};
  }

  //! The instant the Dutch day after `day` begins (a daily limit's reset).
  UnixSeconds StartOfNextDay(int64_t day) const { return zone_.StartOfDay(day + 1); }

 private:
  DutchTimeZone zone_;
  DutchTimeZone::Offset cached_{0, 1, 0};  // empty range: the first call fills it
};

}  // namespace zicht::barrier

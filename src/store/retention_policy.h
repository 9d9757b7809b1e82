#pragma once
// Retention: how long Zicht keeps a report, per source (AVG/GDPR art. 5(1)(e),
// storage limitation; docs/privacy.md, "Retention").
//
// THE FILE (`zicht-retention.toml`, `--retention FILE` of `zicht serve` and
// `zicht retention apply`):
//
//   default = "P3Y"          # every source not listed below; leave out to keep them
//   [sources]
//   politie = "P5Y"          # ISO 8601 periods: years, months, weeks, days
//   bank    = "P2Y"
//
// WHY reported_at AND NOT THE INGEST TIME. A source's period is its own
// retention rule for its own record of the report, and that record dates
// from when the victim reported (`reported_at`); Zicht holds a copy and
// must not keep it longer than its owner may. Counting from the ingest
// time would let a re-import of an old file, a restore from a backup or a
// correction restart the clock. It also needs no new column: every
// stored report already has its reported_at.
//
// HOW A PERIOD IS COUNTED. In calendar terms, in UTC: a report expires when
// reported_at is before now − period, with years and months taken off the
// date (2026-03-31 − P1M = 2026-02-28: a day past a month's end clamps to
// it). Only dates: a period with a time part (PT…) is refused; retention is
// decided in days, not hours.
//
// ERRORS. A file that does not parse, an unknown key, a period that is not
// an ISO 8601 period or is zero: kInvalidArgument naming the file, the
// line and the source, and nothing is erased (the file is read whole
// before anything runs).
//
// Thread-safety: plain values and pure functions.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/store.h"

namespace zicht::store {

//! An ISO 8601 period of whole years, months and days (weeks are 7 days).
struct RetentionPeriod {
  int64_t years = 0;
  int64_t months = 0;
  int64_t days = 0;
  std::string text;  // as written, for messages
};

//! Parses "P5Y", "P18M", "P2Y6M", "P90D", "P12W", "P1Y2M3D". On failure:
//! kInvalidArgument saying what is wrong (without context; Load adds it).
Result<RetentionPeriod> ParseRetentionPeriod(std::string_view text);

//! `now` minus `period`, in calendar terms (see above).
UnixSeconds SubtractPeriod(UnixSeconds now, const RetentionPeriod& period);

struct RetentionPolicy {
  std::optional<RetentionPeriod> default_period;
  std::vector<std::pair<std::string, RetentionPeriod>> by_source;  // in file order

  //! Reads a retention file. A missing file, a TOML error, an unknown key,
  //! a bad source name or a bad period: kInvalidArgument "FILE:LINE: …".
  static Result<RetentionPolicy> Load(const std::string& path);

  //! The cutoffs (store.h) at `now`: what a run at `now` erases.
  RetentionCutoffs CutoffsAt(UnixSeconds now) const;
};

//! "3 reports (bank 2, politie 1)": counts per source, never a report id or
//! identifier, for `zicht retention apply` and the server's log.
std::string FormatErasedCounts(const ErasedReports& erased);

}  // namespace zicht::store

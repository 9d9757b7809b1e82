#pragma once
// Decoding a stored report row, shared by the SQLite and the PostgreSQL
// store (both keep the same columns, docs/schema.md): `Row` is anything
// with IsNull(col), Text(col) and Int(col) — sqlite::Statement or
// pg::RowRef. Enumerations are stored by their wire names
// (model/vocabulary.h); an unknown name is kCorruption.
//
// Internal to store/. Thread-safety: plain functions.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace zicht::store {

// The report columns in the order DecodeReport reads them.
inline constexpr const char* kReportColumns =
    "row_id, source, id, reported_at, reported_at_s, occurred_at, fraud_type, outcome, damage_cents, "
    "channel, age_band, region, text";
// The identifier columns in the order DecodeIdentifier reads them.
inline constexpr const char* kIdentifierColumns = "kind, role, value, canonical, domain, valid, invalid_reason";

template <typename Enum, size_t N>
Status ParseStored(const model::EnumNames<Enum, N>& names, std::string_view text, const char* column, Enum* out) {
  auto e = names.Parse(text);
  if (!e) return Status::Corruption(std::string("stored ") + column + " '" + std::string(text) + "' is unknown");
  *out = *e;
  return Status::Ok();
}

//! Decodes kReportColumns of `s` (identifiers cleared).
template <typename Row>
Status DecodeReport(const Row& s, StoredReport* out) {
  out->row_id = s.Int(0);
  model::Report& r = out->report;
  r.key.source = s.Text(1);
  r.key.id = s.Text(2);
  r.reported_at = s.Text(3);
  r.reported_at_seconds = s.Int(4);
  if (s.IsNull(5)) r.occurred_at.reset(); else r.occurred_at = std::string(s.Text(5));
  ZICHT_RETURN_IF_ERROR(ParseStored(model::kFraudTypeNames, s.Text(6), "fraud_type", &r.fraud_type));
  ZICHT_RETURN_IF_ERROR(ParseStored(model::kOutcomeNames, s.Text(7), "outcome", &r.outcome));
  if (s.IsNull(8)) r.damage_cents.reset(); else r.damage_cents = s.Int(8);
  r.channel.reset();
  if (!s.IsNull(9)) {
    model::Channel c = model::Channel::kOther;
    ZICHT_RETURN_IF_ERROR(ParseStored(model::kChannelNames, s.Text(9), "channel", &c));
    r.channel = c;
  }
  r.victim = {};
  if (!s.IsNull(10)) {
    model::AgeBand a = model::AgeBand::kUnder18;
    ZICHT_RETURN_IF_ERROR(ParseStored(model::kAgeBandNames, s.Text(10), "age_band", &a));
    r.victim.age_band = a;
  }
  if (!s.IsNull(11)) {
    model::Region g = model::Region::kDR;
    ZICHT_RETURN_IF_ERROR(ParseStored(model::kRegionNames, s.Text(11), "region", &g));
    r.victim.region = g;
  }
  r.text = s.Text(12);
  r.identifiers.clear();
  return Status::Ok();
}

//! Decodes kIdentifierColumns starting at column `c`; `valid` is read by
//! `is_valid` (SQLite stores 0/1, PostgreSQL a boolean).
template <typename Row, typename IsValid>
Status DecodeIdentifier(const Row& s, int c, IsValid is_valid, model::Identifier* id) {
  ZICHT_RETURN_IF_ERROR(ParseStored(model::kIdentifierKindNames, s.Text(c), "identifier kind", &id->kind));
  ZICHT_RETURN_IF_ERROR(ParseStored(model::kRoleNames, s.Text(c + 1), "identifier role", &id->role));
  id->value = s.Text(c + 2);
  id->canonical = s.Text(c + 3);
  id->domain = s.Text(c + 4);
  id->valid = is_valid(s, c + 5);
  id->invalid_reason = s.Text(c + 6);
  return Status::Ok();
}

// What ScanIndexFields reads (store.h): no text, no identifier value or reason.
inline constexpr const char* kIndexReportColumns =
    "row_id, source, id, reported_at_s, fraud_type, outcome, damage_cents";
inline constexpr const char* kIndexIdentifierColumns = "kind, role, canonical, domain, valid";

enum class ScanColumns { kFull, kIndex };

//! The scan both stores share: two ordered cursors merged, `reports`
//! (kReportColumns or kIndexReportColumns, by row_id) and `ids`
//! (report_row, then kIdentifierColumns or kIndexIdentifierColumns, by
//! report_row, seq). One pass each, no per-report query. `Cursor` has
//! Result<bool> Step() and the Row accessors for its current row. Calls
//! `fn` per report; stops at its first error.
//!
//! For kIndex the identifier slots are reused across reports, so their
//! strings keep their capacity: no allocation per identifier once warmed up.
template <typename Cursor, typename IsValid>
Status MergeScan(Cursor& reports, Cursor& ids, ScanColumns columns, IsValid is_valid,
                 const std::function<Status(const StoredReport&)>& fn) {
  ZICHT_ASSIGN_OR_RETURN(bool id_row, ids.Step());
  StoredReport current;
  model::Report& r = current.report;
  for (;;) {
    ZICHT_ASSIGN_OR_RETURN(bool row, reports.Step());
    if (!row) break;
    if (columns == ScanColumns::kFull) {
      ZICHT_RETURN_IF_ERROR(DecodeReport(reports, &current));
    } else {
      current.row_id = reports.Int(0);
      r.key.source = reports.Text(1);
      r.key.id = reports.Text(2);
      r.reported_at_seconds = reports.Int(3);
      ZICHT_RETURN_IF_ERROR(ParseStored(model::kFraudTypeNames, reports.Text(4), "fraud_type", &r.fraud_type));
      ZICHT_RETURN_IF_ERROR(ParseStored(model::kOutcomeNames, reports.Text(5), "outcome", &r.outcome));
      if (reports.IsNull(6)) r.damage_cents.reset(); else r.damage_cents = reports.Int(6);
    }
    // Skip identifiers of rows that no longer exist (none should), then take ours.
    while (id_row && ids.Int(0) < current.row_id) {
      ZICHT_ASSIGN_OR_RETURN(id_row, ids.Step());
    }
    size_t n = 0;
    while (id_row && ids.Int(0) == current.row_id) {
      if (n == r.identifiers.size()) r.identifiers.emplace_back();
      model::Identifier& id = r.identifiers[n++];
      if (columns == ScanColumns::kFull) {
        ZICHT_RETURN_IF_ERROR(DecodeIdentifier(ids, 1, is_valid, &id));
      } else {
        ZICHT_RETURN_IF_ERROR(ParseStored(model::kIdentifierKindNames, ids.Text(1), "identifier kind", &id.kind));
        ZICHT_RETURN_IF_ERROR(ParseStored(model::kRoleNames, ids.Text(2), "identifier role", &id.role));
        id.canonical = ids.Text(3);
        id.domain = ids.Text(4);
        id.valid = is_valid(ids, 5);
      }
      ZICHT_ASSIGN_OR_RETURN(id_row, ids.Step());
    }
    r.identifiers.resize(n);
    ZICHT_RETURN_IF_ERROR(fn(current));
  }
  return Status::Ok();
}

//! ISO 8601 week ("2024-W09") of the Thursday `thursday_days` days after
//! the epoch: the ISO year is the Thursday's year and the week counts
//! Thursdays. Neither SQLite 3.40 nor our SQL has %V/%G, so weeks are keyed
//! by their Thursday in SQL and formatted here.
std::string IsoWeekOfThursday(int64_t thursday_days);

//! The cutoff that applies to a report of `source`: its own, else `other`.
std::optional<UnixSeconds> CutoffFor(const RetentionCutoffs& cutoffs, std::string_view source);

//! The SQL of Store::Stats, in the dialect both backends speak ($1 the
//! fraud type or NULL, $2 the `since` seconds or NULL): per period and
//! fraud type, reports, attempts, losses and damage. Days since the epoch
//! are floored also before 1970; a week is keyed by its Thursday (ISO 8601:
//! the week belongs to the year of its Thursday) and formatted in C++
//! (IsoWeekOfThursday). `month` is the backend's expression for "YYYY-MM"
//! of reported_at_s in UTC.
std::string StatsSql(bool weekly, std::string_view month);

//! Decodes a Stats row: period (a week's Thursday in days since the epoch
//! when `weekly`, else "YYYY-MM"), fraud type, reports, attempts, losses,
//! damage.
template <typename Row>
Status DecodeStatsRow(const Row& s, bool weekly, StatsRow* out) {
  out->period = weekly ? IsoWeekOfThursday(s.Int(0)) : std::string(s.Text(0));
  ZICHT_RETURN_IF_ERROR(ParseStored(model::kFraudTypeNames, s.Text(1), "fraud_type", &out->fraud_type));
  out->reports = s.Int(2);
  out->attempts = s.Int(3);
  out->losses = s.Int(4);
  out->damage_cents = s.Int(5);
  return Status::Ok();
}

//! Reads `scan` (row_id, source, reported_at_s of every report) and adds
//! to `out` every report whose cutoff (CutoffFor) it is before: its row id
//! and its count under its source (per_source sorted by source).
template <typename Cursor>
Status CollectExpired(Cursor& scan, const RetentionCutoffs& cutoffs, ErasedReports* out) {
  std::map<std::string, int64_t, std::less<>> per_source;
  for (;;) {
    ZICHT_ASSIGN_OR_RETURN(bool row, scan.Step());
    if (!row) break;
    std::string_view source = scan.Text(1);
    std::optional<UnixSeconds> cutoff = CutoffFor(cutoffs, source);
    if (!cutoff || scan.Int(2) >= *cutoff) continue;
    out->row_ids.push_back(scan.Int(0));
    auto it = per_source.find(source);
    if (it == per_source.end()) it = per_source.emplace(std::string(source), 0).first;
    ++it->second;
  }
  out->per_source.assign(per_source.begin(), per_source.end());
  return Status::Ok();
}

//! Sorts `rows` by period, then fraud type (the order Stats promises).
void SortStatsRows(std::vector<StatsRow>* rows);

}  // namespace zicht::store

#pragma once
// The validator: one parsed JSON object in, one model::Report out — or the
// rejection naming the field (docs/design.md, "Data model" and "Ingest
// guarantees"). JSON Lines, CSV rows (converted to the same object shape by
// csv_reader) and POST /v1/reports all pass through here, so the rules live
// in one place:
//
//  - required: id (string, 1..128 characters), source ([a-z0-9_-]{1,32}),
//    reported_at (RFC 3339 date or date-time; impossible dates rejected),
//    fraud_type (one of the list);
//  - optional, rejected when present but wrong: occurred_at (RFC 3339),
//    outcome, channel, damage_eur (a number ≥ 0, or a string as people type
//    it: "1.250,50", "€ 450"; euro_amount.h), victim.age_band,
//    victim.region, identifiers[i] (object with a kind from the list, a
//    string value, an optional role from the list), text (string);
//  - a null value counts as absent;
//  - defaults: outcome from damage_eur (loss when > 0), role from kind;
//  - unknown fields anywhere (top level, victim, identifiers[i]) are dropped:
//    their names are returned so the summary can warn; values are never kept;
//  - identifiers are normalised (normalize/); an invalid one stays on the
//    report with valid = false and is counted.
//
// Thread-safety: pure functions.
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "ingest/field_error.h"
#include "model/report.h"

namespace zicht::ingest {

//! The largest damage_eur accepted: keeps cents exact in an int64 with room
//! for sums, and far above any real fraud case.
inline constexpr double kMaxDamageEur = 1e12;

struct ValidatedReport {
  model::Report report;
  //! Names of dropped unknown fields ("nickname", "victim.name",
  //! "identifiers[].note"), sanitised, one entry per occurrence.
  std::vector<std::string> unknown_fields;
  //! Identifiers that failed normalisation (kept, never linked).
  int invalid_identifiers = 0;
};

//! Validates `value` into `*out` (its previous content is replaced).
//! Returns nullopt on success, else the rejection; `*out` is then unspecified.
std::optional<FieldError> ValidateReport(const rapidjson::Value& value, ValidatedReport* out);

//! A field name from the input made safe to print: at most 64 bytes,
//! printable ASCII only (others become '?').
std::string SanitizeFieldName(std::string_view name);

}  // namespace zicht::ingest

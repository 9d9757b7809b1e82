#pragma once
// A euro amount as people type it in the Netherlands, in one place for the
// CSV reader (a spreadsheet's damage column), POST /v1/reports and the
// public form (a string `damage_eur`), and POST /form/validate
// (docs/ingest.md, "Amounts").
//
// The rule: the last '.' or ',' followed by one or two digits is the
// decimal separator; one followed by exactly three digits groups thousands
// (no euro amount has three decimals), and so does every earlier one, which
// must then be the other character or the same grouping character, with
// groups of three digits. So:
//   "800"  "800,00"  "800,5"  "1.250" and "1,250" (€ 1250)  "1.250,50"
//   "1,250.50"  "1250.50"  "12.5"  "1.000.000"  "1 250,50"
// and around the number "€", "EUR", "euro" and a trailing ",-" ("€ 450,-").
// Refused, with a reason: a sign, more than three digits after the last
// separator ("1,2345"), groups that are not three digits ("12.34,5"),
// letters, an empty text.
//
// Thread-safety: a pure function.
#include <cstdint>
#include <string_view>

#include "common/result.h"

namespace zicht::ingest {

//! The amount in cents. On failure: kInvalidArgument with a short English
//! reason ("more than two decimals", "not an amount").
Result<int64_t> ParseEuroAmountCents(std::string_view text);

}  // namespace zicht::ingest

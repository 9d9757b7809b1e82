#pragma once
// What an ingest did (docs/design.md, "Ingest guarantees" and the `zicht ingest`
// summary; POST /v1/reports answers with the same).
//
// Every non-blank, non-comment input line (CSV: data row) ends up in exactly
// one of accepted, updated, duplicates or rejected:
//   lines = accepted + updated + duplicates + rejected.
// `accepted` counts reports new to the store. An analyst reading "accepted
// 10, updated 2" expects twelve lines to have gone in, ten of them new; so
// updates are NOT included in `accepted` (see docs/ingest.md).
#include <cstdint>
#include <string>
#include <vector>

namespace zicht::ingest {

//! One rejected line.
struct Rejection {
  std::string input;  // file name as given, "stdin", or "request"
  int64_t line = 0;   // 1-based; for CSV the line the record starts on
  std::string field;  // empty when the whole line is wrong
  std::string reason;
};

//! One unknown field name that was dropped, with how often.
struct UnknownField {
  std::string field;  // "nickname", "victim.name", "identifiers[].note", a CSV column
  int64_t count = 0;
  std::string first_input;
  int64_t first_line = 0;
};

struct IngestSummary {
  int64_t lines = 0;
  int64_t accepted = 0;    // new reports inserted
  int64_t updated = 0;     // existing (source, id) with other content, replaced
  int64_t duplicates = 0;  // existing (source, id) with the same content, untouched
  int64_t rejected = 0;
  int64_t invalid_identifiers = 0;  // kept as invalid, on lines that went in
  int64_t warnings = 0;             // unknown fields dropped (one per occurrence)

  //! The first IngestOptions::max_rejection_details rejections, in input order.
  std::vector<Rejection> rejections;
  //! Every distinct unknown field name, sorted by name.
  std::vector<UnknownField> unknown_fields;
};

//! The summary as a JSON object: accepted, updated, duplicates, rejected,
//! invalid_identifiers, warnings, lines, unknown_fields {name: count}, and
//! with `with_rejections` also rejections [{input, line, field, reason}].
std::string SummaryToJson(const IngestSummary& summary, bool with_rejections);

}  // namespace zicht::ingest

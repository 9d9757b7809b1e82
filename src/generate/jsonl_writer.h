#pragma once
// Writes reports as docs/design.md's JSON Lines: one object a line, fields in the
// documented order, optional fields left out when absent. Hand-written
// rather than via a DOM because `zicht generate` must write a million lines
// in a few seconds; strings are escaped per RFC 8259 (quote, backslash and
// control characters; UTF-8 passes through).
//
// Thread-safety: pure functions, plus WriteJsonl which writes to `out`.
#include <cstdint>
#include <cstdio>
#include <string>

#include "common/status.h"
#include "generate/generator.h"
#include "model/report.h"

namespace zicht::generate {

//! Appends `report` as one JSON object and a '\n' to `out`. Writes the
//! identifier `value`s (as received), never the canonical forms.
void AppendReportJsonLine(const model::Report& report, std::string* out);

//! Generates `n` reports with `options` and writes them to `out` as JSON
//! Lines, buffered. kIOError when writing fails (disk full, closed pipe).
Status WriteJsonl(const GeneratorOptions& options, uint64_t n, std::FILE* out);

}  // namespace zicht::generate

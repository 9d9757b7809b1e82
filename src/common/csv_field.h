#pragma once
// One text field of a CSV line as the CLI writes it (`--format csv`): RFC 4180
// quoting, and a defence against formula injection for the analysts who open
// the file in a spreadsheet.
//
// Quoting: a field holding a comma, a double quote, CR or LF is enclosed in
// double quotes with each `"` doubled; any other field is written as is.
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
// starts with `=`, `+`, `-`, `@`, TAB or CR as a formula, and report texts and
// ids come from outside. Such a field gets a leading `'`, which spreadsheets
// show as text. Numbers are written by the callers directly, not through
// this function, so a negative amount is not touched.
//
// Thread-safety: pure function.
#include <string>
#include <string_view>

namespace zicht {

//! `text` as one CSV field (see above).
std::string CsvField(std::string_view text);

}  // namespace zicht

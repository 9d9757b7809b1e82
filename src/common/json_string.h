#pragma once
// JSON string literals for the hand-written JSON of the hot paths (`zicht
// generate`'s million lines, the verdicts of POST /v1/check), where a
// RapidJSON writer's per-call bookkeeping is a visible share of the cost.
// Escaped per RFC 8259: quote, backslash and control characters; UTF-8
// passes through unchanged (callers hand in valid UTF-8: request bodies are
// validated when parsed).
//
// Thread-safety: pure function.
#include <string>
#include <string_view>

namespace zicht {

//! Appends `s` as a quoted, escaped JSON string to `out`.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace zicht

#include "ingest/json_values.h"

namespace zicht::ingest {

void JsonValueSplitter::EmitCurrent() {
  if (!in_value_) return;
  emit_(current_, current_line_);
  current_.clear();
  in_value_ = scalar_ = in_string_ = escape_ = false;
  depth_ = 0;
}

void JsonValueSplitter::Feed(std::string_view line, int64_t line_no) {
  // Between values a line whose first non-blank character is '#' is a
  // comment, as in JSON Lines.
  if (!in_value_) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] == '#') return;
  }
  for (char c : line) {
    if (in_value_ && !scalar_) {
      if (current_.size() < kMaxValueBytes) current_ += c;
      if (in_string_) {
        if (escape_) escape_ = false;
        else if (c == '\\') escape_ = true;
        else if (c == '"') in_string_ = false;
        continue;
      }
      if (c == '"') in_string_ = true;
      else if (c == '{' || c == '[') ++depth_;
      else if ((c == '}' || c == ']') && --depth_ == 0) EmitCurrent();
      continue;
    }
    const bool space = c == ' ' || c == '\t' || c == '\r';
    if (scalar_) {
      // A bare scalar ends at a separator; the parser rejects it.
      if (space || c == ',' || (array_ && c == ']')) {
        EmitCurrent();
      } else {
        current_ += c;
        continue;
      }
    }
    if (space) continue;
    if (array_ && !opened_) {
      if (c == '[') {
        opened_ = true;
        continue;
      }
    } else if (array_ && !closed_) {
      if (c == ',') continue;
      if (c == ']') {
        closed_ = true;
        continue;
      }
    }
    // The start of a value (after the array closed, anything is one too:
    // it is rejected as trailing text).
    in_value_ = true;
    current_line_ = line_no;
    current_ += c;
    // Anything but an object or array is not a report: it is cut at the
    // next separator and left for the parser to reject.
    if (c == '{' || c == '[') depth_ = 1;
    else scalar_ = true;
  }
  if (in_value_ && !scalar_) current_ += '\n';
  if (scalar_) EmitCurrent();
}

bool JsonValueSplitter::Finish() {
  EmitCurrent();
  return !array_ || !opened_ || closed_;
}

}  // namespace zicht::ingest

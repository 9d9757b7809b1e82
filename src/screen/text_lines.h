#pragma once
// Line-by-line reading of the screening text files (signals files, model,
// corpus) and UTF-8 validation, shared by their parsers so that every one
// counts lines and reports positions the same way. Pure functions.
#include <string_view>

#include "common/status.h"

namespace zicht::screen {

//! Calls f(line_no, line) for every line of `text` (1-based; a trailing
//! "\r" trimmed, the last line need not end in "\n"), stopping at the first
//! non-ok Status that f returns, which it then returns.
template <typename F>
Status ForEachTextLine(std::string_view text, F&& f) {
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Status s = f(line_no, line); !s.ok()) return s;
  }
  return Status::Ok();
}

//! Byte offset of the first invalid UTF-8 sequence in `s`, or npos.
inline size_t InvalidUtf8At(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace zicht::screen

#include "common/client_text.h"

namespace zicht {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // …

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629, table 3-7 of
// the Unicode standard), or 0 when the bytes there are not one.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const size_t left = s.size() - i;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && (b(1) & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return b(1) >= lo && b(1) <= hi && (b(2) & 0xC0) == 0x80 ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(1) >= lo && b(1) <= hi && (b(2) & 0xC0) == 0x80 && (b(3) & 0xC0) == 0x80 ? 4 : 0;
  }
  return 0;
}

// Appends the sanitised form of s to out, stopping before `max_chars`
// characters or `max_bytes` bytes would be exceeded. Returns true when all
// of s fitted.
bool AppendSanitised(std::string_view s, size_t max_chars, size_t max_bytes, std::string* out) {
  size_t chars = 0;
  const size_t start = out->size();
  for (size_t i = 0; i < s.size();) {
    size_t n = SequenceLength(s, i);
    std::string_view piece = n == 0 ? kReplacement : s.substr(i, n);
    if (n == 1 && (static_cast<unsigned char>(s[i]) < 0x20 || s[i] == 0x7F)) piece = " ";
    if (chars + 1 > max_chars || out->size() - start + piece.size() > max_bytes) return false;
    out->append(piece);
    ++chars;
    i += n == 0 ? 1 : n;
  }
  return true;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string QuoteExcerpt(std::string_view s, size_t max_chars) {
  std::string out = "'";
  bool whole = AppendSanitised(s, max_chars, static_cast<size_t>(-1), &out);
  if (whole) {
    out += "'";
  } else {
    out.append(kEllipsis).append("' (").append(std::to_string(s.size())).append(" bytes)");
  }
  return out;
}

std::string SanitizeText(std::string_view s, size_t max_bytes) {
  std::string out;
  if (AppendSanitised(s, static_cast<size_t>(-1), max_bytes, &out)) return out;
  out.clear();
  const size_t budget = max_bytes >= kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  AppendSanitised(s, static_cast<size_t>(-1), budget, &out);
  out.append(kEllipsis);
  return out;
}

}  // namespace zicht

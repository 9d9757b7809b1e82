#pragma once
// Small ASCII text helpers shared by the normalisers: trimming and case
// folding. ASCII only on purpose: identifiers are compared byte-wise after
// normalisation, and locale-dependent case folding would make the canonical
// form depend on the machine's locale.
//
// Thread-safety: pure functions.
#include <string>
#include <string_view>

namespace zicht::normalize {

//! True for ' ', '\t', '\n', '\r', '\f', '\v'.
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
constexpr char ToLowerAscii(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ToUpperAscii(char c) { return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

//! `text` without leading and trailing ASCII white space (a view into `text`).
std::string_view TrimAscii(std::string_view text);

//! A copy of `text` with A-Z mapped to a-z; other bytes (UTF-8 included) unchanged.
std::string LowerAscii(std::string_view text);

}  // namespace zicht::normalize

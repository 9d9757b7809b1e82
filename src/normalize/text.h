#pragma once
// Small ASCII text helpers shared by the normalisers: trimming and case
// folding. ASCII only on purpose: identifiers are compared byte-wise after
// normalisation, and locale-dependent case folding would make the canonical
// form depend on the machine's locale.
//
// Thread-safety: pure functions.
#include <optional>
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

//! True when `text` has a byte >= 0x80 (eight bytes at a time: this runs
//! on every value on the ingest path).
bool HasNonAscii(std::string_view text);

//! `text` (UTF-8) with every Unicode space replaced by one ASCII space, or
//! nullopt when it has none (one scan for a byte >= 0x80: the common case
//! costs nothing more). Unicode spaces: NEL U+0085, no-break space U+00A0,
//! U+1680, U+180E, the spaces U+2000..U+200A, zero-width space U+200B, line
//! and paragraph separators U+2028/U+2029, narrow no-break space U+202F,
//! U+205F, word joiner U+2060, ideographic space U+3000 and the zero-width
//! no-break space / BOM U+FEFF. Zero-width joiners (U+200C, U+200D) are not
//! spaces: they are part of emoji and of words in some scripts.
//! WHY: values copied from PDFs, web pages and spreadsheets carry them
//! between the groups of an IBAN or a phone number, and at the ends.
std::optional<std::string> UnicodeSpacesToAscii(std::string_view text);

}  // namespace zicht::normalize

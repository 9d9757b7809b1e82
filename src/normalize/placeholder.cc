#include "normalize/placeholder.h"

#include <array>
#include <string>

#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// Lower case, as they appear after case folding.
constexpr std::array<std::string_view, 27> kPlaceholderWords{
    "onbekend", "niet bekend", "nietbekend", "n.v.t.", "n.v.t", "nvt", "n/a", "na", "n.a.",
    "nb", "n.b.", "unknown", "unk", "none", "geen", "null", "nil", "nan", "undefined", "leeg",
    "empty", "tbd", "-", "?", "x", "0", "geen idee"};

// Longest word above; longer values skip the word comparison.
constexpr size_t kMaxWordLength = 11;
// Rule 3: a leading country code / prefix of at most this many characters,
// then at least kMinTrailingZeros zeros (8: "0612000000" is a real number).
constexpr size_t kMaxPrefixDigits = 4;
constexpr size_t kMinTrailingZeros = 8;

constexpr bool IsPlaceholderSeparator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '/' || c == '_' || c == '+' || c == '(' || c == ')';
}

bool IsPlaceholderWord(std::string_view text) {
  if (text.empty() || text.size() > kMaxWordLength) return false;
  char lower[kMaxWordLength];
  for (size_t i = 0; i < text.size(); ++i) lower[i] = ToLowerAscii(text[i]);
  const std::string_view folded(lower, text.size());
  for (std::string_view word : kPlaceholderWords) {
    if (folded == word) return true;
  }
  return false;
}

bool IsRepeatedFiller(std::string_view text) {
  const char c = ToLowerAscii(text[0]);
  if (c != 'x' && c != '-' && c != '?' && c != '.' && c != '*' && c != '_' && c != '0') return false;
  for (char d : text) {
    if (ToLowerAscii(d) != c) return false;
  }
  return true;
}

bool IsZeroFiller(std::string_view text) {
  // Strip the separators into a small buffer; long values are never filler
  // of this shape (the longest IBAN is 34 characters).
  constexpr size_t kMaxCompact = 48;
  char compact[kMaxCompact];
  size_t n = 0;
  for (char c : text) {
    if (IsPlaceholderSeparator(c)) continue;
    // Only digits, after at most two leading letters: stop early on
    // anything else (most real values fail here within a few bytes).
    if (!IsAsciiDigit(c) && !(n < 2 && IsAsciiAlpha(c))) return false;
    if (n == kMaxCompact) return false;
    compact[n++] = c;
  }
  if (n == 0) return false;
  size_t zeros = 0;
  while (zeros < n && compact[n - 1 - zeros] == '0') ++zeros;
  if (zeros == n) return true;
  if (zeros < kMinTrailingZeros) return false;
  // The prefix: optional two letters, then at most four digits.
  size_t i = 0;
  const size_t prefix = n - zeros;
  if (prefix >= 2 && IsAsciiAlpha(compact[0]) && IsAsciiAlpha(compact[1])) i = 2;
  if (prefix - i > kMaxPrefixDigits) return false;
  for (; i < prefix; ++i) {
    if (!IsAsciiDigit(compact[i])) return false;
  }
  return true;
}

}  // namespace

bool IsPlaceholder(model::IdentifierKind kind, std::string_view value) {
  const std::string_view text = TrimAscii(value);
  if (text.empty()) return false;
  if (IsPlaceholderWord(text) || IsRepeatedFiller(text) || IsZeroFiller(text)) return true;
  if (kind == model::IdentifierKind::kEmail) {
    const size_t at = text.find('@');
    if (at != std::string_view::npos && IsPlaceholderWord(text.substr(0, at))) return true;
  }
  return false;
}

}  // namespace zicht::normalize

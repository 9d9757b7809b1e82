#include "screen/quotation.h"

#include <array>
#include <cstdint>

namespace zicht::screen {
namespace {

enum QuoteMark : uint8_t { kOpens = 1, kCloses = 2 };

// The first byte of every quote mark (and the newline that ends a
// quotation): the scan skips everything else with one table look-up a byte.
// Most messages have none, or an apostrophe or two.
enum LeadByte : uint8_t { kQuoteLead = 1, kNewline = 2 };
constexpr std::array<uint8_t, 256> kLeadBytes = [] {
  std::array<uint8_t, 256> t{};
  t['\''] = t['"'] = t[0xC2] = t[0xE2] = kQuoteLead;
  t['\n'] = kNewline;
  return t;
}();

// The first byte at or after `i` whose kind is in `kinds`, or npos.
size_t NextLead(std::string_view s, size_t i, uint8_t kinds) {
  for (; i < s.size(); ++i) {
    if (kLeadBytes[static_cast<unsigned char>(s[i])] & kinds) return i;
  }
  return std::string_view::npos;
}

struct Mark {
  uint8_t kind = 0;  // QuoteMark bits; 0: not a quote mark
  size_t size = 0;   // bytes
};

// The quote mark at `i`, if any. Typographic marks are three UTF-8 bytes
// (U+2018/2019/201A/201C/201D/201E) or two (U+00AB/00BB).
Mark QuoteAt(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b == '\'' || b == '"') return {kOpens | kCloses, 1};
  if (b == 0xC2 && i + 1 < s.size()) {
    const auto c = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xAB) return {kOpens, 2};   // «
    if (c == 0xBB) return {kCloses, 2};  // »
  }
  if (b == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    switch (static_cast<unsigned char>(s[i + 2])) {
      case 0x98: return {kOpens | kCloses, 3};  // ‘ (also closes, German style)
      case 0x99: return {kCloses, 3};           // ’
      case 0x9A: return {kOpens, 3};            // ‚
      case 0x9C: return {kOpens | kCloses, 3};  // “
      case 0x9D: return {kCloses, 3};           // ”
      case 0x9E: return {kOpens, 3};            // „
      default: break;
    }
  }
  return {};
}

// A byte of a word: ASCII letter or digit, or any byte of a non-ASCII
// character (letters with diacritics; a quote mark is checked first).
bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool WordByteBefore(std::string_view s, size_t i) {
  return i > 0 && IsWordByte(static_cast<unsigned char>(s[i - 1]));
}
bool WordByteAt(std::string_view s, size_t i) {
  return i < s.size() && IsWordByte(static_cast<unsigned char>(s[i]));
}

// A letter alone after an apostrophe is a Dutch elision: 's avonds, 't is
// goed, ik wil 'm graag, 'n keer, 'k weet het, 'r fiets.
bool IsElision(std::string_view s, size_t after) {
  if (after >= s.size()) return false;
  const char c = s[after];
  const bool letter = c == 's' || c == 't' || c == 'm' || c == 'n' || c == 'k' || c == 'r' || c == 'S' || c == 'T';
  return letter && (after + 1 == s.size() || !IsWordByte(static_cast<unsigned char>(s[after + 1])));
}

int CountWords(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool w = IsWordByte(static_cast<unsigned char>(c));
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words;
}

}  // namespace

bool RemoveQuotedMessages(std::string_view text, std::string* outside) {
  // Every byte is looked at once: closing marks are not paired by kind, so
  // an opening mark inside a scan that found no closing mark could not close
  // earlier either; the scan resumes where it stopped, and a megabyte of
  // quote marks stays linear.
  bool found = false;
  size_t copied = 0;  // text[copied, open) still to be written to *outside
  size_t i = 0;
  while ((i = NextLead(text, i, kQuoteLead)) != std::string_view::npos) {
    const Mark open = QuoteAt(text, i);
    if (!(open.kind & kOpens) || WordByteBefore(text, i) || !WordByteAt(text, i + open.size) ||
        (open.size == 1 && text[i] == '\'' && IsElision(text, i + 1))) {
      i += open.size == 0 ? 1 : open.size;
      continue;
    }
    size_t j = i + open.size;
    bool closed = false;
    while ((j = NextLead(text, j, kQuoteLead | kNewline)) != std::string_view::npos &&
           j - i <= kMaxQuotationBytes && text[j] != '\n') {
      const Mark m = QuoteAt(text, j);
      if (m.kind == 0) {
        ++j;
        continue;
      }
      const bool before = WordByteBefore(text, j) || (j > 0 && (text[j - 1] == '.' || text[j - 1] == '!' ||
                                                                  text[j - 1] == '?' || text[j - 1] == ','));
      if ((m.kind & kCloses) && before && !WordByteAt(text, j + m.size)) {
        closed = true;
        break;
      }
      j += m.size;
    }
    if (!closed) {
      if (j == std::string_view::npos) break;
      i = j;
      continue;
    }
    const Mark close = QuoteAt(text, j);
    const std::string_view inner = text.substr(i + open.size, j - i - open.size);
    if (CountWords(inner) < kMinQuotedWords) {
      i = j + close.size;
      continue;
    }
    if (!found) {
      outside->clear();
      found = true;
    }
    outside->append(text.substr(copied, i - copied));
    outside->push_back(' ');
    i = j + close.size;
    copied = i;
  }
  if (found) outside->append(text.substr(copied));
  return found;
}

}  // namespace zicht::screen

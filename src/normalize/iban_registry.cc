#include "normalize/iban_registry.h"

#include <array>

namespace zicht::normalize {
namespace {

// Source: SWIFT IBAN Registry (ISO 13616): per country the IBAN length and
// the BBAN format. Every row was compared with python-stdnum's
// stdnum/iban.dat (commit d848b6e, generated from SWIFT's registry text
// file): the same 89 countries, lengths and formats. The length column is
// checked against the format at compile time below. Keep sorted by code;
// iban_test.cc checks that every row accepts the registry's example IBAN.
constexpr std::array<IbanCountry, 89> kRegistry{{
    {"AD", 24, "4!n4!n12!c"},
    {"AE", 23, "3!n16!n"},
    {"AL", 28, "8!n16!c"},
    {"AT", 20, "5!n11!n"},
    {"AZ", 28, "4!a20!c"},
    {"BA", 20, "3!n3!n8!n2!n"},
    {"BE", 16, "3!n7!n2!n"},
    {"BG", 22, "4!a4!n2!n8!c"},
    {"BH", 22, "4!a14!c"},
    {"BI", 27, "5!n5!n11!n2!n"},
    {"BR", 29, "8!n5!n10!n1!a1!c"},
    {"BY", 28, "4!c4!n16!c"},
    {"CH", 21, "5!n12!c"},
    {"CR", 22, "4!n14!n"},
    {"CY", 28, "3!n5!n16!c"},
    {"CZ", 24, "4!n6!n10!n"},
    {"DE", 22, "8!n10!n"},
    {"DJ", 27, "5!n5!n11!n2!n"},
    {"DK", 18, "4!n9!n1!n"},
    {"DO", 28, "4!c20!n"},
    {"EE", 20, "2!n14!n"},
    {"EG", 29, "4!n4!n17!n"},
    {"ES", 24, "4!n4!n1!n1!n10!n"},
    {"FI", 18, "3!n11!n"},
    {"FK", 18, "2!a12!n"},
    {"FO", 18, "4!n9!n1!n"},
    {"FR", 27, "5!n5!n11!c2!n"},
    {"GB", 22, "4!a6!n8!n"},
    {"GE", 22, "2!a16!n"},
    {"GI", 23, "4!a15!c"},
    {"GL", 18, "4!n9!n1!n"},
    {"GR", 27, "3!n4!n16!c"},
    {"GT", 28, "4!c20!c"},
    {"HN", 28, "4!a20!n"},
    {"HR", 21, "7!n10!n"},
    {"HU", 28, "3!n4!n1!n15!n1!n"},
    {"IE", 22, "4!a6!n8!n"},
    {"IL", 23, "3!n3!n13!n"},
    {"IQ", 23, "4!a3!n12!n"},
    {"IS", 26, "4!n2!n6!n10!n"},
    {"IT", 27, "1!a5!n5!n12!c"},
    {"JO", 30, "4!a4!n18!c"},
    {"KW", 30, "4!a22!c"},
    {"KZ", 20, "3!n13!c"},
    {"LB", 28, "4!n20!c"},
    {"LC", 32, "4!a24!c"},
    {"LI", 21, "5!n12!c"},
    {"LT", 20, "5!n11!n"},
    {"LU", 20, "3!n13!c"},
    {"LV", 21, "4!a13!c"},
    {"LY", 25, "3!n3!n15!n"},
    {"MC", 27, "5!n5!n11!c2!n"},
    {"MD", 24, "2!c18!c"},
    {"ME", 22, "3!n13!n2!n"},
    {"MK", 19, "3!n10!c2!n"},
    {"MN", 20, "4!n12!n"},
    {"MR", 27, "5!n5!n11!n2!n"},
    {"MT", 31, "4!a5!n18!c"},
    {"MU", 30, "4!a2!n2!n12!n3!n3!a"},
    {"NI", 28, "4!a20!n"},
    {"NL", 18, "4!a10!n"},
    {"NO", 15, "4!n6!n1!n"},
    {"OM", 23, "3!n16!c"},
    {"PK", 24, "4!a16!c"},
    {"PL", 28, "8!n16!n"},
    {"PS", 29, "4!a21!c"},
    {"PT", 25, "4!n4!n11!n2!n"},
    {"QA", 29, "4!a21!c"},
    {"RO", 24, "4!a16!c"},
    {"RS", 22, "3!n13!n2!n"},
    {"RU", 33, "9!n5!n15!c"},
    {"SA", 24, "2!n18!c"},
    {"SC", 31, "4!a2!n2!n16!n3!a"},
    {"SD", 18, "2!n12!n"},
    {"SE", 24, "3!n16!n1!n"},
    {"SI", 19, "5!n8!n2!n"},
    {"SK", 24, "4!n6!n10!n"},
    {"SM", 27, "1!a5!n5!n12!c"},
    {"SO", 23, "4!n3!n12!n"},
    {"ST", 25, "8!n11!n2!n"},
    {"SV", 28, "4!a20!n"},
    {"TL", 23, "3!n14!n2!n"},
    {"TN", 24, "2!n3!n13!n2!n"},
    {"TR", 26, "5!n1!n16!c"},
    {"UA", 29, "6!n19!c"},
    {"VA", 22, "3!n15!n"},
    {"VG", 24, "4!a16!n"},
    {"XK", 20, "4!n10!n2!n"},
    {"YE", 30, "4!a4!n18!c"},
}};

constexpr int kLetters = 26;
constexpr size_t kMaxBban = 30;  // the longest BBAN (RU: 33 - 4 characters)

// A BBAN format ("4!a10!n") expanded to one class letter per position
// ("aaaannnnnnnnnn"); the length 0 marks a malformed format.
struct Expanded {
  std::array<char, kMaxBban> classes{};
  size_t length = 0;
};

constexpr Expanded Expand(std::string_view format) {
  Expanded out;
  size_t i = 0;
  while (i < format.size()) {
    size_t count = 0;
    while (i < format.size() && format[i] >= '0' && format[i] <= '9') count = count * 10 + (format[i++] - '0');
    if (i < format.size() && format[i] == '!') ++i;
    if (i >= format.size() || count == 0 || out.length + count > kMaxBban) return Expanded{};
    const char cls = format[i++];
    if (cls != 'n' && cls != 'a' && cls != 'c') return Expanded{};
    for (size_t k = 0; k < count; ++k) out.classes[out.length++] = cls;
  }
  return out;
}

constexpr std::array<Expanded, kRegistry.size()> ExpandAll() {
  std::array<Expanded, kRegistry.size()> all{};
  for (size_t i = 0; i < kRegistry.size(); ++i) all[i] = Expand(kRegistry[i].bban);
  return all;
}
constexpr std::array<Expanded, kRegistry.size()> kBban = ExpandAll();

constexpr bool LengthsAgreeWithFormats() {
  for (size_t i = 0; i < kRegistry.size(); ++i) {
    if (kBban[i].length == 0 || kBban[i].length + 4 != kRegistry[i].length) return false;
  }
  return true;
}
static_assert(LengthsAgreeWithFormats(), "an IBAN length disagrees with its BBAN format");

// A 26x26 table indexed by the two letters, built at compile time, so the
// per-IBAN lookup on the ingest hot path is one array read: row + 1, or 0.
constexpr std::array<uint8_t, kLetters * kLetters> BuildRowIndex() {
  std::array<uint8_t, kLetters * kLetters> index{};
  for (size_t i = 0; i < kRegistry.size(); ++i) {
    const IbanCountry& country = kRegistry[i];
    index[(country.code[0] - 'A') * kLetters + (country.code[1] - 'A')] = static_cast<uint8_t>(i + 1);
  }
  return index;
}
constexpr std::array<uint8_t, kLetters * kLetters> kRowIndex = BuildRowIndex();

// Index into kRegistry for `country`, or -1.
int Row(std::string_view country) {
  if (country.size() < 2) return -1;
  const char a = country[0];
  const char b = country[1];
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return -1;
  return static_cast<int>(kRowIndex[(a - 'A') * kLetters + (b - 'A')]) - 1;
}

}  // namespace

std::span<const IbanCountry> IbanRegistry() { return kRegistry; }

std::optional<int> IbanLength(std::string_view country) {
  if (country.size() != 2) return std::nullopt;
  const int row = Row(country);
  if (row < 0) return std::nullopt;
  return kRegistry[static_cast<size_t>(row)].length;
}

bool BbanMatchesFormat(std::string_view iban) {
  const int row = Row(iban);
  if (row < 0) return false;
  const Expanded& bban = kBban[static_cast<size_t>(row)];
  if (iban.size() != bban.length + 4) return false;
  for (size_t i = 0; i < bban.length; ++i) {
    const char c = iban[i + 4];
    switch (bban.classes[i]) {
      case 'n':
        if (c < '0' || c > '9') return false;
        break;
      case 'a':
        if (c < 'A' || c > 'Z') return false;
        break;
      default:  // 'c': the caller already allows only letters and digits
        break;
    }
  }
  return true;
}

std::string DescribeBbanFormat(std::string_view country) {
  const int row = Row(country);
  if (row < 0 || country.size() != 2) return "";
  const Expanded& bban = kBban[static_cast<size_t>(row)];
  std::string out;
  for (size_t i = 0; i < bban.length;) {
    size_t run = i;
    while (run < bban.length && bban.classes[run] == bban.classes[i]) ++run;
    if (!out.empty()) out += ", then ";
    out += std::to_string(run - i);
    switch (bban.classes[i]) {
      case 'n': out += run - i == 1 ? " digit" : " digits"; break;
      case 'a': out += run - i == 1 ? " letter" : " letters"; break;
      default: out += run - i == 1 ? " letter or digit" : " letters or digits"; break;
    }
    i = run;
  }
  return out;
}

}  // namespace zicht::normalize

#include "normalize/iban_registry.h"

#include <array>

namespace zicht::normalize {
namespace {

// Source: SWIFT IBAN Registry (ISO 13616), release 98. One row per country:
// code and IBAN length. Keep sorted by code; iban_test.cc checks that every
// row accepts the registry's example IBAN for that country.
constexpr std::array<IbanCountry, 89> kRegistry{{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HN", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
    {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20},
    {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
    {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25},
    {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
    {"YE", 30},
}};

constexpr int kLetters = 26;

// A 26x26 table indexed by the two letters, built at compile time, so the
// per-IBAN lookup on the ingest hot path is one array read.
constexpr std::array<uint8_t, kLetters * kLetters> BuildLengthIndex() {
  std::array<uint8_t, kLetters * kLetters> index{};
  for (const IbanCountry& country : kRegistry) {
    index[(country.code[0] - 'A') * kLetters + (country.code[1] - 'A')] = country.length;
  }
  return index;
}
constexpr std::array<uint8_t, kLetters * kLetters> kLengthIndex = BuildLengthIndex();

}  // namespace

std::span<const IbanCountry> IbanRegistry() { return kRegistry; }

std::optional<int> IbanLength(std::string_view country) {
  if (country.size() != 2) return std::nullopt;
  const char a = country[0];
  const char b = country[1];
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return std::nullopt;
  const uint8_t length = kLengthIndex[(a - 'A') * kLetters + (b - 'A')];
  if (length == 0) return std::nullopt;
  return length;
}

}  // namespace zicht::normalize

#include "normalize/iban.h"

#include <string>

#include "normalize/iban_registry.h"
#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// The longest IBAN in the registry has 33 characters (RU); ISO 13616 allows
// up to 34. Input far beyond that is rejected before any further work;
// anything shorter gets the precise "must have N characters" message.
constexpr size_t kMaxIbanLength = 34;
constexpr size_t kMaxIbanInput = 100;

// Separators people put between the groups of an IBAN when they type or
// copy it. Removing them cannot merge two different IBANs: an IBAN is
// letters and digits only.
constexpr bool IsIbanSeparator(char c) { return IsAsciiSpace(c) || c == '-' || c == '.'; }

// Drops a leading "IBAN" label, as in "IBAN: NL91 ...", "iban NL91...".
// No country code starts with "IB", so this never eats part of an IBAN.
std::string_view StripIbanLabel(std::string_view text) {
  if (text.size() >= 4 && ToUpperAscii(text[0]) == 'I' && ToUpperAscii(text[1]) == 'B' &&
      ToUpperAscii(text[2]) == 'A' && ToUpperAscii(text[3]) == 'N') {
    text.remove_prefix(4);
    if (!text.empty() && text[0] == ':') text.remove_prefix(1);
  }
  return text;
}

}  // namespace

bool IbanChecksumValid(std::string_view iban) {
  if (iban.size() < 4) return false;
  // Process the rearranged string (BBAN first, then country and check
  // digits) digit by digit; the remainder stays below 97 * 100, so no big
  // numbers are needed.
  unsigned remainder = 0;
  auto feed = [&remainder](char c) {
    if (IsAsciiDigit(c)) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      const unsigned value = static_cast<unsigned>(c - 'A') + 10;  // two digits
      remainder = (remainder * 100 + value) % 97;
    }
  };
  for (size_t i = 4; i < iban.size(); ++i) feed(iban[i]);
  for (size_t i = 0; i < 4; ++i) feed(iban[i]);
  return remainder == 1;
}

Result<std::string> NormalizeIban(std::string_view raw) {
  std::string_view text = StripIbanLabel(TrimAscii(raw));
  std::string iban;
  iban.reserve(kMaxIbanLength);
  for (char c : text) {
    if (IsIbanSeparator(c)) continue;
    if (!IsAsciiDigit(c) && !IsAsciiAlpha(c)) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
        return Status::InvalidArgument("IBAN contains a character that is not a letter or digit");
      }
      return Status::InvalidArgument(std::string("IBAN contains '") + c +
                                     "', only letters and digits are allowed");
    }
    if (iban.size() >= kMaxIbanInput) {
      return Status::InvalidArgument("IBAN is too long: at most 34 characters");
    }
    iban.push_back(ToUpperAscii(c));
  }
  if (iban.size() < 2 || !IsAsciiUpper(iban[0]) || !IsAsciiUpper(iban[1])) {
    return Status::InvalidArgument("IBAN must start with a two-letter country code");
  }
  const std::string_view country(iban.data(), 2);
  const std::optional<int> length = IbanLength(country);
  if (!length) {
    return Status::InvalidArgument("unknown IBAN country code '" + std::string(country) + "'");
  }
  if (static_cast<int>(iban.size()) != *length) {
    return Status::InvalidArgument("IBAN for " + std::string(country) + " must have " +
                                   std::to_string(*length) + " characters, got " +
                                   std::to_string(iban.size()));
  }
  if (!IsAsciiDigit(iban[2]) || !IsAsciiDigit(iban[3])) {
    return Status::InvalidArgument("IBAN check digits (characters 3 and 4) must be digits");
  }
  // ISO 13616 computes the check digits as 98 - (n mod 97): always 02..98.
  // 00, 01 and 99 can still pass the MOD 97-10 test (they equal 97, 98 and
  // 02 modulo 97), so they are refused by value.
  const int check = (iban[2] - '0') * 10 + (iban[3] - '0');
  if (check < 2 || check > 98) {
    return Status::InvalidArgument("IBAN check digits must be between 02 and 98");
  }
  if (!BbanMatchesFormat(iban)) {
    return Status::InvalidArgument("IBAN for " + std::string(country) + " must have " +
                                   DescribeBbanFormat(country) + " after the check digits");
  }
  if (!IbanChecksumValid(iban)) return Status::InvalidArgument("IBAN check digits do not match");
  return iban;
}

}  // namespace zicht::normalize

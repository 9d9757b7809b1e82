#include "normalize/phone_fast_path.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <array>
#include <atomic>

#include "normalize/text.h"

namespace zicht::normalize {
namespace {

constexpr int kNsnDigits = 9;
constexpr uint32_t kNetherlands = 31;
constexpr uint32_t kBelgium = 32;
// Memo granularity: the first 4 digits of the NSN (1000..9999). Validity is
// decided by at most 3 leading digits today; 4 leaves margin.
constexpr uint32_t kPrefixDivisor = 100000;  // 10^(9-4)
constexpr uint32_t kFirstPrefix = 1000;
constexpr uint32_t kPrefixCount = 9000;

enum : uint8_t { kUnknown = 0, kValid = 1, kInvalid = 2 };

// The one piece of process-wide mutable state in normalize/: a memo of a
// pure function of libphonenumber's compiled-in metadata, observable only as
// speed. Entries go from kUnknown to a fixed answer; a race just asks
// libphonenumber twice and stores the same value.
std::array<std::atomic<uint8_t>, kPrefixCount> g_nl_valid{};
std::array<std::atomic<uint8_t>, kPrefixCount> g_be_valid{};

}  // namespace

std::optional<FastPhone> ScanFastPathPhone(std::string_view text) {
  // Collect '+' and digits, skipping the separators people type; accept
  // "(0)" only right after the country code, as in "+31 (0)6 12345678".
  char buf[24];
  size_t n = 0;
  bool saw_trunk_zero = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '-' || c == '.') continue;
    if (n == sizeof(buf)) return std::nullopt;
    if (IsAsciiDigit(c)) {
      buf[n++] = c;
    } else if (c == '+' && n == 0) {
      buf[n++] = c;
    } else if (c == '(' && !saw_trunk_zero && i + 2 < text.size() && text[i + 1] == '0' &&
               text[i + 2] == ')') {
      const std::string_view so_far(buf, n);
      if (so_far != "+31" && so_far != "0031" && so_far != "+32" && so_far != "0032") return std::nullopt;
      saw_trunk_zero = true;
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  std::string_view digits(buf, n);
  FastPhone phone;
  if (digits.starts_with("+31") || digits.starts_with("+32")) {
    phone.country_code = digits[2] == '1' ? kNetherlands : kBelgium;
    digits.remove_prefix(3);
  } else if (digits.starts_with("0031") || digits.starts_with("0032")) {
    phone.country_code = digits[3] == '1' ? kNetherlands : kBelgium;
    digits.remove_prefix(4);
  } else if (digits.size() >= 2 && digits[0] == '0' && digits[1] != '0' && !saw_trunk_zero) {
    phone.country_code = kNetherlands;  // national spelling, region NL
    digits.remove_prefix(1);
  } else {
    return std::nullopt;
  }
  if (digits.size() != kNsnDigits || digits[0] == '0') return std::nullopt;
  for (char c : digits) {
    if (!IsAsciiDigit(c)) return std::nullopt;  // a second '+'
    phone.nsn = phone.nsn * 10 + static_cast<uint32_t>(c - '0');
  }
  return phone;
}

bool FastPathNumberValid(const FastPhone& phone) {
  auto& table = phone.country_code == kNetherlands ? g_nl_valid : g_be_valid;
  std::atomic<uint8_t>& entry = table[phone.nsn / kPrefixDivisor - kFirstPrefix];
  uint8_t state = entry.load(std::memory_order_relaxed);
  if (state == kUnknown) {
    i18n::phonenumbers::PhoneNumber number;
    number.set_country_code(static_cast<int32_t>(phone.country_code));
    number.set_national_number(phone.nsn);
    const bool valid = i18n::phonenumbers::PhoneNumberUtil::GetInstance()->IsValidNumber(number);
    state = valid ? kValid : kInvalid;
    entry.store(state, std::memory_order_relaxed);
  }
  return state == kValid;
}

}  // namespace zicht::normalize

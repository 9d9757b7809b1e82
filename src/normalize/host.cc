#include "normalize/host.h"

#include <unicode/uidna.h>

#include <cstdint>
#include <vector>

#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// Longer than any DNS name (253); bounds the work ICU does per value.
constexpr size_t kMaxHostBytes = 1024;

const UIDNA* Uts46() {
  // Created once, never freed: ICU's UIDNA is immutable and may be used by
  // many threads at once.
  static const UIDNA* const idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    // Nontransitional ("ß" stays "ß", as in browsers), with the bidi and
    // joiner checks of IDNA 2008; STD3 rules off as in the WHATWG URL
    // standard (our own host-character check follows).
    const UIDNA* created = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE |
                                               UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ,
                                           &status);
    return U_SUCCESS(status) ? created : nullptr;
  }();
  return idna;
}

// Errors browsers do not act on either: hyphens at the ends or in places 3
// and 4 of a label, and lengths (WHATWG URL: CheckHyphens and
// VerifyDnsLength false). Empty labels are the callers' own check.
constexpr uint32_t kIgnoredErrors = UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN |
                                    UIDNA_ERROR_HYPHEN_3_4 | UIDNA_ERROR_LABEL_TOO_LONG |
                                    UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_EMPTY_LABEL;

}  // namespace

bool IsHostNameChar(char c) { return IsAsciiLower(c) || IsAsciiDigit(c) || c == '-' || c == '.' || c == '_'; }

bool NeedsIdna(std::string_view host) {
  if (HasNonAscii(host)) return true;
  // An A-label: "xn--" at the start of a label. "--" is rare in host
  // names, so look for it first.
  for (size_t dash = host.find("--", 2); dash != std::string_view::npos; dash = host.find("--", dash + 1)) {
    if (ToLowerAscii(host[dash - 2]) == 'x' && ToLowerAscii(host[dash - 1]) == 'n' &&
        (dash == 2 || host[dash - 3] == '.')) {
      return true;
    }
  }
  return false;
}

namespace {

bool IsHexDigit(char c) { return IsAsciiDigit(c) || (ToLowerAscii(c) >= 'a' && ToLowerAscii(c) <= 'f'); }

// One IPv4 part: decimal, "0x" hexadecimal or "0" octal (WHATWG "IPv4
// number parser"). nullopt when it is none of these or above 2^32.
std::optional<uint64_t> ParseIpv4Number(std::string_view part) {
  if (part.empty()) return std::nullopt;
  unsigned base = 10;
  if (part.size() >= 2 && part[0] == '0' && ToLowerAscii(part[1]) == 'x') {
    base = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  if (part.empty()) return 0;  // "0x" alone is 0
  uint64_t value = 0;
  for (char c : part) {
    unsigned digit = 0;
    if (IsAsciiDigit(c)) {
      digit = static_cast<unsigned>(c - '0');
    } else if (base == 16 && IsHexDigit(c)) {
      digit = static_cast<unsigned>(ToLowerAscii(c) - 'a') + 10;
    } else {
      return std::nullopt;
    }
    if (digit >= base) return std::nullopt;
    value = value * base + digit;
    if (value > 0xFFFFFFFFull) return value;  // out of range; stop before overflow
  }
  return value;
}

}  // namespace

Result<std::string> DomainToAscii(std::string_view host, std::string_view what) {
  if (!NeedsIdna(host)) return LowerAscii(host);
  const UIDNA* idna = Uts46();
  if (idna == nullptr) return Status::Internal("ICU's UTS #46 could not be loaded");
  if (host.size() > kMaxHostBytes) return Status::InvalidArgument(std::string(what) + " is too long");
  std::vector<char> out(kMaxHostBytes * 4 + 1);
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const int32_t length = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()), out.data(),
                                                static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || (info.errors & ~kIgnoredErrors) != 0) {
    return Status::InvalidArgument(std::string(what) + " is not a valid internationalised domain name");
  }
  return LowerAscii(std::string_view(out.data(), static_cast<size_t>(length)));
}

bool EndsInNumber(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  bool digits = true;
  for (char c : last) digits = digits && IsAsciiDigit(c);
  if (digits) return true;
  if (last.size() < 2 || last[0] != '0' || ToLowerAscii(last[1]) != 'x') return false;
  for (char c : last.substr(2)) {
    if (!IsHexDigit(c)) return false;
  }
  return true;
}

std::optional<std::string> ParseIpv4Host(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::vector<uint64_t> numbers;
  size_t start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    const std::string_view part = host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
    const std::optional<uint64_t> number = ParseIpv4Number(part);
    if (!number || numbers.size() == 4) return std::nullopt;
    numbers.push_back(*number);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // Every part but the last is one byte; the last fills the bytes left.
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return std::nullopt;
  }
  const unsigned last_bits = 8 * static_cast<unsigned>(5 - numbers.size());
  if (numbers.back() >= (uint64_t{1} << last_bits)) return std::nullopt;
  uint64_t address = numbers.back();
  for (size_t i = 0; i + 1 < numbers.size(); ++i) address += numbers[i] << (8 * (3 - i));
  return std::to_string((address >> 24) & 0xFF) + "." + std::to_string((address >> 16) & 0xFF) + "." +
         std::to_string((address >> 8) & 0xFF) + "." + std::to_string(address & 0xFF);
}

}  // namespace zicht::normalize

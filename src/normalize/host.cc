#include "normalize/host.h"

#include <unicode/uidna.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// Longer than any DNS name (253); bounds the work ICU does per value.
constexpr size_t kMaxHostBytes = 1024;
// The most bytes a host's A-label form may take.
constexpr size_t kMaxAsciiBytes = kMaxHostBytes * 4 + 1;

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

namespace {

// UTS #46 to ASCII through ICU, lower-cased; nullopt when UTS #46 reports an
// error we do not ignore. ICU writes into a buffer on the stack, and only a
// host whose A-labels do not fit asks ICU again with the size it reported
// (a zero-filled 4 KiB vector per call cost ~50 ns, 3% of an IDN URL).
std::optional<std::string> Uts46ToAscii(const UIDNA* idna, std::string_view host) {
  char small[256];
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t length = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()), small,
                                          static_cast<int32_t>(sizeof small), &info, &status);
  std::string out;
  // Longer A-labels than kMaxAsciiBytes stay an error, as they were when
  // ICU wrote into a buffer of that size.
  if (status == U_BUFFER_OVERFLOW_ERROR && static_cast<size_t>(length) <= kMaxAsciiBytes) {
    out.resize(static_cast<size_t>(length));
    status = U_ZERO_ERROR;
    info = UIDNA_INFO_INITIALIZER;
    length = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()), out.data(),
                                    static_cast<int32_t>(out.size()), &info, &status);
  } else if (U_SUCCESS(status)) {
    out.assign(small, static_cast<size_t>(length));
  }
  if (U_FAILURE(status) || (info.errors & ~kIgnoredErrors) != 0) return std::nullopt;
  out.resize(static_cast<size_t>(length));
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

// WHY a memo: UTS #46 costs ~0.8 µs per internationalised host in ICU
// (UTF-8 to UTF-16, mapping, normalisation, bidi checks, punycode, back to
// UTF-8), half of the whole URL normalisation, and reports repeat hosts
// heavily (one phishing site, many victims): the bench's url_idn line went
// from ~1700 to ~800 ns per value with it (median of 3). HOW: per thread, so no lock and no
// sharing (ingest and server threads each warm their own); keyed by the
// host as written, holding its A-label form or nullopt for an invalid name.
// LIMITS: a memo that reaches kMaxIdnaMemoEntries is cleared (bounded, no
// eviction bookkeeping); hosts longer than kMaxIdnaMemoKey are not kept.
// Like the phone-prefix memo (phone_fast_path.cc), it only remembers a
// pure function and is observable only as speed.
constexpr size_t kMaxIdnaMemoEntries = 16384;
constexpr size_t kMaxIdnaMemoKey = 253;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

using IdnaMemo = std::unordered_map<std::string, std::optional<std::string>, StringHash, std::equal_to<>>;

}  // namespace

Result<std::string> DomainToAscii(std::string_view host, std::string_view what) {
  if (!NeedsIdna(host)) return LowerAscii(host);
  const UIDNA* idna = Uts46();
  if (idna == nullptr) return Status::Internal("ICU's UTS #46 could not be loaded");
  if (host.size() > kMaxHostBytes) return Status::InvalidArgument(std::string(what) + " is too long");
  const auto result = [&](const std::optional<std::string>& ascii) -> Result<std::string> {
    if (!ascii) return Status::InvalidArgument(std::string(what) + " is not a valid internationalised domain name");
    return *ascii;
  };
  if (host.size() > kMaxIdnaMemoKey) return result(Uts46ToAscii(idna, host));
  thread_local IdnaMemo memo;
  if (auto it = memo.find(host); it != memo.end()) return result(it->second);
  if (memo.size() >= kMaxIdnaMemoEntries) memo.clear();
  return result(memo.emplace(std::string(host), Uts46ToAscii(idna, host)).first->second);
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

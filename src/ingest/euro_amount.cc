#include "ingest/euro_amount.h"

#include <cctype>
#include <string>

namespace zicht::ingest {
namespace {

constexpr int64_t kMaxCents = 100'000'000'000'000;  // € 1e12, the validator's kMaxDamageEur

bool StartsWithCi(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Drops spaces (ASCII, no-break U+00A0, narrow no-break U+202F, thin U+2009)
// and the currency around the number.
std::string Strip(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    std::string_view rest = text.substr(i);
    if (rest[0] == ' ' || rest[0] == '\t') { ++i; continue; }
    if (rest.starts_with("\xC2\xA0")) { i += 2; continue; }
    if (rest.starts_with("\xE2\x80\xAF") || rest.starts_with("\xE2\x80\x89")) { i += 3; continue; }
    if (rest.starts_with("\xE2\x82\xAC")) { i += 3; continue; }  // €
    if (StartsWithCi(rest, "euro")) { i += 4; continue; }
    if (StartsWithCi(rest, "eur")) { i += 3; continue; }
    out += rest[0];
    ++i;
  }
  // "450,-" and "450.-": whole euros.
  for (std::string_view tail : {",--", ",-", ".-"}) {
    if (out.size() > tail.size() && out.ends_with(tail)) {
      out.resize(out.size() - tail.size());
      break;
    }
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Result<int64_t> ParseEuroAmountCents(std::string_view text) {
  std::string s = Strip(text);
  if (s.empty()) return Status::InvalidArgument("empty");
  if (s[0] == '-') return Status::InvalidArgument("negative");
  if (s[0] == '+') return Status::InvalidArgument("not an amount");
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != ',') {
      return Status::InvalidArgument("not an amount");
    }
  }
  std::string_view whole = s;
  std::string_view fraction;
  char grouping = 0;  // the thousands separator, once known
  size_t last = whole.find_last_of(".,");
  if (last != std::string_view::npos) {
    size_t after = whole.size() - last - 1;
    if (after == 1 || after == 2) {
      fraction = whole.substr(last + 1);
      char decimal = whole[last];
      grouping = decimal == '.' ? ',' : '.';
      whole = whole.substr(0, last);
      if (whole.find(decimal) != std::string_view::npos) {
        return Status::InvalidArgument("two decimal separators");
      }
    } else if (after == 3) {
      grouping = whole[last];
    } else if (after == 0) {
      return Status::InvalidArgument("not an amount");
    } else {
      return Status::InvalidArgument("more than two decimals");
    }
  }
  if (whole.empty()) whole = "0";  // ",50"
  // Digit groups: the first 1-3 digits, every later one exactly 3.
  std::string digits;
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t sep = whole.find_first_of(".,", start);
    std::string_view group = whole.substr(start, sep == std::string_view::npos ? std::string_view::npos : sep - start);
    if (!AllDigits(group) || (!first && group.size() != 3) ||
        (first && sep != std::string_view::npos && group.size() > 3)) {
      return Status::InvalidArgument("digit groups are not thousands");
    }
    digits += group;
    first = false;
    if (sep == std::string_view::npos) break;
    if (whole[sep] != grouping) return Status::InvalidArgument("digit groups are not thousands");
    start = sep + 1;
  }
  if (!fraction.empty() && !AllDigits(fraction)) return Status::InvalidArgument("not an amount");
  if (digits.size() > 13) return Status::InvalidArgument("larger than 1e12");
  int64_t cents = std::stoll(digits) * 100;
  if (fraction.size() == 1) cents += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) cents += (fraction[0] - '0') * 10 + (fraction[1] - '0');
  if (cents > kMaxCents) return Status::InvalidArgument("larger than 1e12");
  return cents;
}

}  // namespace zicht::ingest

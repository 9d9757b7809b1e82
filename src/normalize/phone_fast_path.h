#pragma once
// The fast path for the most common phone spellings in reports: a 9-digit
// national significant number (NSN) of the Netherlands or Belgium.
//   NL: "0612345678", "06-12345678", "06 1234 5678", "+31612345678",
//       "+31 6 12345678", "0031 6 12345678", "+31 (0)6 12345678";
//   BE: only internationally written: "+32 470 12 34 56", "0032470123456",
//       "+32 (0)470 123456" (a national "0470…" is read as Dutch, as
//       libphonenumber does with region NL);
// spaces, '-' and '.' anywhere between the digits.
//
// WHY: libphonenumber's Parse() costs 13-40 µs and IsValidNumber() alone
// 2-15 µs per value on the reference box (more when both cores are busy);
// ingest must normalise ~2M phone values in a few seconds.
//
// HOW: the spelling is recognised by a hand-written scanner (no regex) that
// yields country and NSN. For 9-digit NSNs of these two countries, validity
// in libphonenumber's metadata depends only on the leading digits (Dutch
// area codes, 6[1-58] mobiles, 8[47]…; Belgian 4[5-9] mobiles; measured: no
// 3-digit prefix mixes valid and invalid numbers). So validity is asked of
// libphonenumber once per 4-digit prefix and memoised in a table of atomics;
// the E.164 form of a valid number is "+" + country code + NSN.
//
// LIMITS: anything else (other countries, other NSN lengths such as 0800 and
// 0900 numbers or Belgian fixed lines, letters, extensions, "+31 06…")
// returns nullopt and goes to libphonenumber. phone_test.cc proves, over
// numbers with every 3-digit prefix in every spelling above, that the fast
// path gives exactly libphonenumber's answer; it must pass again whenever
// libphonenumber (its metadata) is upgraded.
//
// Thread-safety: thread-safe; the memo is relaxed atomics whose entries only
// ever go from "unknown" to one fixed answer.
#include <cstdint>
#include <optional>
#include <string_view>

namespace zicht::normalize {

struct FastPhone {
  uint32_t country_code = 0;  // 31 or 32
  uint32_t nsn = 0;           // 9 digits, first digit 1-9

  bool operator==(const FastPhone&) const = default;
};

//! Country and NSN when `text` is one of the simple spellings above, else
//! nullopt. Pure scanner, no validity check.
std::optional<FastPhone> ScanFastPathPhone(std::string_view text);

//! Whether libphonenumber considers `phone` a valid number (memoised per
//! country and 4-digit prefix). REQUIRES: `phone` came from ScanFastPathPhone.
bool FastPathNumberValid(const FastPhone& phone);

}  // namespace zicht::normalize

#pragma once
// The fast path for the most common phone spellings in Dutch reports: a
// 9-digit Dutch national number written as "0612345678", "06-12345678",
// "06 1234 5678", "+31612345678", "+31 6 12345678", "0031 6 12345678" or
// "+31 (0)6 12345678" (spaces, '-' and '.' anywhere between digits).
//
// WHY: libphonenumber's Parse() costs ~13 µs and IsValidNumber() alone ~4 µs
// per value; ingest must normalise ~2M phone values in a few seconds.
//
// HOW: the spelling is recognised by a hand-written scanner (no regex) that
// yields the national significant number (NSN). Whether a 9-digit NSN is a
// valid Dutch number depends, in libphonenumber's metadata for NL, only on
// its leading digits (fixed-line area codes, 6[1-58] mobile, 8[47] etc.;
// measured: no 3-digit prefix mixes valid and invalid numbers). So validity
// is asked of libphonenumber once per 4-digit prefix and memoised in a table
// of 9000 atomics; the E.164 form of a valid NSN is "+31" + NSN.
//
// LIMITS: anything else (foreign numbers, 0800/0900 numbers of other lengths,
// letters, extensions, "+31 06…") returns nullopt and goes to libphonenumber.
// phone_test.cc proves, over many generated numbers in every spelling above,
// that the fast path gives exactly libphonenumber's answer; it must be rerun
// when libphonenumber's metadata changes.
//
// Thread-safety: thread-safe; the memo is a table of relaxed atomics whose
// entries only ever go from "unknown" to one fixed answer.
#include <cstdint>
#include <optional>
#include <string_view>

namespace zicht::normalize {

//! The 9-digit Dutch NSN (first digit 1-9) when `text` is one of the simple
//! spellings above, else nullopt. Pure scanner, no validity check.
std::optional<uint32_t> ScanDutchNationalNumber(std::string_view text);

//! Whether libphonenumber considers +31 `nsn` a valid number (memoised per
//! 4-digit prefix). REQUIRES: 100000000 <= nsn <= 999999999.
bool DutchNumberValid(uint32_t nsn);

}  // namespace zicht::normalize

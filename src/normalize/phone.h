#pragma once
// Phone numbers to E.164 ("+31612345678") with Google's libphonenumber,
// the Netherlands as the default region (docs/design.md, "Normalisation"):
// "06-12345678", "0031 6 1234 5678", "+31 (0)6 12345678", "0612345678" and
// "+31612345678" are one number. A number libphonenumber does not consider
// valid for its country (wrong length, unassigned range) is an error.
//
// Cost: libphonenumber's parser costs 13-40 µs per value on the reference
// box, too slow for ingest (2M phone values per 1M reports). Plain Dutch
// and Belgian spellings therefore take a fast path (phone_fast_path.h) that
// gives the same answer for a fraction of the cost; everything else goes to
// libphonenumber.
//
// Thread-safety: thread-safe (libphonenumber's PhoneNumberUtil is a
// read-only singleton; the fast path's memo uses atomics).
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::normalize {

//! The E.164 form, or kInvalidArgument naming the problem ("not a phone
//! number", "phone number is too short", "phone number is not a valid number
//! for its country", "unknown country calling code").
Result<std::string> NormalizePhone(std::string_view raw);

//! The same, always through libphonenumber's parser (no fast path). Tests
//! use it to prove that the fast path agrees.
Result<std::string> NormalizePhoneWithLibphonenumberForTest(std::string_view raw);

}  // namespace zicht::normalize

#pragma once
// IBAN normalisation and validation (ISO 13616, check digits ISO 7064
// MOD 97-10).
//
// Canonical form: upper case, no separators ("NL91ABNA0417164300"). The input
// may carry spaces, '-' or '.' between groups and a leading "IBAN" label
// ("IBAN: nl91 abna 0417 1643 00"); anything else that is not a letter or a
// digit is an error. The country must be in the SWIFT IBAN Registry
// (iban_registry.h), the IBAN must have that country's exact length and
// its national part (BBAN) the country's structure, and the check digits
// must be 02..98 (ISO 13616) and pass MOD 97-10.
//
// Thread-safety: pure function.
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::normalize {

//! The canonical IBAN, or kInvalidArgument with one of:
//!   "IBAN contains '%', only letters and digits are allowed"
//!   "IBAN must start with a two-letter country code"
//!   "unknown IBAN country code 'XX'"
//!   "IBAN for NL must have 18 characters, got 17"
//!   "IBAN check digits (characters 3 and 4) must be digits"
//!   "IBAN check digits must be between 02 and 98"
//!   "IBAN for NL must have 4 letters, then 10 digits after the check digits"
//!   "IBAN check digits do not match"
Result<std::string> NormalizeIban(std::string_view raw);

//! True when `iban` (upper case, no separators, only letters and digits)
//! passes ISO 7064 MOD 97-10: moved to the back, letters as 10..35, the
//! number modulo 97 is 1.
bool IbanChecksumValid(std::string_view iban);

}  // namespace zicht::normalize

#pragma once
// Synthetic IBANs with correct ISO 7064 mod-97 check digits, at real Dutch
// bank codes (and a few foreign banks money mules like), each one unique.
//
// Uniqueness matters more than it seems: if two unrelated synthetic reports
// drew the same IBAN by chance they would link, and at 10M reports chance
// collisions would glue the planted networks into one giant component. So an
// IBAN is not drawn at random but derived from a counter through a bijection
// (an affine permutation of the account-number space, keyed by the seed):
// every call returns a new account number that still looks random.
//
// Thread-safety: none (holds counters).
#include <cstdint>
#include <string>
#include <string_view>

#include "generate/random.h"

namespace zicht::generate {

//! The mod-97 remainder of an IBAN in compact form (upper case, no spaces),
//! computed as ISO 13616 says (first four characters moved to the end,
//! letters as 10..35). A valid IBAN gives 1.
int IbanMod97(std::string_view compact);

class IbanMaker {
 public:
  explicit IbanMaker(uint64_t seed);

  //! A new Dutch IBAN, compact ("NL91ABNA0417164300"), at a bank drawn by
  //! market share; `mule` shifts the mix towards app-only banks.
  std::string NextDutch(Rng& rng, bool mule);

  //! A new foreign IBAN (DE, BE or LT), compact.
  std::string NextForeign(Rng& rng);

  //! The same IBAN as a person would type it: grouped by four, lower case,
  //! without spaces, with stray spaces around it, … Never changes the
  //! characters, only case and spaces, so normalisation gives `compact` back.
  static void AppendMessy(Rng& rng, std::string_view compact, std::string* out);

  //! `compact` with one digit of the account number changed: mod-97 catches
  //! every single-digit error, so the result is always invalid.
  static std::string WithTypo(Rng& rng, std::string compact);

 private:
  uint64_t nl_counter_ = 0, de_counter_ = 0, be_counter_ = 0, lt_counter_ = 0;
  uint64_t nl_mul_, nl_add_, de_mul_, de_add_, be_mul_, be_add_, lt_mul_, lt_add_;
};

//! Appends `value` to `out` as exactly `width` decimal digits (leading zeros).
void AppendDigits(uint64_t value, int width, std::string* out);

//! x ↦ (mul·x + add) mod `space`, a bijection on [0, space) when mul is coprime
//! with `space`. Used to turn counters into unique random-looking numbers.
uint64_t Permute(uint64_t x, uint64_t mul, uint64_t add, uint64_t space);

//! A multiplier coprime with 2 and 5 (so with every 2^a·5^b space), drawn
//! from `rng`, below `space`.
uint64_t CoprimeMultiplier(Rng& rng, uint64_t space);

}  // namespace zicht::generate

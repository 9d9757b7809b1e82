#pragma once
// Synthetic phone numbers: valid Dutch mobile numbers (06-1… to 06-5…) and
// a few Belgian mobiles, unique per call, written the many ways people write
// them; plus the real service numbers of Dutch banks and the police that
// bank-helpdesk fraudsters show as caller ID (role `spoofed`).
//
// Unique for the same reason as IbanMaker: a chance collision between two
// unrelated reports would link them. Numbers come from a counter through a
// seeded bijection of the number space (5·10^7 Dutch mobiles), so they look
// random but never repeat within one run (up to 50M numbers).
//
// Thread-safety: none (holds counters).
#include <cstdint>
#include <string>
#include <string_view>

#include "generate/random.h"

namespace zicht::generate {

//! A phone number in a form we can re-spell: country and national
//! significant number ("31", "612345678").
struct Phone {
  std::string_view country;  // "31" or "32"
  std::string nsn;
};

class PhoneMaker {
 public:
  explicit PhoneMaker(uint64_t seed);

  //! A new Dutch mobile number.
  Phone NextDutchMobile();

  //! A new Belgian mobile number (04xx).
  Phone NextBelgianMobile();

  //! `phone` as a person writes it: "06-12345678", "0031 6 12345678",
  //! "+31 (0)6 12345678", "06 1234 5678", … All parse to the same E.164.
  static void AppendMessy(Rng& rng, const Phone& phone, std::string* out);

  //! A real service number of a Dutch bank or the police, as shown on the
  //! victim's screen when it is spoofed. Written in one of a few spellings.
  static std::string_view SpoofedServiceNumber(Rng& rng);

 private:
  uint64_t nl_counter_ = 0, be_counter_ = 0;
  uint64_t nl_mul_, nl_add_, be_mul_, be_add_;
};

}  // namespace zicht::generate

#pragma once
// Synthetic online identifiers: device fingerprints, phishing domains,
// marketplace/social handles, e-mail addresses and crypto addresses. Each
// call returns a value never returned before in this run (see IbanMaker for
// why uniqueness matters), derived from a counter through a bijective mixer.
//
// Domains are on the reserved `.example` top-level domain (RFC 2606), so no
// generated URL ever points at a real site or a real brand.
//
// Thread-safety: none (holds counters).
#include <cstdint>
#include <string>

#include "generate/random.h"

namespace zicht::generate {

class OnlineIdMaker {
 public:
  explicit OnlineIdMaker(uint64_t seed) : key_(seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL) {}

  //! "fp:9f2c4e0a1b2c3d4e" — a browser/app fingerprint hash.
  std::string NextDevice();

  //! "veilig-betalen-nl4f.example" — a registrable domain for a fake shop,
  //! phishing kit or payment-request page.
  std::string NextDomain(Rng& rng);

  //! "sanne_1987x" — a marketplace or social-media user name.
  std::string NextHandle(Rng& rng);

  //! "m.devries83@mailbox.example" — a throwaway address.
  std::string NextEmail(Rng& rng);

  //! "0x" + 40 hex digits (an Ethereum-style address), or a bc1q… address.
  std::string NextCrypto(Rng& rng);

 private:
  uint64_t Mix(uint64_t counter) const;  // bijective in counter

  uint64_t key_;
  uint64_t device_counter_ = 0, domain_counter_ = 0, handle_counter_ = 0, email_counter_ = 0,
           crypto_counter_ = 0;
};

}  // namespace zicht::generate

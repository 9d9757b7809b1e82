#include "generate/phone_maker.h"

#include <array>

#include "generate/iban_maker.h"

namespace zicht::generate {
namespace {

// Dutch mobile numbers are 06 + 8 digits; the blocks 061–065 are issued to
// operators (066 is pagers, 067 data, 068 partly, 069 M2M), so only those.
constexpr uint64_t kDutchMobileSpace = 50'000'000ULL;  // 6[1-5] + 7 digits
// Belgian mobiles: 047x–049x (3 blocks of 10^7).
constexpr uint64_t kBelgianMobileSpace = 30'000'000ULL;

// Real numbers of Dutch banks' and the police's service desks, in the
// spellings victims copy from their screen. They are spoofed, never the
// fraudster's: the linker must not join reports on them.
constexpr std::array<std::string_view, 14> kServiceNumbers{
    "020 228 8800",     "020-2288800",   "+31 20 228 8800", "0202288800",  // ING
    "088 722 6767",     "088-7226767",   "+31887226767",                    // Rabobank
    "0900 0024",        "0900-0024",                                         // ABN AMRO
    "030 633 3000",     "+31 30 633 3000",                                   // SNS
    "0900 8844",        "0900-8844",                                         // Politie
    "088 786 7372",                                                          // Fraudehelpdesk
};

}  // namespace

PhoneMaker::PhoneMaker(uint64_t seed) {
  Rng rng(seed ^ 0x9e37'79b9'0600'0006ULL);
  nl_mul_ = CoprimeMultiplier(rng, kDutchMobileSpace);
  nl_add_ = rng.Below(kDutchMobileSpace);
  be_mul_ = CoprimeMultiplier(rng, kBelgianMobileSpace);
  be_add_ = rng.Below(kBelgianMobileSpace);
}

Phone PhoneMaker::NextDutchMobile() {
  uint64_t v = Permute(nl_counter_++, nl_mul_, nl_add_, kDutchMobileSpace);
  Phone p{"31", "6"};
  p.nsn.push_back(static_cast<char>('1' + v / 10'000'000));
  AppendDigits(v % 10'000'000, 7, &p.nsn);
  return p;
}

Phone PhoneMaker::NextBelgianMobile() {
  uint64_t v = Permute(be_counter_++, be_mul_, be_add_, kBelgianMobileSpace);
  Phone p{"32", "4"};
  p.nsn.push_back(static_cast<char>('7' + v / 10'000'000));
  AppendDigits(v % 10'000'000, 7, &p.nsn);
  return p;
}

void PhoneMaker::AppendMessy(Rng& rng, const Phone& phone, std::string* out) {
  std::string_view nsn = phone.nsn;  // "612345678"
  if (phone.country != "31") {
    // Foreign numbers are written internationally: "+32 470 12 34 56" or "+32470123456".
    out->push_back('+');
    out->append(phone.country);
    if (rng.Chance(0.5)) {
      out->append(nsn);
    } else {
      out->push_back(' ');
      out->append(nsn.substr(0, 3));
      for (size_t i = 3; i < nsn.size(); i += 2) {
        out->push_back(' ');
        out->append(nsn.substr(i, 2));
      }
    }
    return;
  }
  std::string_view rest = nsn.substr(1);  // the 8 digits after "6"
  auto split4 = [&] {
    out->append(rest.substr(0, 4));
    out->push_back(' ');
    out->append(rest.substr(4));
  };
  switch (rng.Below(12)) {
    case 0: case 1: out->append("06-"); out->append(rest); break;      // 06-12345678
    case 2: case 3: out->append("06"); out->append(rest); break;       // 0612345678
    case 4: out->append("06 "); out->append(rest); break;              // 06 12345678
    case 5: out->append("06 "); split4(); break;                       // 06 1234 5678
    case 6: out->append("+316"); out->append(rest); break;             // +31612345678
    case 7: out->append("+31 6 "); out->append(rest); break;           // +31 6 12345678
    case 8: out->append("0031 6 "); out->append(rest); break;          // 0031 6 12345678
    case 9: out->append("+31 (0)6 "); out->append(rest); break;        // +31 (0)6 12345678
    case 10: out->append("+31 6 "); split4(); break;                   // +31 6 1234 5678
    default: out->append("06-"); split4(); break;                      // 06-1234 5678
  }
}

std::string_view PhoneMaker::SpoofedServiceNumber(Rng& rng) { return PickFrom(rng, kServiceNumbers); }

}  // namespace zicht::generate

#include "generate/iban_maker.h"

#include <array>

namespace zicht::generate {
namespace {

struct Bank {
  std::string_view code;
  double share;       // of ordinary accounts
  double mule_share;  // of money-mule accounts: quick online opening wins
};

// Dutch bank codes (the 4 letters of the BIC in an NL IBAN). Shares are
// rough market shares of current accounts; mules skew to banks where an
// account is opened in minutes from a phone.
constexpr std::array<Bank, 9> kDutchBanks{{
    {"INGB", 36, 30},
    {"RABO", 26, 14},
    {"ABNA", 20, 12},
    {"SNSB", 6, 6},
    {"ASNB", 3, 2},
    {"RBRB", 2, 3},
    {"TRIO", 1, 1},
    {"BUNQ", 4, 20},
    {"KNAB", 2, 12},
}};

constexpr uint64_t kTenPow10 = 10'000'000'000ULL;
constexpr uint64_t kTenPow11 = 100'000'000'000ULL;
constexpr uint64_t kTenPow7 = 10'000'000ULL;

// German bank codes (Bankleitzahl) of banks that open accounts online.
constexpr std::array<std::string_view, 4> kGermanBlz{"10011001", "50010517", "12030000", "10010010"};
// Belgian bank-code prefixes (first 3 digits of the BBAN).
constexpr std::array<std::string_view, 4> kBelgianBanks{"967", "001", "063", "363"};
// Lithuanian bank codes: e-money institutions popular with mules.
constexpr std::array<std::string_view, 3> kLithuanianBanks{"32500", "70440", "73000"};

// Writes the two check digits of `compact` (whose positions 2-3 are "00").
void FillCheckDigits(std::string* compact) {
  (*compact)[2] = '0';
  (*compact)[3] = '0';
  int check = 98 - IbanMod97(*compact);
  (*compact)[2] = static_cast<char>('0' + check / 10);
  (*compact)[3] = static_cast<char>('0' + check % 10);
}

}  // namespace

int IbanMod97(std::string_view compact) {
  int rem = 0;
  auto feed = [&rem](char c) {
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + (c - '0')) % 97;
    } else {
      int v = (c >= 'a' ? c - 'a' : c - 'A') + 10;
      rem = (rem * 100 + v) % 97;
    }
  };
  for (size_t i = 4; i < compact.size(); ++i) feed(compact[i]);
  for (size_t i = 0; i < 4 && i < compact.size(); ++i) feed(compact[i]);
  return rem;
}

void AppendDigits(uint64_t value, int width, std::string* out) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->append(buf, static_cast<size_t>(width));
}

uint64_t Permute(uint64_t x, uint64_t mul, uint64_t add, uint64_t space) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(x % space) * mul + add) % space);
}

uint64_t CoprimeMultiplier(Rng& rng, uint64_t space) {
  for (;;) {
    uint64_t m = space / 3 + rng.Below(space / 2);
    if (m % 2 != 0 && m % 5 != 0) return m;
  }
}

IbanMaker::IbanMaker(uint64_t seed) {
  Rng rng(seed ^ 0x1ba9'0000'1ba9ULL);
  nl_mul_ = CoprimeMultiplier(rng, kTenPow10);
  nl_add_ = rng.Below(kTenPow10);
  de_mul_ = CoprimeMultiplier(rng, kTenPow10);
  de_add_ = rng.Below(kTenPow10);
  be_mul_ = CoprimeMultiplier(rng, kTenPow7);
  be_add_ = rng.Below(kTenPow7);
  lt_mul_ = CoprimeMultiplier(rng, kTenPow11);
  lt_add_ = rng.Below(kTenPow11);
}

std::string IbanMaker::NextDutch(Rng& rng, bool mule) {
  double total = 0;
  for (const Bank& b : kDutchBanks) total += mule ? b.mule_share : b.share;
  double r = rng.Unit() * total;
  std::string_view code = kDutchBanks.back().code;
  for (const Bank& b : kDutchBanks) {
    double w = mule ? b.mule_share : b.share;
    if (r < w) {
      code = b.code;
      break;
    }
    r -= w;
  }
  std::string out = "NL00";
  out.append(code);
  AppendDigits(Permute(nl_counter_++, nl_mul_, nl_add_, kTenPow10), 10, &out);
  FillCheckDigits(&out);
  return out;
}

std::string IbanMaker::NextForeign(Rng& rng) {
  std::string out;
  uint64_t which = rng.Below(10);
  if (which < 4) {  // DE: 8-digit BLZ + 10-digit account
    out = "DE00";
    out.append(PickFrom(rng, kGermanBlz));
    AppendDigits(Permute(de_counter_++, de_mul_, de_add_, kTenPow10), 10, &out);
  } else if (which < 7) {  // BE: 3-digit bank + 7-digit account + 2 national check digits
    out = "BE00";
    std::string bban(PickFrom(rng, kBelgianBanks));
    AppendDigits(Permute(be_counter_++, be_mul_, be_add_, kTenPow7), 7, &bban);
    uint64_t national = std::stoull(bban) % 97;
    if (national == 0) national = 97;
    AppendDigits(national, 2, &bban);
    out += bban;
  } else {  // LT: 5-digit bank + 11-digit account
    out = "LT00";
    out.append(PickFrom(rng, kLithuanianBanks));
    AppendDigits(Permute(lt_counter_++, lt_mul_, lt_add_, kTenPow11), 11, &out);
  }
  FillCheckDigits(&out);
  return out;
}

void IbanMaker::AppendMessy(Rng& rng, std::string_view compact, std::string* out) {
  uint64_t style = rng.Below(100);
  auto grouped = [&](bool lower) {
    for (size_t i = 0; i < compact.size(); ++i) {
      if (i > 0 && i % 4 == 0) out->push_back(' ');
      char c = compact[i];
      out->push_back(lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  };
  if (style < 40) {  // NL91ABNA0417164300
    out->append(compact);
  } else if (style < 75) {  // NL91 ABNA 0417 1643 00
    grouped(false);
  } else if (style < 83) {  // nl91abna0417164300
    for (char c : compact) out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  } else if (style < 88) {  // nl91 abna 0417 1643 00
    grouped(true);
  } else if (style < 93) {  // NL 91 ABNA 0417164300
    out->append(compact.substr(0, 2));
    out->push_back(' ');
    out->append(compact.substr(2, 2));
    out->push_back(' ');
    out->append(compact.substr(4, 4));
    out->push_back(' ');
    out->append(compact.substr(8));
  } else {  // " NL91ABNA0417164300 " — pasted with whitespace around it
    out->push_back(' ');
    out->append(compact);
    out->push_back(' ');
  }
}

std::string IbanMaker::WithTypo(Rng& rng, std::string compact) {
  // The last digit is always a digit in every country generated here.
  size_t pos = compact.size() - 1 - rng.Below(4);
  char c = compact[pos];
  if (c < '0' || c > '9') pos = compact.size() - 1, c = compact[pos];
  compact[pos] = static_cast<char>('0' + (c - '0' + 1 + rng.Below(9)) % 10);
  return compact;
}

}  // namespace zicht::generate

#include "generate/online_id_maker.h"

#include <array>
#include <string_view>

#include "common/encoding.h"
#include "generate/iban_maker.h"

namespace zicht::generate {
namespace {

constexpr char kBase36[] = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr char kBech32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

// Words phishing and fake-shop domains are made of (Dutch, generic; never a
// brand name).
constexpr std::array<std::string_view, 24> kDomainFirst{
    "veilig",  "mijn",   "snel",    "betaal",  "pakket",  "bezorg",  "klant",   "account",
    "verifieer", "digitaal", "online", "service", "support", "check",  "update",  "beveilig",
    "retour",  "outlet", "korting", "deal",    "shop",    "webwinkel", "invest", "crypto"};
constexpr std::array<std::string_view, 20> kDomainSecond{
    "betalen", "bankieren", "verzoek", "status",  "portaal", "login",   "center",  "zone",
    "nl",      "direct",    "hulp",    "toegang", "controle", "winkel", "markt",   "store",
    "sale",    "groei",     "rendement", "wallet"};
constexpr std::array<std::string_view, 24> kFirstNames{
    "sanne", "daan",  "emma",  "lucas", "julia", "milan", "lisa", "bram",  "anouk", "thijs",
    "fleur", "jesse", "noah",  "sophie", "kevin", "laura", "mark", "eva",  "tim",   "iris",
    "ahmed", "fatima", "mohamed", "priya"};
constexpr std::array<std::string_view, 12> kSurnames{
    "devries", "jansen", "bakker", "visser", "smit", "meijer", "dejong", "mulder", "bos",
    "vandijk", "yilmaz", "elamrani"};
constexpr std::array<std::string_view, 4> kMailDomains{
    "mailbox.example", "webpost.example", "snelmail.example", "postvak.example"};

void AppendBase36(uint64_t v, std::string* out) {
  char buf[16];
  int n = 0;
  do {
    buf[n++] = kBase36[v % 36];
    v /= 36;
  } while (v != 0);
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

// splitmix64's finaliser: a bijection on 64 bits, so distinct counters give
// distinct outputs.
uint64_t OnlineIdMaker::Mix(uint64_t counter) const {
  uint64_t z = counter + key_;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string OnlineIdMaker::NextDevice() {
  uint64_t v = Mix(device_counter_++);
  std::string out = "fp:";
  AppendHexUint(v, 16, &out);
  return out;
}

std::string OnlineIdMaker::NextDomain(Rng& rng) {
  std::string out(PickFrom(rng, kDomainFirst));
  out.push_back('-');
  out.append(PickFrom(rng, kDomainSecond));
  // The counter in base 36 makes the domain unique; it reads like the random
  // suffix real phishing kits add.
  out.push_back('-');
  AppendBase36(domain_counter_++ + 36 * 36, &out);
  out.append(".example");
  return out;
}

std::string OnlineIdMaker::NextHandle(Rng& rng) {
  std::string out(PickFrom(rng, kFirstNames));
  out.push_back(rng.Chance(0.5) ? '_' : '.');
  // Two digits like a birth year, then the counter: unique, and reads like
  // the names people pick when theirs is taken.
  AppendDigits(static_cast<uint64_t>(rng.Between(60, 109) % 100), 2, &out);
  AppendBase36(handle_counter_++ + 36, &out);
  return out;
}

std::string OnlineIdMaker::NextEmail(Rng& rng) {
  std::string out;
  out.push_back(PickFrom(rng, kFirstNames)[0]);
  out.push_back('.');
  out.append(PickFrom(rng, kSurnames));
  AppendBase36(email_counter_++ + 1296, &out);
  out.push_back('@');
  out.append(PickFrom(rng, kMailDomains));
  return out;
}

std::string OnlineIdMaker::NextCrypto(Rng& rng) {
  // Offset so a crypto address never starts like a device fingerprint.
  uint64_t a = Mix(crypto_counter_++ + (uint64_t{1} << 62));
  uint64_t b = rng.Bits();
  uint64_t c = rng.Bits();
  std::string out;
  if (rng.Chance(0.6)) {
    out = "0x";
    for (uint64_t v : {a, b}) AppendHexUint(v, 16, &out);
    AppendHexUint(c, 8, &out);
  } else {
    out = "bc1q";
    for (uint64_t v : {a, b, c}) {
      for (int shift = 60; shift >= 0; shift -= 5) out.push_back(kBech32[(v >> shift) & 0x1f]);
    }
    out.resize(42);
  }
  return out;
}

}  // namespace zicht::generate

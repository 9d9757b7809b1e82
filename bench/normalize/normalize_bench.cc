// Single-thread cost per value of Normalize() for each kind, on generated
// values in the spellings reports use. Prints "<name> <ns per value>" lines
// for bench/parts/10-normalize.sh.
//   normalize_bench [VALUES-PER-KIND [NAME]]
// With NAME (e.g. url_idn) only that line is measured, for `perf record`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <cstring>
#include <string>
#include <vector>

#include "normalize/normalize.h"

namespace {

using zicht::model::IdentifierKind;

double NanosPerValue(IdentifierKind kind, const std::vector<std::string>& values, int* valid) {
  const auto start = std::chrono::steady_clock::now();
  int ok = 0;
  for (const std::string& value : values) ok += zicht::normalize::Normalize(kind, value).ok() ? 1 : 0;
  const auto end = std::chrono::steady_clock::now();
  *valid = ok;
  return std::chrono::duration<double, std::nano>(end - start).count() / static_cast<double>(values.size());
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000000;
  const char* only = argc > 2 ? argv[2] : nullptr;
  const auto wanted = [only](const char* name) { return only == nullptr || std::strcmp(only, name) == 0; };
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> digits8(10000000, 99999999);
  const char* formats[] = {"06-%d", "06%d", "+316%d", "0031 6 %d", "+31 (0)6 %d", "06 %d"};
  std::vector<std::string> dutch;
  std::vector<std::string> mixed;
  for (int i = 0; i < n; ++i) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), formats[i % 6], digits8(rng));
    dutch.push_back(buf);
    if (i % 10 == 0) {
      std::snprintf(buf, sizeof(buf), "+32 470 %06d", digits8(rng) % 1000000);  // 10% foreign
      mixed.push_back(buf);
    } else {
      mixed.push_back(dutch.back());
    }
  }
  std::vector<std::string> ibans(static_cast<size_t>(n), "NL91 ABNA 0417 1643 00");
  // 5,000 distinct hosts: every host is seen ~200 times, as a phishing site
  // is reported by many victims; the first sight of each pays libpsl's cost.
  std::vector<std::string> urls;
  for (int i = 0; i < n; ++i) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "HTTPS://Login.Betaal-Nu-%d.example:443/pay?id=%d#top", i % 5000, i);
    urls.push_back(buf);
  }
  // Internationalised hosts take ICU's UTS #46 path (host.h); 5,000 of them.
  std::vector<std::string> idn_urls;
  for (int i = 0; i < n; ++i) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "https://Bücher-%d.MÜNCHEN.example/p?id=%d", i % 5000, i);
    idn_urls.push_back(buf);
  }
  std::vector<std::string> emails(static_cast<size_t>(n), " Jan.Jansen@Example.NL ");
  int valid = 0;
  if (wanted("phone_dutch")) std::printf("phone_dutch %.0f\n", NanosPerValue(IdentifierKind::kPhone, dutch, &valid));
  if (wanted("phone_mixed")) std::printf("phone_mixed %.0f\n", NanosPerValue(IdentifierKind::kPhone, mixed, &valid));
  if (wanted("iban")) std::printf("iban %.0f\n", NanosPerValue(IdentifierKind::kIban, ibans, &valid));
  if (wanted("url")) std::printf("url %.0f\n", NanosPerValue(IdentifierKind::kUrl, urls, &valid));
  if (wanted("url_idn")) std::printf("url_idn %.0f\n", NanosPerValue(IdentifierKind::kUrl, idn_urls, &valid));
  if (wanted("email")) std::printf("email %.0f\n", NanosPerValue(IdentifierKind::kEmail, emails, &valid));
  return 0;
}

#include "normalize/phone.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "normalize/phone_fast_path.h"
#include "normalize/threads_test_util.h"

namespace zicht::normalize {
namespace {

std::string Norm(const std::string& raw) {
  Result<std::string> result = NormalizePhone(raw);
  return result.ok() ? *result : "ERROR: " + result.status().message();
}

TEST(PhoneTest, DutchMobileInEveryCommonSpelling) {
  for (const char* spelling :
       {"06-12345678", "0612345678", "06 12345678", "06 1234 5678", "06 12 34 56 78", "06-1234 5678",
        "06.12.34.56.78", "(06) 12345678", "(06)-12345678", "0031 6 1234 5678", "0031612345678",
        "0031-6-12345678", "+31612345678", "+31 6 12345678", "+31 6 1234 5678", "+31 (0)6 12345678",
        "+31(0)612345678", "+31 (0) 6-12345678", "0031 (0)6 12345678", "+31-6-12345678",
        "  +31612345678\t", "+310612345678", "+31 06 12345678", "tel: 06-12345678",
        "\xef\xbc\x90\xef\xbc\x96-12345678" /* full-width digits "０６" */}) {
    EXPECT_EQ(Norm(spelling), "+31612345678") << spelling;
  }
}

TEST(PhoneTest, DutchFixedLineAndServiceNumbers) {
  EXPECT_EQ(Norm("020-1234567"), "+31201234567");
  EXPECT_EQ(Norm("020 123 4567"), "+31201234567");
  EXPECT_EQ(Norm("+31 20 123 4567"), "+31201234567");
  EXPECT_EQ(Norm("010-1234567"), "+31101234567");
  EXPECT_EQ(Norm("070 - 123 45 67"), "+31701234567");
  EXPECT_EQ(Norm("0800-1234"), "+318001234");
  EXPECT_EQ(Norm("0900-1234567"), "+319001234567");
  EXPECT_EQ(Norm("085-1234567"), "+31851234567");
}

TEST(PhoneTest, ForeignNumbers) {
  EXPECT_EQ(Norm("+32 470 12 34 56"), "+32470123456");
  EXPECT_EQ(Norm("0032 470 12 34 56"), "+32470123456");
  EXPECT_EQ(Norm("+49 30 12345678"), "+493012345678");
  EXPECT_EQ(Norm("+44 20 7946 0958"), "+442079460958");
  EXPECT_EQ(Norm("+1 650-253-0000"), "+16502530000");
  EXPECT_EQ(Norm("+234 803 123 4567"), "+2348031234567");
  EXPECT_EQ(Norm("+33 6 12 34 56 78"), "+33612345678");
}

TEST(PhoneTest, InvalidNumbers) {
  for (const char* bad : {"06-1234567", "06-123456789", "12345", "0612", "abc", "+999 12345678",
                          "+31 6", "", "0000000000000000000000000000", "06-12345678 (WhatsApp)",
                          "06-1234567a"}) {
    Result<std::string> result = NormalizePhone(bad);
    EXPECT_FALSE(result.ok()) << bad << " gave " << (result.ok() ? *result : "");
    if (!result.ok()) {
      EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << bad;
      EXPECT_FALSE(result.status().message().empty());
    }
  }
  // Never a valid Dutch prefix: 0 after the trunk prefix, and 06-0.
  EXPECT_FALSE(NormalizePhone("06-01234567").ok());
  EXPECT_FALSE(NormalizePhone("+31 0 12345678").ok());
}

TEST(PhoneFastPathTest, ScannerRecognisesOnlySimpleShapes) {
  const FastPhone nl{31, 612345678};
  EXPECT_EQ(ScanFastPathPhone("0612345678"), nl);
  EXPECT_EQ(ScanFastPathPhone("06-12 34.5678"), nl);
  EXPECT_EQ(ScanFastPathPhone("+31612345678"), nl);
  EXPECT_EQ(ScanFastPathPhone("0031612345678"), nl);
  EXPECT_EQ(ScanFastPathPhone("+31 (0)6 12345678"), nl);
  EXPECT_EQ(ScanFastPathPhone("0031(0)612345678"), nl);
  const FastPhone be{32, 470123456};
  EXPECT_EQ(ScanFastPathPhone("+32 470 12 34 56"), be);
  EXPECT_EQ(ScanFastPathPhone("0032470123456"), be);
  EXPECT_EQ(ScanFastPathPhone("+32 (0)470 123456"), be);
  EXPECT_EQ(ScanFastPathPhone("0470123456"), (FastPhone{31, 470123456}));  // national = Dutch
  for (const char* other : {"", "+", "+33612345678", "+3247012345", "061234567", "06123456789", "0012345678",
                            "(0)612345678", "0(0)612345678", "+31(0)(0)612345678", "+310612345678",
                            "06/12345678", "06-1234567a", "+3+1612345678", "+31612345678+",
                            "+31 (0 6 12345678", "0800-1234", "0", "06123456780000000000000000",
                            "+44(0)612345678"}) {
    EXPECT_FALSE(ScanFastPathPhone(other).has_value()) << other;
  }
}

// Spells a 9-digit NSN of `country` in one of the shapes the fast path takes.
std::string Spell(uint32_t country, uint32_t nsn, int style) {
  char digits[16];
  std::snprintf(digits, sizeof(digits), "%09u", nsn);
  const std::string d(digits);
  const std::string cc = std::to_string(country);
  switch (style % 9) {
    case 0: return country == 31 ? "0" + d : "+" + cc + d;
    case 1: return country == 31 ? "0" + d.substr(0, 1) + "-" + d.substr(1) : "00" + cc + d;
    case 2: return country == 31 ? "0" + d.substr(0, 2) + " " + d.substr(2, 3) + " " + d.substr(5)
                                 : "+" + cc + " " + d.substr(0, 3) + " " + d.substr(3, 2) + " " + d.substr(5);
    case 3: return "+" + cc + d;
    case 4: return "+" + cc + " " + d.substr(0, 1) + " " + d.substr(1, 4) + " " + d.substr(5);
    case 5: return "00" + cc + " " + d.substr(0, 1) + " " + d.substr(1);
    case 6: return "+" + cc + " (0)" + d.substr(0, 1) + " " + d.substr(1);
    case 7: return country == 31 ? "0" + d.substr(0, 2) + "." + d.substr(2, 2) + "." + d.substr(4)
                                 : "+" + cc + "." + d.substr(0, 3) + "." + d.substr(3);
    default: return "00" + cc + "-(0)" + d;
  }
}

std::string Spell(uint32_t nsn, int style) { return Spell(31, nsn, style); }

TEST(PhoneFastPathTest, EqualsLibphonenumberOnGeneratedNumbers) {
  // Proof that the fast path (phone_fast_path.h) gives exactly
  // libphonenumber's answer: for both countries, every 3-digit NSN prefix,
  // several random numbers each, in every spelling the scanner takes. In a
  // fresh process the memo is filled by these very numbers, so an answer that
  // depended on more than the prefix would show up as a mismatch.
  std::mt19937 rng(20240501);
  std::uniform_int_distribution<uint32_t> tail(0, 999999);
  int compared = 0;
  int valid = 0;
  for (uint32_t country : {31u, 32u}) {
    for (uint32_t prefix = 100; prefix <= 999; ++prefix) {
      for (int k = 0; k < 9; ++k) {
        const uint32_t nsn = prefix * 1000000 + tail(rng);
        const std::string spelled = Spell(country, nsn, k);
        ASSERT_EQ(ScanFastPathPhone(spelled), (FastPhone{country, nsn})) << spelled;
        Result<std::string> fast = NormalizePhone(spelled);
        Result<std::string> slow = NormalizePhoneWithLibphonenumberForTest(spelled);
        ASSERT_EQ(fast.ok(), slow.ok()) << spelled << ": " << fast.status().ToString() << " vs "
                                        << slow.status().ToString();
        if (fast.ok()) {
          ASSERT_EQ(*fast, *slow) << spelled;
          ++valid;
        } else {
          ASSERT_EQ(fast.status().message(), slow.status().message()) << spelled;
        }
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 2 * 900 * 9);
  EXPECT_GT(valid, 1000);  // mobiles and area codes really exercised
}

TEST(PhoneTest, ThreadSafe) {
  std::vector<std::string> inputs;
  std::vector<std::string> expected;
  for (uint32_t i = 0; i < 400; ++i) {
    inputs.push_back(Spell(100000000 + i * 2245111u % 899999999u, static_cast<int>(i)));
    expected.push_back(Norm(inputs.back()));
  }
  inputs.push_back("+32 470 12 34 56");
  expected.push_back("+32470123456");
  for (int m : MismatchesFromThreadsForTest(inputs, expected, Norm)) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace zicht::normalize

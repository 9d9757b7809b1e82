#include "normalize/iban.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "normalize/iban_registry.h"

namespace zicht::normalize {
namespace {

// The example IBAN the SWIFT IBAN Registry gives for each country.
const std::vector<std::pair<std::string, std::string>> kRegistryExamples = {
    {"AD", "AD1200012030200359100100"},
    {"AE", "AE070331234567890123456"},
    {"AL", "AL47212110090000000235698741"},
    {"AT", "AT611904300234573201"},
    {"AZ", "AZ21NABZ00000000137010001944"},
    {"BA", "BA391290079401028494"},
    {"BE", "BE68539007547034"},
    {"BG", "BG80BNBG96611020345678"},
    {"BH", "BH67BMAG00001299123456"},
    {"BI", "BI4210000100010000332045181"},
    {"BR", "BR1800360305000010009795493C1"},
    {"BY", "BY13NBRB3600900000002Z00AB00"},
    {"CH", "CH9300762011623852957"},
    {"CR", "CR05015202001026284066"},
    {"CY", "CY17002001280000001200527600"},
    {"CZ", "CZ6508000000192000145399"},
    {"DE", "DE89370400440532013000"},
    {"DJ", "DJ2100010000000154000100186"},
    {"DK", "DK5000400440116243"},
    {"DO", "DO28BAGR00000001212453611324"},
    {"EE", "EE382200221020145685"},
    {"EG", "EG380019000500000000263180002"},
    {"ES", "ES9121000418450200051332"},
    {"FI", "FI2112345600000785"},
    {"FK", "FK88SC123456789012"},
    {"FO", "FO6264600001631634"},
    {"FR", "FR1420041010050500013M02606"},
    {"GB", "GB29NWBK60161331926819"},
    {"GE", "GE29NB0000000101904917"},
    {"GI", "GI75NWBK000000007099453"},
    {"GL", "GL8964710001000206"},
    {"GR", "GR1601101250000000012300695"},
    {"GT", "GT82TRAJ01020000001210029690"},
    {"HN", "HN88CABF00000000000250005469"},
    {"HR", "HR1210010051863000160"},
    {"HU", "HU42117730161111101800000000"},
    {"IE", "IE29AIBK93115212345678"},
    {"IL", "IL620108000000099999999"},
    {"IQ", "IQ98NBIQ850123456789012"},
    {"IS", "IS140159260076545510730339"},
    {"IT", "IT60X0542811101000000123456"},
    {"JO", "JO94CBJO0010000000000131000302"},
    {"KW", "KW81CBKU0000000000001234560101"},
    {"KZ", "KZ86125KZT5004100100"},
    {"LB", "LB62099900000001001901229114"},
    {"LC", "LC55HEMM000100010012001200023015"},
    {"LI", "LI21088100002324013AA"},
    {"LT", "LT121000011101001000"},
    {"LU", "LU280019400644750000"},
    {"LV", "LV80BANK0000435195001"},
    {"LY", "LY83002048000020100120361"},
    {"MC", "MC5811222000010123456789030"},
    {"MD", "MD24AG000225100013104168"},
    {"ME", "ME25505000012345678951"},
    {"MK", "MK07250120000058984"},
    {"MN", "MN121234123456789123"},
    {"MR", "MR1300020001010000123456753"},
    {"MT", "MT84MALT011000012345MTLCAST001S"},
    {"MU", "MU17BOMM0101101030300200000MUR"},
    {"NI", "NI45BAPR00000013000003558124"},
    {"NL", "NL91ABNA0417164300"},
    {"NO", "NO9386011117947"},
    {"OM", "OM810180000001299123456"},
    {"PK", "PK36SCBL0000001123456702"},
    {"PL", "PL61109010140000071219812874"},
    {"PS", "PS92PALS000000000400123456702"},
    {"PT", "PT50000201231234567890154"},
    {"QA", "QA58DOHB00001234567890ABCDEFG"},
    {"RO", "RO49AAAA1B31007593840000"},
    {"RS", "RS35260005601001611379"},
    {"RU", "RU0204452560040702810412345678901"},
    {"SA", "SA0380000000608010167519"},
    {"SC", "SC18SSCB11010000000000001497USD"},
    {"SD", "SD2129010501234001"},
    {"SE", "SE4550000000058398257466"},
    {"SI", "SI56263300012039086"},
    {"SK", "SK3112000000198742637541"},
    {"SM", "SM86U0322509800000000270100"},
    {"SO", "SO211000001001000100141"},
    {"ST", "ST68000100010051845310112"},
    {"SV", "SV62CENR00000000000000700025"},
    {"TL", "TL380080012345678910157"},
    {"TN", "TN5910006035183598478831"},
    {"TR", "TR330006100519786457841326"},
    {"UA", "UA213223130000026007233566001"},
    {"VA", "VA59001123000012345678"},
    {"VG", "VG96VPVG0000012345678901"},
    {"XK", "XK051212012345678906"},
    {"YE", "YE15CBYE0001018861234567891234"},
};

// "NL91ABNA0417164300" -> "NL91 ABNA 0417 1643 00", the paper format.
std::string InGroupsOfFour(const std::string& iban) {
  std::string out;
  for (size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += iban[i];
  }
  return out;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(IbanRegistryTest, EveryCountryHasAnExampleAndViceVersa) {
  std::set<std::string> table;
  for (const IbanCountry& country : IbanRegistry()) table.insert(std::string(country.code));
  std::set<std::string> examples;
  for (const auto& [country, iban] : kRegistryExamples) examples.insert(country);
  EXPECT_EQ(table, examples);
  EXPECT_EQ(IbanRegistry().size(), kRegistryExamples.size());
}

TEST(IbanRegistryTest, TableIsSortedAndLengthsMatchExamples) {
  const auto registry = IbanRegistry();
  for (size_t i = 1; i < registry.size(); ++i) EXPECT_LT(registry[i - 1].code, registry[i].code);
  for (const auto& [country, iban] : kRegistryExamples) {
    ASSERT_TRUE(IbanLength(country).has_value()) << country;
    EXPECT_EQ(*IbanLength(country), static_cast<int>(iban.size())) << country;
  }
}

TEST(IbanRegistryTest, LookupRejectsNonCountries) {
  EXPECT_FALSE(IbanLength("XX").has_value());
  EXPECT_FALSE(IbanLength("nl").has_value());
  EXPECT_FALSE(IbanLength("N").has_value());
  EXPECT_FALSE(IbanLength("NLD").has_value());
  EXPECT_FALSE(IbanLength("US").has_value());
  EXPECT_EQ(IbanLength("NL"), 18);
  EXPECT_EQ(IbanLength("NO"), 15);
  EXPECT_EQ(IbanLength("RU"), 33);
}

TEST(IbanTest, AcceptsRegistryExampleOfEveryCountry) {
  for (const auto& [country, iban] : kRegistryExamples) {
    Result<std::string> plain = NormalizeIban(iban);
    ASSERT_TRUE(plain.ok()) << country << ": " << plain.status().ToString();
    EXPECT_EQ(*plain, iban);
    // Paper format, lower case and padded: the same canonical form.
    Result<std::string> spaced = NormalizeIban("  " + Lower(InGroupsOfFour(iban)) + " ");
    ASSERT_TRUE(spaced.ok()) << country << ": " << spaced.status().ToString();
    EXPECT_EQ(*spaced, iban);
  }
}

TEST(IbanTest, EverySingleDigitChangeInExamplesIsCaught) {
  // MOD 97-10 detects all single-character substitutions.
  for (const auto& [country, iban] : kRegistryExamples) {
    for (size_t pos = 2; pos < iban.size(); ++pos) {
      if (iban[pos] < '0' || iban[pos] > '9') continue;
      std::string wrong = iban;
      wrong[pos] = wrong[pos] == '9' ? '0' : static_cast<char>(wrong[pos] + 1);
      Result<std::string> result = NormalizeIban(wrong);
      ASSERT_FALSE(result.ok()) << wrong;
      EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(IbanTest, SeparatorsAndLabel) {
  EXPECT_EQ(*NormalizeIban("NL91-ABNA-0417-1643-00"), "NL91ABNA0417164300");
  EXPECT_EQ(*NormalizeIban("NL91.ABNA.0417.1643.00"), "NL91ABNA0417164300");
  EXPECT_EQ(*NormalizeIban("nl91abna0417164300"), "NL91ABNA0417164300");
  EXPECT_EQ(*NormalizeIban("\tNL91 ABNA 0417 1643 00\n"), "NL91ABNA0417164300");
  EXPECT_EQ(*NormalizeIban("IBAN: NL91 ABNA 0417 1643 00"), "NL91ABNA0417164300");
  EXPECT_EQ(*NormalizeIban("iban NL91ABNA0417164300"), "NL91ABNA0417164300");
  EXPECT_EQ(*NormalizeIban("DE89 3704 0044 0532 0130 00"), "DE89370400440532013000");
}

TEST(IbanTest, ClearErrors) {
  EXPECT_EQ(NormalizeIban("NL91ABNA0417164301").status().message(), "IBAN check digits do not match");
  EXPECT_EQ(NormalizeIban("NL92ABNA0417164300").status().message(), "IBAN check digits do not match");
  EXPECT_EQ(NormalizeIban("NL91ABNA041716430").status().message(),
            "IBAN for NL must have 18 characters, got 17");
  EXPECT_EQ(NormalizeIban("NL91 ABNA 0417 1643 000").status().message(),
            "IBAN for NL must have 18 characters, got 19");
  EXPECT_EQ(NormalizeIban("XX91ABNA0417164300").status().message(), "unknown IBAN country code 'XX'");
  EXPECT_EQ(NormalizeIban("US64SVBKUS6S3300958879").status().message(), "unknown IBAN country code 'US'");
  EXPECT_EQ(NormalizeIban("1234567890").status().message(), "IBAN must start with a two-letter country code");
  EXPECT_EQ(NormalizeIban("").status().message(), "IBAN must start with a two-letter country code");
  EXPECT_EQ(NormalizeIban("NL91/ABNA/0417164300").status().message(),
            "IBAN contains '/', only letters and digits are allowed");
  EXPECT_EQ(NormalizeIban("NLAAABNA0417164300").status().message(),
            "IBAN check digits (characters 3 and 4) must be digits");
  EXPECT_FALSE(NormalizeIban("NL91ABNA0417164300\xc3\xa9").ok());
  EXPECT_EQ(NormalizeIban(std::string(500, '1')).status().message(), "IBAN is too long: at most 34 characters");
}

TEST(IbanTest, CheckDigitsOutsideTwoToNinetyEightAreRefusedThoughMod97Passes) {
  // Each of these passes MOD 97-10 (99 = 02, 00 = 97, 01 = 98 modulo 97);
  // ISO 13616 never issues them. The IBANs with the real check digits pass.
  for (const char* iban : {"NL99ABNA0417164350", "NL00ABNA0417164386", "NL01ABNA0417164368"}) {
    ASSERT_TRUE(IbanChecksumValid(iban)) << iban;
    EXPECT_EQ(NormalizeIban(iban).status().message(), "IBAN check digits must be between 02 and 98") << iban;
  }
  EXPECT_TRUE(NormalizeIban("NL02ABNA0417164350").ok());
  EXPECT_TRUE(NormalizeIban("NL97ABNA0417164386").ok());
  EXPECT_TRUE(NormalizeIban("NL98ABNA0417164368").ok());
}

TEST(IbanTest, NationalAccountLayoutIsChecked) {
  // NL is 4!a10!n: a bank code of four letters, then ten digits. This one
  // passes MOD 97-10 but has digits where the bank code goes.
  ASSERT_TRUE(IbanChecksumValid("NL141234ABNA567890"));
  EXPECT_EQ(NormalizeIban("NL141234ABNA567890").status().message(),
            "IBAN for NL must have 4 letters, then 10 digits after the check digits");
  // DE is 8!n10!n: no letters at all.
  EXPECT_EQ(NormalizeIban("DE89370400440532O13000").status().message(),
            "IBAN for DE must have 18 digits after the check digits");
  for (const auto& [country, iban] : kRegistryExamples) {
    EXPECT_TRUE(BbanMatchesFormat(iban)) << iban;
  }
}

TEST(IbanRegistryTest, FormatsInWords) {
  EXPECT_EQ(DescribeBbanFormat("NL"), "4 letters, then 10 digits");
  EXPECT_EQ(DescribeBbanFormat("DE"), "18 digits");
  EXPECT_EQ(DescribeBbanFormat("BR"), "23 digits, then 1 letter, then 1 letter or digit");
  EXPECT_EQ(DescribeBbanFormat("XX"), "");
}

TEST(IbanTest, ChecksumOnCanonicalStrings) {
  EXPECT_TRUE(IbanChecksumValid("NL91ABNA0417164300"));
  EXPECT_TRUE(IbanChecksumValid("GB29NWBK60161331926819"));
  EXPECT_FALSE(IbanChecksumValid("GB28NWBK60161331926819"));
  EXPECT_FALSE(IbanChecksumValid("NL9"));
}

}  // namespace
}  // namespace zicht::normalize

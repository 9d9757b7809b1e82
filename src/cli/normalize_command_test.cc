// End-to-end: the real `zicht normalize` binary (exit codes 0/1/2, output).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "cli/cli_test_util.h"
#include "testutil/testutil.h"

namespace zicht::cli {
namespace {

using testutil::RunZicht;

TEST(NormalizeCommandTest, PrintsCanonicalForm) {
  testutil::CommandResult r = RunZicht({"normalize", "iban", "nl91 abna 0417 1643 00"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "NL91ABNA0417164300\n");
  EXPECT_EQ(r.err, "");

  r = RunZicht({"normalize", "phone", "+31 (0)6 12345678"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "+31612345678\n");
}

TEST(NormalizeCommandTest, UrlAlsoPrintsDomain) {
  testutil::CommandResult r = RunZicht({"normalize", "url", "HTTPS://Login.Betaal-Nu.example:443/pay?id=7#top"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "https://login.betaal-nu.example/pay?id=7\ndomain: betaal-nu.example\n");
}

TEST(NormalizeCommandTest, InvalidValueExitsOneWithReason) {
  testutil::CommandResult r = RunZicht({"normalize", "iban", "NL91ABNA0417164301"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("IBAN check digits do not match"), std::string::npos) << r.err;

  r = RunZicht({"normalize", "iban", "NL91ABNA041716430"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("IBAN for NL must have 18 characters, got 17"), std::string::npos) << r.err;

  r = RunZicht({"normalize", "phone", "onbekend"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("placeholder value"), std::string::npos) << r.err;

  r = RunZicht({"normalize", "--", "phone", "-"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("placeholder value"), std::string::npos) << r.err;
}

// Issue 16: ISO 13616 check digits are 02..98, and the national part of an
// IBAN has its country's layout from the IBAN registry. Both values below
// pass MOD 97-10.
TEST(NormalizeCommandTest, IbanCheckDigitRangeAndNationalLayout) {
  testutil::CommandResult r = RunZicht({"normalize", "iban", "NL99 ABNA 0417 1643 50"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("IBAN check digits must be between 02 and 98"), std::string::npos) << r.err;

  r = RunZicht({"normalize", "iban", "NL141234ABNA567890"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("IBAN for NL must have 4 letters, then 10 digits"), std::string::npos) << r.err;
}

// Issue 16: a no-break space copied from a PDF is a space.
TEST(NormalizeCommandTest, NoBreakSpaceIsASpace) {
  testutil::CommandResult r = RunZicht({"normalize", "iban", "NL91\xC2\xA0" "ABNA\xC2\xA0" "0417\xC2\xA0" "1643\xC2\xA0" "00"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "NL91ABNA0417164300\n");
  r = RunZicht({"normalize", "phone", "06\xE2\x80\xAF" "12345678"});  // narrow no-break space
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "+31612345678\n");
}

// Issue 16: the Unicode, upper-case and punycode spellings of one host are
// one host (A-labels), in URLs and e-mail domains.
TEST(NormalizeCommandTest, EverySpellingOfAnInternationalHostIsOne) {
  for (const char* spelling : {"https://MÜNCHEN.DE/", "münchen.de", "https://xn--mnchen-3ya.de"}) {
    testutil::CommandResult r = RunZicht({"normalize", "url", spelling});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "https://xn--mnchen-3ya.de/\ndomain: xn--mnchen-3ya.de\n") << spelling;
  }
  testutil::CommandResult r = RunZicht({"normalize", "email", "Info@MÜNCHEN.DE"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "info@xn--mnchen-3ya.de\n");
}

// Issue 16: IPv4 hosts as browsers read them, and backslashes as slashes.
TEST(NormalizeCommandTest, Ipv4NotationsAndBackslashAsBrowsersRead) {
  for (const char* spelling : {"http://0x7f.0.0.1/", "http://2130706433/", "http://0177.0.0.1/"}) {
    testutil::CommandResult r = RunZicht({"normalize", "url", spelling});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "http://127.0.0.1/\ndomain: 127.0.0.1\n") << spelling;
  }
  testutil::CommandResult r = RunZicht({"normalize", "url", "https://evil.example\\@www.ing.nl/"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "https://evil.example/@www.ing.nl/\ndomain: evil.example\n");
}

TEST(NormalizeCommandTest, UnknownKindIsUsageError) {
  testutil::CommandResult r = RunZicht({"normalize", "bsn", "123456782"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown kind 'bsn'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("iban, phone, email, url, device, handle, crypto"), std::string::npos) << r.err;

  r = RunZicht({"normalize", "iban"});
  EXPECT_EQ(r.exit_code, 2);
  r = RunZicht({"normalize", "--format", "xml", "iban", "NL91ABNA0417164300"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(NormalizeCommandTest, JsonFormat) {
  testutil::CommandResult r = RunZicht({"normalize", "--format", "json", "url", "betaal-nu.example/x"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(r.out.c_str()).HasParseError()) << r.out;
  EXPECT_STREQ(doc["kind"].GetString(), "url");
  EXPECT_STREQ(doc["value"].GetString(), "betaal-nu.example/x");
  EXPECT_TRUE(doc["valid"].GetBool());
  EXPECT_STREQ(doc["normalized"].GetString(), "https://betaal-nu.example/x");
  EXPECT_STREQ(doc["domain"].GetString(), "betaal-nu.example");

  r = RunZicht({"normalize", "--format", "json", "email", "jan"});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_FALSE(doc.Parse(r.out.c_str()).HasParseError()) << r.out;
  EXPECT_FALSE(doc["valid"].GetBool());
  EXPECT_STREQ(doc["error"].GetString(), "e-mail address must contain exactly one '@'");
}

TEST(NormalizeCommandTest, HelpExplainsWithExamples) {
  testutil::CommandResult r = RunZicht({"normalize", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples"), std::string::npos);
  EXPECT_NE(r.out.find("+31612345678"), std::string::npos);
}

TEST(NormalizeCommandTest, HelpShowsTheDefaultFormat) {
  auto r = RunZicht({"normalize", "--help"});
  EXPECT_NE(HelpLine(r.out, "--format").find("text|json (default text)"), std::string::npos) << r.out;
  // text also when stdout is not a terminal
  EXPECT_EQ(RunZicht({"normalize", "email", " Jan@Example.NL "}).out, "jan@example.nl\n");
}

}  // namespace
}  // namespace zicht::cli

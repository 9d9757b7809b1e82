#include "normalize/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace zicht::normalize {
namespace {

using model::IdentifierKind;

TEST(NormalizeTest, DispatchesOnKind) {
  EXPECT_EQ(Normalize(IdentifierKind::kIban, "nl91 abna 0417 1643 00")->canonical, "NL91ABNA0417164300");
  EXPECT_EQ(Normalize(IdentifierKind::kPhone, "06-12345678")->canonical, "+31612345678");
  EXPECT_EQ(Normalize(IdentifierKind::kEmail, " Jan@Example.NL")->canonical, "jan@example.nl");
  EXPECT_EQ(Normalize(IdentifierKind::kDevice, "FP:9F2C")->canonical, "fp:9f2c");
  EXPECT_EQ(Normalize(IdentifierKind::kHandle, "@Jan")->canonical, "@jan");
  EXPECT_EQ(Normalize(IdentifierKind::kCrypto, " bc1QXY ")->canonical, "bc1QXY");
  Result<Normalized> url = Normalize(IdentifierKind::kUrl, "Login.Betaal-Nu.example/x#y");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->canonical, "https://login.betaal-nu.example/x");
  EXPECT_EQ(url->domain, "betaal-nu.example");
  EXPECT_EQ(Normalize(IdentifierKind::kIban, "NL91ABNA0417164300")->domain, "");
}

// Issue 16: spaces copied from PDFs and web pages are spaces, for every kind.
TEST(NormalizeTest, UnicodeSpacesAreSpaces) {
  const std::string nbsp = "\xC2\xA0";
  const std::string narrow_nbsp = "\xE2\x80\xAF";
  const std::string thin = "\xE2\x80\x89";
  const std::string zero_width = "\xE2\x80\x8B";
  const std::string ideographic = "\xE3\x80\x80";
  const std::string bom = "\xEF\xBB\xBF";
  EXPECT_EQ(Normalize(IdentifierKind::kIban, "NL91" + nbsp + "ABNA" + nbsp + "0417" + nbsp + "1643" + nbsp + "00")
                ->canonical,
            "NL91ABNA0417164300");
  EXPECT_EQ(Normalize(IdentifierKind::kIban, zero_width + "NL91ABNA" + thin + "0417164300" + zero_width)->canonical,
            "NL91ABNA0417164300");
  EXPECT_EQ(Normalize(IdentifierKind::kPhone, "06" + narrow_nbsp + "1234" + narrow_nbsp + "5678")->canonical,
            "+31612345678");
  EXPECT_EQ(Normalize(IdentifierKind::kPhone, "+32" + thin + "470 12 34 56")->canonical, "+32470123456");
  EXPECT_EQ(Normalize(IdentifierKind::kEmail, nbsp + "Jan@Example.NL" + nbsp)->canonical, "jan@example.nl");
  EXPECT_EQ(Normalize(IdentifierKind::kUrl, bom + "https://example.nl/x" + ideographic)->canonical,
            "https://example.nl/x");
  EXPECT_EQ(Normalize(IdentifierKind::kHandle, ideographic + "@Jan" + nbsp)->canonical, "@jan");
  EXPECT_EQ(Normalize(IdentifierKind::kDevice, "fp:9f2c" + zero_width)->canonical, "fp:9f2c");
  EXPECT_EQ(Normalize(IdentifierKind::kCrypto, nbsp + "bc1QXY")->canonical, "bc1QXY");
  EXPECT_EQ(Normalize(IdentifierKind::kIban, nbsp + zero_width).status().message(), "empty value");
  // Inside a URL or an e-mail address a space stays an error.
  EXPECT_FALSE(Normalize(IdentifierKind::kEmail, "jan" + nbsp + "jansen@example.nl").ok());
  // Joiners are not spaces (emoji sequences in handles).
  EXPECT_EQ(Normalize(IdentifierKind::kHandle, "@a\xE2\x80\x8D" "b")->canonical, "@a\xE2\x80\x8D" "b");
}

TEST(NormalizeTest, EmptyAndPlaceholderValues) {
  for (IdentifierKind kind : {IdentifierKind::kIban, IdentifierKind::kPhone, IdentifierKind::kEmail,
                              IdentifierKind::kUrl, IdentifierKind::kDevice, IdentifierKind::kHandle,
                              IdentifierKind::kCrypto}) {
    EXPECT_EQ(Normalize(kind, "").status().message(), "empty value");
    EXPECT_EQ(Normalize(kind, " \t ").status().message(), "empty value");
    for (const char* placeholder : {"onbekend", "n.v.t.", "nvt", "unknown", "-", "?", "none", "geen", "null",
                                    "x", "0000000000"}) {
      Result<Normalized> result = Normalize(kind, placeholder);
      ASSERT_FALSE(result.ok()) << placeholder;
      EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(result.status().message(), kPlaceholderReason) << placeholder;
    }
  }
  EXPECT_EQ(Normalize(IdentifierKind::kIban, "NL00 0000 0000 0000 00").status().message(), "placeholder value");
  EXPECT_EQ(Normalize(IdentifierKind::kPhone, "000-0000000").status().message(), "placeholder value");
  EXPECT_EQ(Normalize(IdentifierKind::kEmail, "onbekend@onbekend.nl").status().message(), "placeholder value");
  // Found by the fuzzer: a spelling that only becomes a placeholder once
  // normalised ("+31300000000").
  EXPECT_EQ(Normalize(IdentifierKind::kPhone, "*30-0000000").status().message(), "placeholder value");
}

TEST(NormalizeTest, CanonicalFormIsAFixedPoint) {
  const std::pair<IdentifierKind, const char*> cases[] = {
      {IdentifierKind::kIban, "IBAN: nl91-abna-0417-1643-00"},
      {IdentifierKind::kPhone, "+31 (0)6 12345678"},
      {IdentifierKind::kPhone, "+32 470 12 34 56"},
      {IdentifierKind::kEmail, "mailto:<Jan@Example.NL>"},
      {IdentifierKind::kUrl, "hxxps://www.ing.nl@evil[[.]]example:443//x?y#z"},
      {IdentifierKind::kHandle, " @Jan "},
  };
  for (const auto& [kind, raw] : cases) {
    Result<Normalized> first = Normalize(kind, raw);
    ASSERT_TRUE(first.ok()) << raw << ": " << first.status().ToString();
    Result<Normalized> second = Normalize(kind, first->canonical);
    ASSERT_TRUE(second.ok()) << first->canonical;
    EXPECT_EQ(second->canonical, first->canonical);
    EXPECT_EQ(second->domain, first->domain);
  }
}

TEST(NormalizeTest, ErrorsNeverRepeatTheValue) {
  const std::string secret = "NL91ABNA0417164301";
  Result<Normalized> result = Normalize(IdentifierKind::kIban, secret);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message().find(secret), std::string::npos);
  Result<Normalized> phone = Normalize(IdentifierKind::kPhone, "06-1234567");
  ASSERT_FALSE(phone.ok());
  EXPECT_EQ(phone.status().message().find("1234567"), std::string::npos);
}

TEST(NormalizeIdentifierTest, FillsValidIdentifier) {
  model::Identifier id;
  id.kind = IdentifierKind::kUrl;
  id.value = "HTTPS://Shop.Example.co.uk:443/a";
  id.invalid_reason = "stale";
  NormalizeIdentifier(id);
  EXPECT_TRUE(id.valid);
  EXPECT_EQ(id.canonical, "https://shop.example.co.uk/a");
  EXPECT_EQ(id.domain, "example.co.uk");
  EXPECT_EQ(id.invalid_reason, "");
  EXPECT_EQ(id.value, "HTTPS://Shop.Example.co.uk:443/a");  // verbatim, untouched
}

TEST(NormalizeIdentifierTest, FillsInvalidIdentifier) {
  model::Identifier id;
  id.kind = IdentifierKind::kIban;
  id.value = "NL91ABNA0417164301";
  id.canonical = "stale";
  id.domain = "stale";
  id.valid = true;
  NormalizeIdentifier(id);
  EXPECT_FALSE(id.valid);
  EXPECT_EQ(id.canonical, "");
  EXPECT_EQ(id.domain, "");
  EXPECT_EQ(id.invalid_reason, "IBAN check digits do not match");

  id.kind = IdentifierKind::kPhone;
  id.value = "onbekend";
  NormalizeIdentifier(id);
  EXPECT_FALSE(id.valid);
  EXPECT_EQ(id.invalid_reason, "placeholder value");
}

}  // namespace
}  // namespace zicht::normalize

#include "normalize/placeholder.h"

#include <gtest/gtest.h>

namespace zicht::normalize {
namespace {

using model::IdentifierKind;

TEST(PlaceholderTest, WordsInDutchAndEnglish) {
  for (const char* word : {"onbekend", "Onbekend", " ONBEKEND ", "niet bekend", "n.v.t.", "N.V.T", "nvt", "n/a",
                           "NA", "nb", "n.b.", "unknown", "none", "geen", "null", "NULL", "nil", "nan",
                           "undefined", "leeg", "empty", "tbd", "-", "?", "x", "X", "0"}) {
    for (IdentifierKind kind : {IdentifierKind::kIban, IdentifierKind::kPhone, IdentifierKind::kEmail,
                                IdentifierKind::kUrl, IdentifierKind::kDevice, IdentifierKind::kHandle,
                                IdentifierKind::kCrypto}) {
      EXPECT_TRUE(IsPlaceholder(kind, word)) << word;
    }
  }
}

TEST(PlaceholderTest, FillerCharactersAndZeros) {
  for (const char* filler : {"xxx", "XXXXXXXX", "---", "???", "...", "***", "____", "0000000000", "000-0000000",
                             "00 00 00 00 00", "NL00000000000000", "NL00 0000 0000 0000 00", 
                             "+31 000000000", "+31000000000", "06-00000000", "0031000000000", "(000) 000-0000"}) {
    EXPECT_TRUE(IsPlaceholder(IdentifierKind::kIban, filler) || IsPlaceholder(IdentifierKind::kPhone, filler))
        << filler;
  }
  EXPECT_TRUE(IsPlaceholder(IdentifierKind::kPhone, "0000000000"));
  EXPECT_TRUE(IsPlaceholder(IdentifierKind::kIban, "NL00 0000 0000 0000 00"));
}

TEST(PlaceholderTest, EmailWithPlaceholderLocalPart) {
  EXPECT_TRUE(IsPlaceholder(IdentifierKind::kEmail, "onbekend@example.nl"));
  EXPECT_TRUE(IsPlaceholder(IdentifierKind::kEmail, "GEEN@gmail.com"));
  EXPECT_FALSE(IsPlaceholder(IdentifierKind::kEmail, "info@example.nl"));
  EXPECT_FALSE(IsPlaceholder(IdentifierKind::kHandle, "onbekend@example.nl"));
}

TEST(PlaceholderTest, RealValuesAreNotPlaceholders) {
  for (const char* real : {"NL91ABNA0417164300", "06-12345678", "+31612345678", "0612000000",
                           "020-1000000", "jan@example.nl", "https://example.nl/000000", "fp:000000",
                           "user000000", "0x0000000000000000000000000000000000000001", "onbekende-winkel.nl",
                           "nvt.example", "xx1", "x-x", "", "   "}) {
    EXPECT_FALSE(IsPlaceholder(IdentifierKind::kIban, real)) << real;
    EXPECT_FALSE(IsPlaceholder(IdentifierKind::kPhone, real)) << real;
  }
}

}  // namespace
}  // namespace zicht::normalize

#include "screen/text_normalizer.h"

#include <gtest/gtest.h>

namespace zicht::screen {
namespace {

class TextNormalizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = TextNormalizer::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    normalizer_ = std::move(n).value();
  }
  std::string Words(std::string_view s) { return normalizer_->Normalize(s).words; }
  std::string Folded(std::string_view s) { return normalizer_->Normalize(s).folded; }
  std::unique_ptr<TextNormalizer> normalizer_;
};

TEST_F(TextNormalizerTest, FoldsCaseAndCollapsesWhitespace) {
  EXPECT_EQ(Words("  HOI   Mam\n\tDIT is  ZO  "), "hoi mam dit is zo");
}

TEST_F(TextNormalizerTest, StripsDiacritics) {
  EXPECT_EQ(Words("Één café, ÇA geëist, naïef"), "een cafe ca geeist naief");
}

TEST_F(TextNormalizerTest, EmojiAndPunctuationBecomeSeparators) {
  EXPECT_EQ(Words("Hoi mam😘😘!!dit is mijn nummer🙏🏽"), "hoi mam dit is mijn nummer");
  EXPECT_EQ(Words("👨‍👩‍👧 mam❤️pap"), "mam pap");
}

TEST_F(TextNormalizerTest, CanonicalisesChatSpellings) {
  EXPECT_EQ(Words("hey mama, dit is m'n nw nr"), "hoi mam dit is mijn nieuwe nummer");
  EXPECT_EQ(Words("kun je ff wat overmaken pls"), "kan je even wat overmaken alsjeblieft");
  EXPECT_EQ(Words("mn tel is stuk"), "mijn telefoon is kapot");
  EXPECT_EQ(Words("Hoiiii mammmm"), "hoi mam");
}

TEST_F(TextNormalizerTest, EuroSignBecomesAWord) {
  EXPECT_EQ(Words("€850,-"), "euro 850");
  EXPECT_EQ(Words("850€"), "850 euro");
}

TEST_F(TextNormalizerTest, FoldedViewKeepsUrls) {
  EXPECT_EQ(Folded("Ga naar HTTPS://ING-Veilig.nl/Pas?id=1 nu"), "ga naar https://ing-veilig.nl/pas?id=1 nu");
}

TEST_F(TextNormalizerTest, InvalidUtf8AndControlBytesDoNotBreakIt) {
  const std::string bad = std::string("mam\xff\xfe nummer\x01\x02") + std::string(1, '\0') + "x";
  EXPECT_EQ(Words(bad), "mam nummer x");
  EXPECT_EQ(Words(""), "");
}

TEST_F(TextNormalizerTest, KeepsNonLatinLettersAsWords) {
  EXPECT_EQ(Words("Привет МАМА"), "привет мама");
}

}  // namespace
}  // namespace zicht::screen

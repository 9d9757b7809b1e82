#include "screen/score.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "screen/screener.h"

namespace zicht::screen {
namespace {

using S = Signal;

TEST(Score, NoSignalsIsNone) {
  ScreenResult r = ScoreSignals({}, true);
  EXPECT_EQ(r.label, Label::kNone);
  EXPECT_EQ(r.score, 0);
}

TEST(Score, NoisyOrOfTheWeights) {
  const SignalSet s{S::kNewNumber, S::kPaymentRequest, S::kUnknownSender};
  ScreenResult r = ScoreSignals(s, false);
  const double expected = 1 - (1 - SignalWeight(Label::kHulpvraagfraude, S::kNewNumber)) *
                                  (1 - SignalWeight(Label::kHulpvraagfraude, S::kPaymentRequest)) *
                                  (1 - SignalWeight(Label::kHulpvraagfraude, S::kUnknownSender));
  EXPECT_DOUBLE_EQ(r.label_scores[static_cast<size_t>(Label::kHulpvraagfraude)], expected);
  EXPECT_EQ(r.label, Label::kHulpvraagfraude);
  EXPECT_DOUBLE_EQ(r.score, expected);
}

TEST(Score, HelpRequestWithoutMoneyIsCapped) {
  ScreenResult r = ScoreSignals({S::kNewNumber, S::kFamilyAddress, S::kBrokenPhone, S::kCannotCall,
                                 S::kUnknownSender},
                                false);
  EXPECT_EQ(r.label, Label::kNone);
  EXPECT_DOUBLE_EQ(r.score, kUngatedCap);
}

TEST(Score, KnownSenderLowersHelpRequestStrongly) {
  const SignalSet s{S::kFamilyAddress, S::kPaymentRequest, S::kUrgency};
  ScreenResult unknown = ScoreSignals(SignalSet{S::kFamilyAddress, S::kPaymentRequest, S::kUrgency,
                                                S::kUnknownSender},
                                      false);
  ScreenResult known = ScoreSignals(s, true);
  EXPECT_EQ(unknown.label, Label::kHulpvraagfraude);
  EXPECT_EQ(known.label, Label::kNone);
  EXPECT_LT(known.score, 0.5 * unknown.score);
}

TEST(Score, SafetyAdviceDampsImpersonation) {
  const SignalSet s{S::kBankImpersonation, S::kCredentialRequest, S::kCallbackRequest};
  SignalSet advised = s;
  advised.Add(S::kSafetyAdvice);
  EXPECT_EQ(ScoreSignals(s, false).label, Label::kBankhelpdeskfraude);
  EXPECT_EQ(ScoreSignals(advised, false).label, Label::kNone);
}

TEST(Score, PhishingNeedsALink) {
  EXPECT_NE(ScoreSignals({S::kAccountBlocked, S::kAuthorityImpersonation, S::kUrgency}, false).label,
            Label::kPhishing);
  EXPECT_EQ(ScoreSignals({S::kAccountBlocked, S::kAuthorityImpersonation, S::kUrgency, S::kLink}, false).label,
            Label::kPhishing);
}

class ScreenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Screener::Create();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    screener_ = std::move(s).value();
  }
  std::unique_ptr<Screener> screener_;
};

TEST_F(ScreenerTest, ClassicHelpRequestFraud) {
  ScreenResult r = screener_->Screen(
      "Hoi mam, dit is mijn nieuwe nummer. Mijn telefoon is kapot. Kun je vandaag nog 850 euro overmaken? "
      "Ik betaal het morgen terug.",
      false);
  EXPECT_EQ(r.label, Label::kHulpvraagfraude);
  EXPECT_GT(r.score, 0.8);
  for (Signal s : {S::kNewNumber, S::kFamilyAddress, S::kBrokenPhone, S::kUrgency, S::kPaymentRequest,
                   S::kUnknownSender}) {
    EXPECT_TRUE(r.signals.Has(s)) << SignalName(s);
  }
}

TEST_F(ScreenerTest, RobustToCapitalsEmojiAndSpelling) {
  for (std::string_view text :
       {"HOI MAM DIT IS MIJN NIEUWE NUMMER. KUN JE VANDAAG NOG 850 EURO OVERMAKEN",
        "hoi mama 😘 dit is m'n nw nr!! kun je ff 850 euro overmaken vndg nog 🙏🙏",
        "Hoiii mammm, mn tel is stuk, dit is mn nieuwe nummer. Kan je effe wat voorschieten? Is dringent",
        "Hóí mám, dìt ís mìjn nïeuwe nümmer, kün jé 850 éüro övermaken?"}) {
    ScreenResult r = screener_->Screen(text, false);
    EXPECT_EQ(r.label, Label::kHulpvraagfraude) << text;
  }
}

TEST_F(ScreenerTest, KnownChildAskingForGroceryMoneyIsNotFraud) {
  ScreenResult r = screener_->Screen("Hoi mam, kun je 20 euro overmaken voor de boodschappen? Thanks!", true);
  EXPECT_EQ(r.label, Label::kNone);
}

TEST_F(ScreenerTest, ResultIsTheSameFromManyThreads) {
  // The screener is shared by the HTTP workers; results must not depend on
  // which thread asks.
  const std::string text = "ING: uw pas verloopt. Vraag een nieuwe aan via https://ing-pasvervanging.xyz";
  const ScreenResult expected = screener_->Screen(text, false);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        ScreenResult r = screener_->Screen(text, false);
        if (r.label != expected.label || !(r.signals == expected.signals)) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(expected.label, Label::kPhishing);
}

TEST_F(ScreenerTest, HugeInputIsFine) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "hoi mam 😀 ";
  ScreenResult r = screener_->Screen(text, false);
  EXPECT_TRUE(r.signals.Has(S::kFamilyAddress));
  EXPECT_GE(r.score, 0.0);
  EXPECT_LE(r.score, 1.0);
}

}  // namespace
}  // namespace zicht::screen

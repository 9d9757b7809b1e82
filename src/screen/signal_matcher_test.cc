// One test per signal: Dutch examples that must raise it — in upper case,
// without diacritics, with emoji and chat spellings — and look-alikes that
// must not.
#include "screen/signal_matcher.h"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <glob.h>

#include "testutil/testutil.h"
#include "screen/corpus_eval.h"
#include "screen/screener.h"
#include "screen/text_normalizer.h"

namespace zicht::screen {
namespace {

class SignalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = Screener::Create();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    screener_ = std::move(s).value().release();
  }
  static void TearDownTestSuite() {
    delete screener_;
    screener_ = nullptr;
  }
  static bool Has(std::string_view text, Signal signal) {
    return screener_->Screen(text, true).signals.Has(signal);
  }
  static void ExpectAll(Signal signal, std::initializer_list<std::string_view> texts) {
    for (auto t : texts) EXPECT_TRUE(Has(t, signal)) << SignalName(signal) << " missing in: " << t;
  }
  static void ExpectNone(Signal signal, std::initializer_list<std::string_view> texts) {
    for (auto t : texts) EXPECT_FALSE(Has(t, signal)) << SignalName(signal) << " wrongly in: " << t;
  }
  static Screener* screener_;
};
Screener* SignalTest::screener_ = nullptr;

TEST(SignalMatcher, AllShippedPatternsCompile) {
  auto m = SignalMatcher::CreateDefault();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ((*m)->pattern_count(), AllPatterns().size());
  EXPECT_GE((*m)->pattern_count(), 90u);
}

TEST(SignalMatcher, EveryFoldedPatternNeedsADotOrColon) {
  // SignalMatcher::Match skips the folded view when it has neither.
  for (const PatternSpec& p : AllPatterns()) {
    if (p.view != View::kFolded) continue;
    EXPECT_TRUE(p.regex.find("\\.") != std::string_view::npos || p.regex.find(':') != std::string_view::npos)
        << p.regex;
  }
}

TEST(SignalMatcher, BrokenPatternIsAnErrorNamingTheSignal) {
  const PatternSpec bad[] = {{Signal::kUrgency, View::kWords, "(unclosed", "test:1"}};
  auto m = SignalMatcher::Create(bad);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("URGENCY"), std::string::npos);
}

TEST(SignalMatcher, GapPatternsAreCutAtTheirGapsOnlyWhereEveryMatchHasHeadAndTail) {
  const std::string gap = "(?:[^ ]+ ){0,4}";
  const std::string broken = "\\btelefoon\\b " + gap + "(?:kapot|stuk)\\b";
  const GapSplit split = SplitAtGaps(broken);
  EXPECT_EQ(split.head, "\\btelefoon\\b ");
  EXPECT_EQ(split.tail, "(?:kapot|stuk)\\b");
  // Several gaps: head before the first, tail after the last.
  const std::string two = "\\ba " + gap + "b " + gap + "c\\b";
  EXPECT_EQ(SplitAtGaps(two).head, "\\ba ");
  EXPECT_EQ(SplitAtGaps(two).tail, "c\\b");
  // No cut: no gap, a gap first or last, inside a group, beside a top-level '|'.
  for (const std::string& whole :
       {std::string("\\bnieuwe nummer\\b"), gap + "nummer\\b", "\\bnummer " + gap,
        "\\b(?:sla " + gap + "op|bewaar)\\b", "\\bx\\b|\\bsla " + gap + "op\\b",
        "\\bsla " + gap + "op\\b|\\bx\\b", "[(] " + gap + "x|y"}) {
    EXPECT_TRUE(SplitAtGaps(whole).head.empty()) << whole;
  }
  // Parentheses in a class or escaped do not open a group.
  const std::string escaped = "[(] \\( " + gap + "x", bracket = "[]|] " + gap + "x";
  EXPECT_EQ(SplitAtGaps(escaped).head, "[(] \\( ");
  EXPECT_EQ(SplitAtGaps(bracket).head, "[]|] ");
}

// The split matcher must find exactly what one RE2::Set of the whole
// patterns finds: compared over every message of the corpus and the blind
// sets, in both views.
TEST(SignalMatcher, FindsWhatTheWholePatternsFindOnEveryShippedMessage) {
  const auto patterns = AllPatterns();
  auto matcher = SignalMatcher::Create(patterns);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  EXPECT_GE((*matcher)->split_pattern_count(), 50u);  // the case this test is about
  RE2::Options options;
  options.set_case_sensitive(true);
  options.set_max_mem(int64_t{256} << 20);
  RE2::Set words(options, RE2::UNANCHORED), folded(options, RE2::UNANCHORED);
  std::vector<Signal> words_signal, folded_signal;
  for (const PatternSpec& p : patterns) {
    (p.view == View::kWords ? words : folded).Add(p.regex, nullptr);
    (p.view == View::kWords ? words_signal : folded_signal).push_back(p.signal);
  }
  ASSERT_TRUE(words.Compile());
  ASSERT_TRUE(folded.Compile());
  auto normalizer = TextNormalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  glob_t files{};
  ASSERT_EQ(glob((testutil::SourceDir() + "/tests/data/screening/*.jsonl").c_str(), 0, nullptr, &files), 0);
  size_t messages = 0, with_signal = 0;
  for (size_t f = 0; f < files.gl_pathc; ++f) {
    auto corpus = ParseCorpus(testutil::ReadFile(files.gl_pathv[f]));
    ASSERT_TRUE(corpus.ok()) << files.gl_pathv[f];
    for (const CorpusEntry& e : *corpus) {
      const NormalizedText text = (*normalizer)->Normalize(e.text);
      SignalSet expected;
      std::vector<int> hits;
      words.Match(text.words, &hits);
      for (int i : hits) expected.Add(words_signal[static_cast<size_t>(i)]);
      hits.clear();
      folded.Match(text.folded, &hits);
      for (int i : hits) expected.Add(folded_signal[static_cast<size_t>(i)]);
      const SignalSet got = (*matcher)->Match(text);
      for (int s = 0; s < kSignalCount; ++s) {
        EXPECT_EQ(got.Has(static_cast<Signal>(s)), expected.Has(static_cast<Signal>(s)))
            << SignalName(static_cast<Signal>(s)) << " in " << e.id;
      }
      ++messages;
      with_signal += expected.Has(Signal::kBrokenPhone) || expected.Has(Signal::kNewNumber);
    }
  }
  globfree(&files);
  EXPECT_GE(messages, 10000u);
  EXPECT_GE(with_signal, 500u);
}

TEST(SignalNames, RoundTrip) {
  for (int i = 0; i < kSignalCount; ++i) {
    const auto s = static_cast<Signal>(i);
    EXPECT_EQ(ParseSignal(SignalName(s)), s);
    EXPECT_FALSE(SignalDescription(s).empty());
  }
  EXPECT_EQ(ParseSignal("NOPE"), std::nullopt);
  EXPECT_EQ(ParseLabel("bankhelpdeskfraude"), Label::kBankhelpdeskfraude);
}

TEST_F(SignalTest, NewNumber) {
  ExpectAll(Signal::kNewNumber, {"Hoi mam, dit is mijn nieuwe nummer", "HOI MAM DIT IS MIJN NIEUWE NUMMER",
                                 "hey ma dit is m'n nw nr 😊", "Mijn nummer is veranderd, sla deze op",
                                 "wil je dit nummer opslaan?", "dit is mn nieuwe telefoonnummer",
                                 "Ik heb een nieuwe simkaart", "Nieuw nmr van mij!!"});
  ExpectNone(Signal::kNewNumber, {"Mam, mag ik 20 euro voor boodschappen?", "Het huisnummer is 12"});
}

TEST_F(SignalTest, FamilyAddress) {
  ExpectAll(Signal::kFamilyAddress, {"Hoi mam", "HALLO PAPA", "lieve oma,", "Hoi Mamsie ❤️", "met je dochter",
                                     "Hey mammmm"});
  ExpectNone(Signal::kFamilyAddress, {"Geachte klant", "Hoi Kees, morgen vergadering?"});
}

TEST_F(SignalTest, BrokenPhone) {
  ExpectAll(Signal::kBrokenPhone, {"mn telefoon is kapot", "Mijn telefoon is in het water gevallen",
                                   "MIJN TEL IS STUK", "mijn mobiel is gestolen 😭", "scherm is helemaal kapot",
                                   "mijn oude nummer werkt even niet", "Telefoon gevallen, doet niks meer"});
  ExpectNone(Signal::kBrokenPhone, {"De vaatwasser is kapot", "Ik heb een nieuwe telefoon gekocht"});
}

TEST_F(SignalTest, CannotCall) {
  ExpectAll(Signal::kCannotCall, {"ik kan nu niet bellen", "Kan even niet bellen want microfoon is kapot",
                                  "bellen lukt nog niet", "KAN NIET PRATEN", "ik kan alleen appen",
                                  "Mijn microfoon doet het niet"});
  ExpectNone(Signal::kCannotCall, {"Bel me vanavond even", "Ik bel je straks"});
}

TEST_F(SignalTest, Secrecy) {
  ExpectAll(Signal::kSecrecy, {"niet tegen papa zeggen he", "Zeg niks tegen pap", "Dit blijft tussen ons",
                               "vertel het niet aan de bank", "Ik wil niet dat papa het weet"});
  ExpectNone(Signal::kSecrecy, {"Zeg maar tegen papa dat ik later kom"});
}

TEST_F(SignalTest, Urgency) {
  ExpectAll(Signal::kUrgency, {"Het moet vandaag nog", "MET SPOED", "dringend!!", "binnen 24 uur",
                               "zsm aub", "Anders krijg ik een boete", "voor 15 uur betalen", "Dringent"});
  ExpectNone(Signal::kUrgency, {"Tot volgende week", "Hoe gaat het met je?"});
}

TEST_F(SignalTest, PaymentRequest) {
  ExpectAll(Signal::kPaymentRequest,
            {"Kun je 850 euro overmaken?", "kan je ff wat voorschieten", "Ik moet een rekening betalen",
             "KUN JIJ DE FACTUUR BETALEN", "maak je het over naar NL91ABNA0417164300",
             "Wil je het naar dit rekeningnummer sturen", "Ik betaal het morgen terug", "geld nodig"});
  ExpectNone(Signal::kPaymentRequest, {"Ik heb de boodschappen gedaan", "Was leuk vandaag!",
                                       "Zoon, kun je me helpen met de DigiD app installeren?"});
  ExpectAll(Signal::kPaymentRequest, {"kun je me helpen met een betaling van 670 euro"});
}

TEST_F(SignalTest, PaymentLink) {
  ExpectAll(Signal::kPaymentLink, {"Ik stuur je een tikkie", "Betaalverzoek: 1,99", "betaal via de link",
                                   "https://tikkie.me/pay/abc", "Betaal via www.ideal-betaal.nl"});
  ExpectNone(Signal::kPaymentLink, {"Ik heb je het geld gegeven"});
}

TEST_F(SignalTest, BankImpersonation) {
  ExpectAll(Signal::kBankImpersonation, {"Met de fraudeafdeling van ING", "RABOBANK: let op",
                                         "Beste klant van ABN AMRO", "u spreekt met een medewerker van uw bank",
                                         "SNS Bank informeert u"});
  ExpectNone(Signal::kBankImpersonation, {"Ik ging naar de markt", "We zitten op een bankje"});
}

TEST_F(SignalTest, AuthorityImpersonation) {
  ExpectAll(Signal::kAuthorityImpersonation, {"Belastingdienst: u heeft recht op teruggave", "Uw DigiD verloopt",
                                              "Digi-D", "CJIB: openstaande boete", "de politie belt u"});
  ExpectNone(Signal::kAuthorityImpersonation, {"Ik heb een afspraak bij de tandarts"});
}

TEST_F(SignalTest, ParcelDelivery) {
  ExpectAll(Signal::kParcelDelivery, {"PostNL: uw pakket", "DHL bezorgpoging mislukt", "uw pakketje ligt klaar"});
}

TEST_F(SignalTest, AccountBlocked) {
  ExpectAll(Signal::kAccountBlocked, {"Uw rekening wordt geblokkeerd", "uw bankpas verloopt binnenkort",
                                      "Uw pas is verlopen", "VERIFIEER UW GEGEVENS", "Uw DigiD wordt gedeactiveerd",
                                      "bevestig uw identiteit"});
  ExpectNone(Signal::kAccountBlocked, {"De weg is afgezet"});
}

TEST_F(SignalTest, SafeAccount) {
  ExpectAll(Signal::kSafeAccount, {"Zet uw geld op een veilige rekening", "maak het over naar een kluisrekening",
                                   "we moeten uw spaargeld veiligstellen", "VEILIGE REKENING",
                                   "uw saldo over te boeken naar een tijdelijke rekening"});
  ExpectNone(Signal::kSafeAccount, {"Ik heb een spaarrekening geopend"});
}

TEST_F(SignalTest, CredentialRequest) {
  ExpectAll(Signal::kCredentialRequest, {"Geef de code uit de sms door", "wat is uw pincode",
                                         "stuur mij de inlogcode", "Log in via de link"});
}

TEST_F(SignalTest, RemoteAccess) {
  ExpectAll(Signal::kRemoteAccess, {"Installeer AnyDesk", "download de app teamviewer", "dan kan ik meekijken"});
}

TEST_F(SignalTest, CallbackRequest) {
  ExpectAll(Signal::kCallbackRequest, {"Bel ons direct terug", "bel 088 1234567", "U wordt zo gebeld door een collega",
                                       "Neem direct contact op"});
  ExpectNone(Signal::kCallbackRequest, {"Ik bel je straks"});
}

TEST_F(SignalTest, CardPickup) {
  ExpectAll(Signal::kCardPickup, {"Een koerier komt uw bankpas ophalen", "doe uw pas in een envelop"});
}

TEST_F(SignalTest, SuspiciousActivity) {
  ExpectAll(Signal::kSuspiciousActivity, {"We zien verdachte transacties", "onbekende inlogpoging",
                                          "Uw rekening is gehackt", "ingelogd vanaf een onbekend apparaat"});
}

TEST_F(SignalTest, Link) {
  ExpectAll(Signal::kLink, {"https://ing-veilig.nl/pas", "ga naar WWW.DIGID-HERSTEL.COM",
                            "kijk op postnl-bezorging.xyz/track", "klik op de link hieronder", "bit.ly/3abc"});
  ExpectNone(Signal::kLink, {"dit is mijn nummer.kan je bellen", "het kost 1.250 euro"});
}

TEST_F(SignalTest, SafetyAdvice) {
  ExpectAll(Signal::kSafetyAdvice, {"Wij vragen u nooit om uw pincode", "deel je codes nooit",
                                    "De bank belt nooit om geld over te maken"});
  // A warning tells the story in the third person, calls a message fake or
  // gives the standard advice.
  ExpectAll(Signal::kSafetyAdvice, {"Oplichters sturen nep-sms'jes namens de bank", "Het slachtoffer krijgt een appje",
                                    "Deze berichten zijn altijd nep", "Verbreek dan direct de verbinding",
                                    "Maak dan geen geld over", "Wees altijd wantrouwend", "Bel zelf je bank",
                                    "Verwijder het bericht", "Meld het bij de Fraudehelpdesk",
                                    "Klik nergens op", "Be wary of texts like this",
                                    "We will not send you a link", "Don't send any money until you've called them",
                                    "You should not forward it"});
  // Helpdesk scripts name criminals and fraudsters too: not a warning.
  ExpectNone(Signal::kSafetyAdvice, {"Uw rekening is overgenomen door criminelen", "Er zijn fraudeurs actief op uw pas",
                                     "Mam, kun je dit even betalen?"});
}

TEST_F(SignalTest, PhoneScripts) {
  ExpectAll(Signal::kCallbackRequest, {"Press 1 to speak to an agent", "Toets 1 voor een medewerker",
                                       "Blijft u aan de lijn", "Please return this call"});
  ExpectNone(Signal::kCallbackRequest, {"Druk op een knop om door te gaan"});
  ExpectAll(Signal::kAuthorityImpersonation, {"This is the Social Security office", "Met de recherche"});
  ExpectAll(Signal::kSuspiciousActivity, {"We will take legal action", "Er loopt een zaak tegen u",
                                          "We are going to suspend your number"});
  ExpectAll(Signal::kRemoteAccess, {"There is a virus on your computer", "This is Microsoft technical support"});
}

// Prize and draw lures and threats to send officers (after the blind6 run);
// loyalty points, a lottery's own results and a school raffle are no lure.
TEST_F(SignalTest, PrizeLuresAndOfficersAtTheDoor) {
  ExpectAll(Signal::kRefundLure, {"Je bent geselecteerd voor een gratis proefpakket", "U BEHOORT TOT DE GELUKKIGE WINNAARS",
                                  "Maak kans op een airfryer!", "You've been randomly picked for a voucher",
                                  "You are a lucky winner of our weekly draw"});
  ExpectNone(Signal::kRefundLure, {"Je hebt 1.000 punten gespaard", "Bekijk de uitslag van de trekking in de app",
                                   "The raffle winners will be announced on Saturday"});
  ExpectAll(Signal::kSuspiciousActivity, {"You will be taken into custody today", "Anders wordt u vanmiddag aangehouden"});
  ExpectNone(Signal::kSuspiciousActivity, {"De agent heeft de verdachte aangehouden", "Your parcel is in custody of the depot"});
}

TEST_F(SignalTest, UnknownSenderComesFromTheCaller) {
  EXPECT_TRUE(screener_->Screen("hoi", false).signals.Has(Signal::kUnknownSender));
  EXPECT_FALSE(screener_->Screen("hoi", true).signals.Has(Signal::kUnknownSender));
}

}  // namespace
}  // namespace zicht::screen

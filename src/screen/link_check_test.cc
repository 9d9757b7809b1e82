// Look-alike domains and known identifiers (link_check.h).
#include "screen/link_check.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

namespace zicht::screen {
namespace {

class LinkCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = BuiltinSignalConfig();
    ASSERT_TRUE(config.ok());
    check_ = std::make_unique<LinkCheck>(config->brands);
  }
  SignalSet Signals(std::string_view text) const {
    SignalSet s;
    std::vector<IdentifierHit> hits;
    check_->Check(text, nullptr, &s, &hits);
    return s;
  }
  std::unique_ptr<LinkCheck> check_;
};

TEST_F(LinkCheckTest, OfficialDomainsOfTheBrands) {
  EXPECT_EQ(check_->Classify("jouw.postnl.nl"), "official:postnl");
  EXPECT_EQ(check_->Classify("www.rabobank.nl"), "official:rabobank");
  EXPECT_EQ(check_->Classify("betaalverzoek.rabobank.nl"), "official:rabobank");
  EXPECT_EQ(check_->Classify("tikkie.me"), "official:tikkie");
  EXPECT_EQ(check_->Classify("my.dhlparcel.nl"), "official:dhl");
  EXPECT_TRUE(Signals("Volg je pakket op https://jouw.postnl.nl/track?x=1.").Has(Signal::kOfficialDomain));
}

TEST_F(LinkCheckTest, ImitationsAreLookalikes) {
  EXPECT_EQ(check_->Classify("postnl-bezorging.xyz"), "lookalike:postnl");        // brand token
  EXPECT_EQ(check_->Classify("mijnpostnlverzending.info"), "lookalike:postnl");   // token inside a word
  EXPECT_EQ(check_->Classify("rabobank.nl.nu"), "lookalike:rabobank");            // brand as subdomain
  EXPECT_EQ(check_->Classify("ing-paswissel.nl"), "lookalike:ing");               // short token, whole part
  EXPECT_EQ(check_->Classify("rabobamk.com"), "lookalike:rabobank");              // one typo away
  EXPECT_EQ(check_->Classify("pstnl-bezorging.com"), "lookalike:postnl");         // one letter dropped
  EXPECT_EQ(check_->Classify("rabobaank.com"), "lookalike:rabobank");             // one letter added
  EXPECT_EQ(check_->Classify("postnll.com"), "lookalike:postnl");                 // one added at the end
  EXPECT_EQ(check_->Classify("p0stnl.com"), "lookalike:postnl");                  // digit homoglyph
  EXPECT_EQ(check_->Classify("xn--pstnl-jye.nl"), "lookalike:postnl");            // punycode of pоstnl (Cyrillic о)
  EXPECT_EQ(check_->Classify("r\xd0\xb0" "bobank.nl"), "lookalike:rabobank");    // Cyrillic а, not punycoded
  EXPECT_EQ(check_->Classify("belastingdienst-teruggave.nl"), "lookalike:belastingdienst");
  EXPECT_TRUE(Signals("Betaal via postnl-betaling.com/nl nu").Has(Signal::kLookalikeDomain));
  EXPECT_TRUE(Signals("Ga naar HTTPS://ING-Veilig.nl/pas").Has(Signal::kLookalikeDomain));
}

TEST_F(LinkCheckTest, UnrelatedDomainsAndNumbersAreNeither) {
  EXPECT_EQ(check_->Classify("bingo.nl"), "");  // "ing" only as a whole part
  EXPECT_EQ(check_->Classify("vitens.nl"), "");
  EXPECT_EQ(check_->Classify("bit.ly"), "");
  const SignalSet s = Signals("Het kost 1.250 euro, kom om 12.30 uur. Mijn mail: jan@example.nl");
  EXPECT_FALSE(s.Has(Signal::kOfficialDomain));
  EXPECT_FALSE(s.Has(Signal::kLookalikeDomain));
}

// An in-memory intelligence: the identifiers it knows, by kind and raw value.
class FakeLookup : public IdentifierLookup {
 public:
  std::optional<IdentifierHit> Lookup(model::IdentifierKind kind, std::string_view value) const override {
    std::lock_guard lock(mu_);
    asked_.emplace_back(kind, std::string(value));
    std::string key(value);
    std::erase(key, ' ');
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (known_.count({kind, key})) return IdentifierHit{kind, "high", 4};
    return std::nullopt;
  }
  std::map<std::pair<model::IdentifierKind, std::string>, bool> known_;
  mutable std::mutex mu_;
  mutable std::vector<std::pair<model::IdentifierKind, std::string>> asked_;
};

TEST_F(LinkCheckTest, KnownIdentifiersRaiseTheSignalWithTheVerdict) {
  FakeLookup lookup;
  lookup.known_[{model::IdentifierKind::kIban, "nl91abna0417164300"}] = true;
  SignalSet s;
  std::vector<IdentifierHit> hits;
  check_->Check("Maak 500 euro over naar NL91 ABNA 0417 1643 00 tnv J. Jansen, bel 06-12345678 of mail a@b.nl",
                &lookup, &s, &hits);
  EXPECT_TRUE(s.Has(Signal::kKnownFraudIdentifier));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, model::IdentifierKind::kIban);
  EXPECT_EQ(hits[0].risk, "high");
  bool asked_phone = false, asked_email = false;
  for (const auto& [kind, value] : lookup.asked_) {
    asked_phone = asked_phone || kind == model::IdentifierKind::kPhone;
    asked_email = asked_email || (kind == model::IdentifierKind::kEmail && value == "a@b.nl");
  }
  EXPECT_TRUE(asked_phone);
  EXPECT_TRUE(asked_email);
}

}  // namespace
}  // namespace zicht::screen

#include "model/report.h"

#include <gtest/gtest.h>

namespace zicht::model {
namespace {

TEST(Vocabulary, ParsesEveryWireNameAndRejectsOthers) {
  for (auto name : kFraudTypeNames.names) {
    auto t = kFraudTypeNames.Parse(name);
    ASSERT_TRUE(t.has_value()) << name;
    EXPECT_EQ(kFraudTypeNames.Name(*t), name);
  }
  EXPECT_FALSE(kFraudTypeNames.Parse("Phishing").has_value());
  EXPECT_FALSE(kChannelNames.Parse("fax").has_value());
  EXPECT_EQ(kRegionNames.Parse("NL-OV"), Region::kOV);
  EXPECT_EQ(kAgeBandNames.Parse("65-74"), AgeBand::k65To74);
  EXPECT_EQ(kIdentifierKindNames.Joined(), "iban, phone, email, url, device, handle, crypto");
}

TEST(Defaults, RolePerKindAsDesigned) {
  EXPECT_EQ(DefaultRole(IdentifierKind::kIban), Role::kBeneficiary);
  EXPECT_EQ(DefaultRole(IdentifierKind::kPhone), Role::kContact);
  EXPECT_EQ(DefaultRole(IdentifierKind::kEmail), Role::kContact);
  EXPECT_EQ(DefaultRole(IdentifierKind::kHandle), Role::kContact);
  EXPECT_EQ(DefaultRole(IdentifierKind::kUrl), Role::kWebsite);
  EXPECT_EQ(DefaultRole(IdentifierKind::kDevice), Role::kSuspectDevice);
  EXPECT_EQ(DefaultRole(IdentifierKind::kCrypto), Role::kBeneficiary);
}

TEST(Defaults, OutcomeFollowsDamage) {
  EXPECT_EQ(DefaultOutcome(std::nullopt), Outcome::kAttempt);
  EXPECT_EQ(DefaultOutcome(0), Outcome::kAttempt);
  EXPECT_EQ(DefaultOutcome(1), Outcome::kLoss);
}

TEST(Source, PatternIsEnforced) {
  EXPECT_TRUE(IsValidSource("fraudehelpdesk"));
  EXPECT_TRUE(IsValidSource("bank_ing-2"));
  EXPECT_FALSE(IsValidSource(""));
  EXPECT_FALSE(IsValidSource("Politie"));
  EXPECT_FALSE(IsValidSource("a b"));
  EXPECT_FALSE(IsValidSource(std::string(33, 'a')));
}

}  // namespace
}  // namespace zicht::model

// Subscriptions: validation and matching (alert/subscription_index.h).
#include "alert/subscription_index.h"
#include "alert/subscription_request.h"

#include <gtest/gtest.h>

namespace zicht::alert {
namespace {

using model::IdentifierKind;

store::Subscription Sub(std::string partner, std::string bank, std::string bic = "", std::string phone = "") {
  store::Subscription s;
  s.partner = std::move(partner);
  s.bank_code = std::move(bank);
  s.bic = std::move(bic);
  s.phone_prefix = std::move(phone);
  return s;
}

TEST(ValidateSubscriptionTest, BankCodesAreTheDutchIbanOnes) {
  EXPECT_TRUE(ValidateSubscription(Sub("ing", "INGB")).ok());
  EXPECT_TRUE(ValidateSubscription(Sub("bunq", "BUNQ")).ok());
  Status typo = ValidateSubscription(Sub("ing", "IGNB"));
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.message().find("--bank-code 'IGNB' is not a Dutch IBAN bank code"), std::string::npos);
  EXPECT_FALSE(ValidateSubscription(Sub("ing", "ingb")).ok());
  EXPECT_FALSE(ValidateSubscription(Sub("ing", "")).ok()) << "nothing to match";
  EXPECT_FALSE(ValidateSubscription(Sub("ing", "INGB", "NWBKGB2L")).ok()) << "one matcher per subscription";
}

TEST(ValidateSubscriptionTest, BicsAndPhonePrefixes) {
  EXPECT_TRUE(ValidateSubscription(Sub("natwest", "", "NWBKGB2L")).ok());
  Status numeric = ValidateSubscription(Sub("db", "", "DEUTDEFF"));
  ASSERT_FALSE(numeric.ok());
  EXPECT_NE(numeric.message().find("numeric bank code"), std::string::npos);
  EXPECT_FALSE(ValidateSubscription(Sub("ing", "", "INGBNL2A")).ok()) << "Dutch: use --bank-code";
  EXPECT_FALSE(ValidateSubscription(Sub("x", "", "NWBK")).ok());
  EXPECT_TRUE(ValidateSubscription(Sub("kpn", "", "", "+3197")).ok());
  Status phone = ValidateSubscription(Sub("kpn", "", "", "3197"));
  ASSERT_FALSE(phone.ok());
  EXPECT_NE(phone.message().find("--phone-prefix"), std::string::npos);
}

TEST(ValidateWebhookUrlTest, OnlyHttpAndHttps) {
  EXPECT_TRUE(ValidateWebhookUrl("https://alerts.ing.example/zicht").ok());
  EXPECT_TRUE(ValidateWebhookUrl("http://127.0.0.1:8080/hook").ok());
  for (const char* bad : {"ftp://x/y", "alerts.ing.example", "https://", "http:///path", "https://a b/c"}) {
    Status s = ValidateWebhookUrl(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.message().find("--webhook"), std::string::npos) << s.message();
  }
}

TEST(SubscriptionIndexTest, MatchesByBankCodeBicAndPrefix) {
  SubscriptionIndex index({Sub("ing", "INGB"), Sub("ing2", "INGB"), Sub("natwest", "", "NWBKGB2L"),
                           Sub("kpn", "", "", "+3197"), Sub("ing", "INGB")});
  std::vector<std::string> partners;
  index.Match(IdentifierKind::kIban, "NL20INGB0001234567", &partners);
  EXPECT_EQ(partners, (std::vector<std::string>{"ing", "ing2"}));
  partners.clear();
  index.Match(IdentifierKind::kIban, "NL39RABO0300065264", &partners);
  EXPECT_TRUE(partners.empty());
  index.Match(IdentifierKind::kIban, "GB29NWBK60161331926819", &partners);
  EXPECT_EQ(partners, (std::vector<std::string>{"natwest"}));
  partners.clear();
  index.Match(IdentifierKind::kPhone, "+3197012345678", &partners);
  EXPECT_EQ(partners, (std::vector<std::string>{"kpn"}));
  partners.clear();
  index.Match(IdentifierKind::kPhone, "+31612345678", &partners);
  index.Match(IdentifierKind::kEmail, "a@ingb.nl", &partners);
  EXPECT_TRUE(partners.empty());
}

}  // namespace
}  // namespace zicht::alert

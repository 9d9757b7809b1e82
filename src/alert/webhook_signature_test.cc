// The webhook signature (alert/webhook_signature.h), against a vector
// computed with `openssl dgst` as a receiver would.
#include "alert/webhook_signature.h"

#include <gtest/gtest.h>

namespace zicht::alert {
namespace {

TEST(WebhookSignatureTest, MatchesOpenssl) {
  // printf '%s' '1700000000.{"id":"al_1"}' | openssl dgst -sha256 -hmac s3cret
  EXPECT_EQ(SignWebhook("s3cret", 1700000000, R"({"id":"al_1"})"),
            "v1=053e23a78a725249ee9fd91ef85b445e9313a42bfd457f2b984d385c9469a980");
}

TEST(WebhookSignatureTest, VerifyRefusesOtherBodiesTimesAndSecrets) {
  std::string sig = SignWebhook("s3cret", 1700000000, "{}");
  EXPECT_TRUE(VerifyWebhook("s3cret", 1700000000, "{}", sig));
  EXPECT_FALSE(VerifyWebhook("s3cret", 1700000001, "{}", sig)) << "the timestamp is inside the MAC";
  EXPECT_FALSE(VerifyWebhook("s3cret", 1700000000, "{ }", sig));
  EXPECT_FALSE(VerifyWebhook("other", 1700000000, "{}", sig));
  EXPECT_FALSE(VerifyWebhook("s3cret", 1700000000, "{}", sig.substr(0, 10)));
}

}  // namespace
}  // namespace zicht::alert

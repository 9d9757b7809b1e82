#pragma once
// Registering a subscription: what `zicht subscriptions add` and
// POST /v1/subscriptions both ask for — a partner, exactly one matcher
// (bank code, BIC or phone prefix) and optionally its webhook URL and
// signing secret — checked once, here, and stored the same way
// (docs/alerts.md, "Subscriptions"). The two callers differ only in how
// they name their inputs in errors (`--bank-code` on the command line,
// `field 'bank_code'` over HTTP): SubscriptionFieldNames.
//
// Thread-safety: pure functions, except AddSubscription, which writes
// through the caller's store (one thread per store instance).
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"
#include "store/alert_store.h"

namespace zicht::alert {

//! How a caller names each input in error messages.
struct SubscriptionFieldNames {
  std::string_view partner;
  std::string_view bank_code;
  std::string_view bic;
  std::string_view phone_prefix;
  std::string_view webhook;
  std::string_view secret;
};
//! `zicht subscriptions add`'s options.
inline constexpr SubscriptionFieldNames kSubscriptionOptions{"--partner",      "--bank-code", "--bic",
                                                             "--phone-prefix", "--webhook",   "--secret-file"};
//! POST /v1/subscriptions's body fields.
inline constexpr SubscriptionFieldNames kSubscriptionFields{"field 'partner'",      "field 'bank_code'",
                                                            "field 'bic'",          "field 'phone_prefix'",
                                                            "field 'webhook'",      "field 'secret'"};

//! Shorter secrets are guessable offline from one signed request.
inline constexpr size_t kMinWebhookSecretBytes = 16;

//! Checks a subscription before it is stored: a partner name as in API
//! keys ([a-z0-9_-]{1,32}); exactly one of bank code, BIC and phone prefix;
//! a bank code among the Dutch IBAN bank codes; a BIC of 8 or 11 characters
//! whose country's IBANs carry the bank code as letters; a phone prefix "+"
//! and 1–14 digits. kInvalidArgument naming the input.
Status ValidateSubscription(const store::Subscription& s, const SubscriptionFieldNames& names = kSubscriptionOptions);

//! Checks a webhook URL: http:// or https://, a host, at most 2,000
//! characters, no spaces. kInvalidArgument naming the input.
Status ValidateWebhookUrl(std::string_view url, const SubscriptionFieldNames& names = kSubscriptionOptions);

//! Checks a webhook's signing secret: at least kMinWebhookSecretBytes.
Status ValidateWebhookSecret(std::string_view secret, const SubscriptionFieldNames& names = kSubscriptionOptions);

//! One registration: the subscription (partner and matcher; id and created
//! are assigned on AddSubscription) and the partner's webhook, if any.
struct SubscriptionRequest {
  store::Subscription subscription;
  std::string webhook_url;  // empty: none (an earlier webhook of the partner stays)
  std::string secret;       // with webhook_url
};

//! Everything above for `r`: the subscription, and the webhook URL and
//! secret, which go together.
Status ValidateSubscriptionRequest(const SubscriptionRequest& r,
                                   const SubscriptionFieldNames& names = kSubscriptionOptions);

//! Validates `r` and stores it: the subscription (created = `now`), then
//! the partner's webhook when one is given (replacing an earlier one: a
//! partner has one webhook). Returns the subscription's id. A running
//! `zicht serve` picks both up within a second.
Result<int64_t> AddSubscription(store::AlertStore& store, const SubscriptionRequest& r, UnixSeconds now,
                                const SubscriptionFieldNames& names = kSubscriptionOptions);

}  // namespace zicht::alert

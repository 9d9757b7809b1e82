#pragma once
// The signature of a webhook body (docs/alerts.md, "Checking the
// signature"): HMAC-SHA256, keyed with the partner's webhook secret, over
//
//     <timestamp> "." <body>
//
// sent as `Zicht-Signature: v1=<64 lower-case hex digits>` beside
// `Zicht-Timestamp: <Unix seconds>`. The timestamp inside the MAC is what
// stops a replay: a receiver refuses a timestamp older than a few minutes
// (docs/alerts.md recommends 5), and a captured request cannot be re-dated
// without the secret. The same scheme as Stripe's and GitHub's webhooks,
// so receivers have libraries for it; the check is one openssl command.
//
// Thread-safety: pure functions (OpenSSL's HMAC is re-entrant).
#include <string>
#include <string_view>

#include "common/time.h"

namespace zicht::alert {

//! "v1=" + hex HMAC-SHA256(secret, timestamp "." body).
std::string SignWebhook(std::string_view secret, UnixSeconds timestamp, std::string_view body);

//! True when `signature` is SignWebhook(secret, timestamp, body), compared
//! in constant time (for receivers written against this library and tests).
bool VerifyWebhook(std::string_view secret, UnixSeconds timestamp, std::string_view body, std::string_view signature);

}  // namespace zicht::alert

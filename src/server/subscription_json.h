#pragma once
// The one JSON form of a subscription, shared by `zicht subscriptions list
// --format json` and GET/POST /v1/subscriptions (docs/alerts.md,
// "Subscriptions"):
//   {"id","partner","bank_code"|"bic"|"phone_prefix","webhook":URL|null,"created"}
// The webhook is the partner's (one per partner); its secret is never
// written.
//
// Thread-safety: pure functions.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <vector>

#include "store/alert_store.h"

namespace zicht::server {

//! The URL of `partner`'s webhook among `hooks`; empty when it has none.
std::string WebhookUrlOf(const std::vector<store::Webhook>& hooks, std::string_view partner);

//! Writes `s` as one JSON object; `webhook_url` empty → null.
void WriteSubscriptionJson(rapidjson::Writer<rapidjson::StringBuffer>& w, const store::Subscription& s,
                           std::string_view webhook_url);

}  // namespace zicht::server

#include "server/subscription_json.h"

#include "common/time.h"

namespace zicht::server {
namespace {

void String(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

}  // namespace

std::string WebhookUrlOf(const std::vector<store::Webhook>& hooks, std::string_view partner) {
  for (const store::Webhook& h : hooks) {
    if (h.partner == partner) return h.url;
  }
  return std::string();
}

void WriteSubscriptionJson(rapidjson::Writer<rapidjson::StringBuffer>& w, const store::Subscription& s,
                           std::string_view webhook_url) {
  w.StartObject();
  w.Key("id");
  w.Int64(s.id);
  w.Key("partner");
  String(w, s.partner);
  if (!s.bank_code.empty()) {
    w.Key("bank_code");
    String(w, s.bank_code);
  } else if (!s.bic.empty()) {
    w.Key("bic");
    String(w, s.bic);
  } else {
    w.Key("phone_prefix");
    String(w, s.phone_prefix);
  }
  w.Key("webhook");
  if (webhook_url.empty()) w.Null();
  else String(w, webhook_url);
  w.Key("created");
  String(w, FormatRfc3339(s.created));
  w.EndObject();
}

}  // namespace zicht::server

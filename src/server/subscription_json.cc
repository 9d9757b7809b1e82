#include "server/subscription_json.h"

#include "common/time.h"
#include "link/json_writer.h"

namespace zicht::server {

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
  link::WriteString(w, s.partner);
  if (!s.bank_code.empty()) {
    w.Key("bank_code");
    link::WriteString(w, s.bank_code);
  } else if (!s.bic.empty()) {
    w.Key("bic");
    link::WriteString(w, s.bic);
  } else {
    w.Key("phone_prefix");
    link::WriteString(w, s.phone_prefix);
  }
  w.Key("webhook");
  if (webhook_url.empty()) w.Null();
  else link::WriteString(w, webhook_url);
  w.Key("created");
  link::WriteString(w, FormatRfc3339(s.created));
  w.EndObject();
}

}  // namespace zicht::server

// A partner's subscriptions over HTTP (docs/alerts.md, "Subscriptions";
// docs/api.md), what `zicht subscriptions add|list|remove` does on the
// command line, for the caller's own partner only:
//
//   GET    /v1/subscriptions        {"subscriptions":[{"id","partner","bank_code"|"bic"|"phone_prefix","webhook","created"}]}
//   POST   /v1/subscriptions        {"bank_code"|"bic"|"phone_prefix", ["partner"], ["webhook","secret"]}
//   DELETE /v1/subscriptions/{id}
//
// Like the other analyst endpoints (GET /v1/disputes) they need an analyst
// key with scope detail. A key manages its own partner's subscriptions and
// nothing else: the list holds only them, a `partner` other than the key's
// is refused (403), and another partner's id is "not found" like an
// unknown one (404), so ids cannot be probed. Validation and storing are
// the CLI's (alert/subscription_request.h), with errors naming the body's
// fields. Audited with the subscription id; never the webhook URL or its
// secret, which no answer shows either.
#include <algorithm>

#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/json_response.h"
#include "server/query_string.h"
#include "server/service.h"
#include "server/subscription_json.h"

namespace zicht::server {
namespace {

constexpr std::string_view kFields[] = {"partner", "bank_code", "bic", "phone_prefix", "webhook", "secret"};

void HandleListSubscriptions(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const Principal& who = *call.who;
  auto mine = call.service.alerts().SubscriptionsOf(who.partner);
  if (!mine.ok()) return WriteError(res, mine.status());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("subscriptions");
  w.StartArray();
  for (const store::Subscription& s : mine->subscriptions) WriteSubscriptionJson(w, s, mine->webhook_url);
  w.EndArray();
  w.EndObject();
  res.audit_ticket = call.service.Audit(who, call.req, "GET /v1/subscriptions", std::string(), std::string(),
                                        "subscriptions", std::to_string(mine->subscriptions.size()));
  WriteJsonResponse(res, buf);
}

void HandleAddSubscription(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const Principal& who = *call.who;
  StackJson json;
  if (Status s = json.Parse(call.req.body); !s.ok()) return WriteError(res, s);
  const JsonDocument& doc = json.doc();
  if (!doc.IsObject()) {
    return WriteError(res, 400, "invalid_argument",
                      "body must be a JSON object {bank_code | bic | phone_prefix, webhook, secret}");
  }
  alert::SubscriptionRequest r;
  r.subscription.partner = who.partner;
  std::string* targets[] = {nullptr, &r.subscription.bank_code, &r.subscription.bic, &r.subscription.phone_prefix,
                            &r.webhook_url, &r.secret};
  for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m) {
    const std::string_view name = JsonString(m->name);
    const auto* known = std::find(std::begin(kFields), std::end(kFields), name);
    if (known == std::end(kFields)) {
      return WriteError(res, 400, "invalid_argument",
                        "field '" + std::string(name) +
                            "' is unknown; the fields are partner, bank_code, bic, phone_prefix, webhook, secret");
    }
    if (!m->value.IsString()) {
      return WriteError(res, 400, "invalid_argument",
                        "field '" + std::string(name) + "' must be a string, not " + JsonTypeName(m->value));
    }
    const std::string_view value = JsonString(m->value);
    if (known == std::begin(kFields)) {
      // The partner is the key's; naming it is allowed, naming another is not.
      if (value != who.partner) {
        return WriteError(res, 403, "permission_denied",
                          "field 'partner': a key of partner '" + who.partner +
                              "' manages only that partner's subscriptions, not '" + std::string(value) + "'");
      }
      continue;
    }
    targets[known - std::begin(kFields)]->assign(value);
  }
  auto stored = call.service.alerts().AddSubscription(r);
  if (!stored.ok()) return WriteError(res, stored.status());
  res.audit_ticket =
      call.service.Audit(who, call.req, "POST /v1/subscriptions", std::string(), std::string(),
                         "subscription/" + std::to_string(stored->id), r.webhook_url.empty() ? "added" : "added+webhook");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  // A request without a webhook keeps the partner's earlier one: only then is it read back.
  std::string webhook_url = r.webhook_url;
  if (webhook_url.empty()) {
    if (auto mine = call.service.alerts().SubscriptionsOf(who.partner); mine.ok()) webhook_url = mine->webhook_url;
  }
  WriteSubscriptionJson(w, *stored, webhook_url);
  WriteJsonResponse(res, buf);
  res.status = 201;
}

void HandleRemoveSubscription(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const Principal& who = *call.who;
  const std::optional<int64_t> parsed = PositivePathId(call.path_param);
  if (!parsed) {
    return WriteError(res, 400, "invalid_argument",
                      "path parameter 'id' must be a subscription id (a positive number, from GET /v1/subscriptions)");
  }
  const int64_t id = *parsed;
  if (Status s = call.service.alerts().RemoveSubscription(id, who.partner); !s.ok()) {
    if (s.code() == StatusCode::kNotFound) {
      return WriteError(res, 404, "not_found",
                        "path parameter 'id': partner '" + who.partner + "' has no subscription " + std::to_string(id));
    }
    return WriteError(res, s);
  }
  res.audit_ticket = call.service.Audit(who, call.req, "DELETE /v1/subscriptions/{id}", std::string(), std::string(),
                                        "subscription/" + std::to_string(id), "removed");
  res.status = 200;
  res.content_type = "application/json";
  res.body = "{\"id\":" + std::to_string(id) + ",\"status\":\"removed\"}";
}

ZICHT_REGISTER_ROUTE(subscriptions_list, {.method = Method::kGet, .path = "/v1/subscriptions",
                                          .name = "subscriptions_list", .access = Access::kKey,
                                          .right = Right::kReadContents, .body = BodySize::kNone,
                                          .handler = HandleListSubscriptions});
ZICHT_REGISTER_ROUTE(subscriptions_add, {.method = Method::kPost, .path = "/v1/subscriptions",
                                         .name = "subscriptions_add", .access = Access::kKey,
                                         .right = Right::kReadContents, .body = BodySize::kQuery,
                                         .handler = HandleAddSubscription});
ZICHT_REGISTER_ROUTE(subscription_remove, {.method = Method::kDelete, .path = "/v1/subscriptions/{id}",
                                           .name = "subscription_remove", .access = Access::kKey,
                                           .right = Right::kReadContents, .body = BodySize::kNone,
                                           .handler = HandleRemoveSubscription});

}  // namespace
}  // namespace zicht::server

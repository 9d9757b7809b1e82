// GET /v1/alerts?after=CURSOR&limit=N: the pull feed of alerts for the
// caller's partner (docs/alerts.md, "Pull feed"; docs/api.md). Any key of
// the partner reads it; the evidence in each alert is cut to the key's
// scope. `next` is the cursor to pass as `after` next time: the sequence
// number of the last alert returned (or `after` itself on an empty page),
// so the feed is durable, in order and resumable. Every read is audited
// (how many alerts were handed out; never the identifiers).
#include <charconv>

#include "alert/alert_json.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

constexpr size_t kDefaultLimit = 100;
constexpr size_t kMaxLimit = 1000;

void HandleAlerts(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const Principal& who = *call.who;
  int64_t after = 0;
  if (std::optional<std::string> text = QueryParam(call.query, "after"); text && !text->empty()) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), after);
    if (ec != std::errc() || end != text->data() + text->size() || after < 0) {
      return WriteError(res, 400, "invalid_argument", "after must be a cursor: the 'next' of an earlier answer");
    }
  }
  auto limit = PositiveQueryParam(call.query, "limit", kDefaultLimit, kMaxLimit);
  if (!limit.ok()) return WriteError(res, limit.status());
  auto alerts = call.service.alerts().AlertsAfter(who.partner, after, static_cast<int64_t>(*limit));
  if (!alerts.ok()) return WriteError(res, alerts.status());
  std::string& body = res.body;
  body.assign("{\"alerts\":[");
  for (size_t i = 0; i < alerts->size(); ++i) {
    if (i) body.push_back(',');
    alert::AppendAlertJson((*alerts)[i], who.scope, &body);
  }
  const int64_t next = alerts->empty() ? after : alerts->back().seq;
  body.append("],\"next\":\"").append(std::to_string(next)).append("\"}");
  res.status = 200;
  res.content_type = "application/json";
  res.audit_ticket = call.service.Audit(who, call.req, "GET /v1/alerts", std::string(), std::string(),
                                        "after " + std::to_string(after), std::to_string(alerts->size()) + " alerts");
}

ZICHT_REGISTER_ROUTE(alerts, {.method = Method::kGet, .path = "/v1/alerts", .name = "alerts",
                              .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kNone,
                              .handler = HandleAlerts});

}  // namespace
}  // namespace zicht::server

// POST /v1/disputes: a partner contests an identifier it believes is
// wrongly flagged — {"kind","value","reason"} (docs/alerts.md, "Disputes";
// docs/api.md). While the dispute is open, checks show DISPUTED among the
// reasons; an analyst resolves it (`zicht disputes resolve`). Audited with
// the identifier's kind and the dispute id, never its value.
#include "common/time.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/identifier_field.h"
#include "server/json_body.h"
#include "server/service.h"

namespace zicht::server {
namespace {

constexpr size_t kMaxReason = 500;

void HandleOpenDispute(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const Principal& who = *call.who;
  StackJson json;
  if (Status s = json.Parse(call.req.body); !s.ok()) return WriteError(res, s);
  const JsonDocument& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be a JSON object {kind, value, reason}");
  auto field = ReadIdentifierField(doc, "");
  if (!field.ok()) {
    // "field '.kind'" → "field 'kind'": the identifier is the body itself.
    std::string message = field.status().message();
    if (auto at = message.find("'."); at != std::string::npos) message.erase(at + 1, 1);
    return WriteError(res, 400, "invalid_argument", message);
  }
  auto reason = doc.FindMember("reason");
  if (reason == doc.MemberEnd() || !reason->value.IsString() || reason->value.GetStringLength() == 0 ||
      reason->value.GetStringLength() > kMaxReason) {
    return WriteError(res, 400, "invalid_argument",
                      "field 'reason' is required: why the identifier is wrongly flagged (1 to 500 bytes)");
  }
  store::Dispute d;
  d.partner = who.partner;
  d.kind = std::string(model::kIdentifierKindNames.Name(field->kind));
  d.normalized = field->normalized;
  d.reason = std::string(JsonString(reason->value));
  d.opened_at = SystemClock().Now();
  auto id = call.service.alerts().OpenDispute(d);
  if (!id.ok()) return WriteError(res, id.status());
  res.audit_ticket = call.service.Audit(who, call.req, "POST /v1/disputes", d.kind, std::string(),
                                        "dispute/" + std::to_string(*id), "open");
  res.status = 200;
  res.content_type = "application/json";
  res.body = "{\"id\":" + std::to_string(*id) + ",\"state\":\"open\"}";
}

ZICHT_REGISTER_ROUTE(disputes, {.method = Method::kPost, .path = "/v1/disputes", .name = "disputes",
                                .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                                .handler = HandleOpenDispute});

}  // namespace
}  // namespace zicht::server

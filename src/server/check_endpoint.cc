// POST /v1/check: verdicts for a batch of identifiers, in the request's
// order (docs/design.md "HTTP API"). The hot path of the service: a bank calls it
// in the payment flow, so it parses into stack buffers, writes the verdicts
// straight into the response body and does not log (apart from the audit
// entry, which a background thread writes).
#include <vector>

#include "link/verdict_json.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/service.h"

namespace zicht::server {
namespace {

// Far above any payment flow's need; bounds the work of one request.
constexpr size_t kMaxCheckBatch = 1000;

struct Ask {
  model::IdentifierKind kind;
  std::string_view text;  // the value or the pseudonym
  bool by_pseudonym;
};

// Validates the whole request before answering any of it, so a bad item
// gives one clean 400 and no half-written audit trail.
Status ParseCheckRequest(const rapidjson::Value& doc, std::vector<Ask>* asks) {
  if (!doc.IsObject()) return Status::InvalidArgument("body must be a JSON object with 'identifiers'");
  auto it = doc.FindMember("identifiers");
  if (it == doc.MemberEnd()) return Status::InvalidArgument("field 'identifiers' is required");
  const rapidjson::Value& list = it->value;
  if (!list.IsArray()) {
    return Status::InvalidArgument(std::string("field 'identifiers' must be an array, not ") + JsonTypeName(list));
  }
  if (list.Empty()) return Status::InvalidArgument("field 'identifiers' must not be empty");
  if (list.Size() > kMaxCheckBatch) {
    return Status::InvalidArgument("field 'identifiers' holds " + std::to_string(list.Size()) +
                                   " items; at most " + std::to_string(kMaxCheckBatch) + " per request");
  }
  asks->reserve(list.Size());
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const rapidjson::Value& item = list[i];
    // Built only for an error message: the hot path does not allocate.
    auto where = [i] { return "identifiers[" + std::to_string(i) + "]"; };
    if (!item.IsObject()) return Status::InvalidArgument(where() + " must be an object, not " + JsonTypeName(item));
    auto kind = item.FindMember("kind");
    if (kind == item.MemberEnd()) return Status::InvalidArgument(where() + ".kind is required");
    if (!kind->value.IsString()) {
      return Status::InvalidArgument(where() + ".kind must be a string, not " + JsonTypeName(kind->value));
    }
    auto parsed = model::kIdentifierKindNames.Parse(JsonString(kind->value));
    if (!parsed) {
      return Status::InvalidArgument(where() + ".kind '" + std::string(JsonString(kind->value)) +
                                     "' is unknown; one of " + model::kIdentifierKindNames.Joined());
    }
    auto value = item.FindMember("value");
    auto pseudonym = item.FindMember("pseudonym");
    bool has_value = value != item.MemberEnd();
    bool has_pseudonym = pseudonym != item.MemberEnd();
    if (has_value == has_pseudonym) {
      return Status::InvalidArgument(where() + " needs exactly one of 'value' and 'pseudonym'");
    }
    const rapidjson::Value& v = has_value ? value->value : pseudonym->value;
    if (!v.IsString()) {
      return Status::InvalidArgument(where() + (has_value ? ".value" : ".pseudonym") + " must be a string, not " +
                                     JsonTypeName(v));
    }
    asks->push_back(Ask{*parsed, JsonString(v), has_pseudonym});
  }
  return Status::Ok();
}

void HandleCheck(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  StackJson json;
  Status s = json.Parse(req.body);
  // Reused by every check on this thread: no allocation per request.
  thread_local std::vector<Ask> asks;
  asks.clear();
  if (s.ok()) s = ParseCheckRequest(json.doc(), &asks);
  if (s.ok() && !service.options().legacy_shared_pseudonyms) {
    for (size_t i = 0; i < asks.size(); ++i) {
      if (!asks[i].by_pseudonym) continue;
      s = Status::InvalidArgument("identifiers[" + std::to_string(i) +
                                  "].pseudonym: look-ups by shared pseudonym are off in this deployment (whoever "
                                  "holds the shared key can reverse them); send 'value'");
      break;
    }
  }
  if (!s.ok()) return WriteError(res, s);

  // Written straight into the response body, whose capacity the
  // connection keeps from request to request.
  std::string& body = res.body;
  body.assign("{\"results\":[");
  for (size_t i = 0; i < asks.size(); ++i) {
    const Ask& a = asks[i];
    link::Engine& engine = service.engine();
    link::Verdict v = a.by_pseudonym ? engine.CheckPseudonym(a.kind, a.text) : engine.Check(a.kind, a.text);
    service.alerts().ApplyMarks(v);  // confirmed mules, disputes (alert/marks.h)
    if (i != 0) body.push_back(',');
    link::AppendVerdictJson(v, &body, who.scope);
    // The audit log holds the keyed pseudonym, never the raw value; an
    // invalid value (no canonical form) is pseudonymised as sent. A look-up
    // by pseudonym is logged with the pseudonym it asked for.
    std::string risk(link::kRiskNames.Name(v.risk));
    if (a.by_pseudonym) {
      res.audit_ticket =
          service.Audit(who, req, "POST /v1/check", std::string(model::kIdentifierKindNames.Name(a.kind)),
                        std::string(a.text), std::string(), std::move(risk));
    } else {
      std::string value = v.normalized.empty() ? std::string(a.text) : std::move(v.normalized);
      res.audit_ticket = service.AuditCheck(who, req, a.kind, std::move(value), std::move(risk));
    }
  }
  body.append("]}");
  res.status = 200;
}

ZICHT_REGISTER_ROUTE(check, {.method = Method::kPost, .path = "/v1/check", .name = "check",
                             .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                             .handler = HandleCheck});

}  // namespace
}  // namespace zicht::server

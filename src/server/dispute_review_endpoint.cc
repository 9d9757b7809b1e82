// The analyst's side of disputes over HTTP (docs/alerts.md, "Disputes";
// docs/api.md), what `zicht disputes list|resolve` does on the command line:
//
//   GET  /v1/disputes?state=open|all        the open disputes (all: resolved ones too)
//   POST /v1/disputes/{id}/resolve          {"state":"upheld"|"rejected","reason":"…"}
//
// Both need an analyst key with scope detail (the list shows identifiers).
// Resolving goes through AlertService::ResolveDispute — the same store call
// and `zicht-disputes` warning-list rewrite as the CLI — and is audited as
// the CLI audits it: the dispute as subject, the new state as result, never
// the identifier. (POST /v1/disputes, opening one, is disputes_endpoint.cc.)

#include "server/alert_service.h"
#include "server/dispute_json.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/json_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

constexpr size_t kMaxReason = 500;

void HandleListDisputes(const EndpointCall& call) {
  HttpResponse& res = call.res;
  std::string state = QueryParam(call.query, "state").value_or("open");
  if (state != "open" && state != "all") {
    return WriteError(res, 400, "invalid_argument", "query parameter 'state' must be open or all, not '" + state + "'");
  }
  auto disputes = call.service.alerts().Disputes(state == "open");
  if (!disputes.ok()) return WriteError(res, disputes.status());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("disputes");
  w.StartArray();
  for (const store::Dispute& d : *disputes) WriteDisputeJson(w, d);
  w.EndArray();
  w.EndObject();
  res.audit_ticket = call.service.Audit(*call.who, call.req, "GET /v1/disputes", std::string(), std::string(),
                                        "disputes", std::to_string(disputes->size()));
  WriteJsonResponse(res, buf);
}

void HandleResolveDispute(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const std::optional<int64_t> parsed = PositivePathId(call.path_param);
  if (!parsed) {
    return WriteError(res, 400, "invalid_argument", "path parameter 'id' must be a dispute id (a positive number)");
  }
  const int64_t id = *parsed;
  StackJson json;
  if (Status s = json.Parse(call.req.body); !s.ok()) return WriteError(res, s);
  const JsonDocument& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be a JSON object {state, reason}");
  auto state_field = doc.FindMember("state");
  std::optional<store::DisputeState> state;
  if (state_field != doc.MemberEnd() && state_field->value.IsString()) {
    state = ParseDisputeState(JsonString(state_field->value));
  }
  if (!state || *state == store::DisputeState::kOpen) {
    return WriteError(res, 400, "invalid_argument", "field 'state' must be upheld or rejected");
  }
  auto reason = doc.FindMember("reason");
  if (reason == doc.MemberEnd() || !reason->value.IsString() || reason->value.GetStringLength() == 0 ||
      reason->value.GetStringLength() > kMaxReason) {
    return WriteError(res, 400, "invalid_argument",
                      "field 'reason' is required: why, kept with the dispute (1 to 500 bytes)");
  }
  if (Status s = call.service.alerts().ResolveDispute(id, *state, std::string(JsonString(reason->value)));
      !s.ok()) {
    return WriteError(res, s);
  }
  const std::string name = DisputeStateName(*state);
  res.audit_ticket = call.service.Audit(*call.who, call.req, "POST /v1/disputes/{id}/resolve", std::string(),
                                        std::string(), "dispute/" + std::to_string(id), name);
  res.status = 200;
  res.content_type = "application/json";
  res.body = "{\"id\":" + std::to_string(id) + ",\"state\":\"" + name + "\"}";
}

ZICHT_REGISTER_ROUTE(disputes_list, {.method = Method::kGet, .path = "/v1/disputes", .name = "disputes_list",
                                     .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                                     .handler = HandleListDisputes});
ZICHT_REGISTER_ROUTE(dispute_resolve, {.method = Method::kPost, .path = "/v1/disputes/{id}/resolve",
                                       .name = "dispute_resolve", .access = Access::kKey,
                                       .right = Right::kReadContents, .body = BodySize::kQuery,
                                       .handler = HandleResolveDispute});

}  // namespace
}  // namespace zicht::server

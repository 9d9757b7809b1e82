// POST /v1/blind/bucket, the second step of a blind look-up (docs/api.md;
// docs/privacy.md "Blind look-ups"): a 2-byte token prefix in, every
// verdict of that bucket out, each sealed under its full token, cut to the
// caller's scope. The hub sees 16 bits of the token, never the identifier.
// 503 until the token index is built (blind_lookups.h).
#include "blind/oprf.h"
#include "blind/verdict_box.h"
#include "common/json_string.h"
#include "common/time.h"
#include "link/verdict_json.h"
#include "server/alert_service.h"
#include "server/blind_lookups.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/oprf_request.h"
#include "server/service.h"

namespace zicht::server {
namespace {

// Audit: kind "blind", subject "bucket=PREFIX key=ID", result "entries=N".
void HandleBlindBucket(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  StackJson json;
  Status s = json.Parse(req.body);
  BucketAsk ask;
  if (s.ok()) s = ParseBlindBucketRequest(json.doc(), &ask);
  if (!s.ok()) return WriteError(res, s);
  if (!service.blind().ready()) {
    res.retry_after = 10;
    return WriteError(res, 503, "unavailable",
                      "blind look-ups are starting: the token index is still being built; try again shortly");
  }
  const link::TokenIndex* index = service.blind().IndexFor(ask.key_id, SystemClock().Now());
  if (index == nullptr) {
    return WriteError(res, 409, "key_retired",
                      "OPRF key '" + ask.key_id + "' is not (or no longer) in use; the current key is '" +
                          service.blind().current().id + "': evaluate again");
  }
  const uint16_t bucket = static_cast<uint16_t>(std::stoi(ask.prefix, nullptr, 16));
  const std::string_view scope = model::kScopeNames.Name(who.scope);
  const std::string context = blind::BoxContext(ask.key_id, ask.prefix, scope);
  std::string& body = res.body;
  body.assign("{\"key_id\":");
  AppendJsonString(ask.key_id, &body);
  body.append(",\"prefix\":");
  AppendJsonString(ask.prefix, &body);
  body.append(",\"scope\":");
  AppendJsonString(scope, &body);
  body.append(",\"entries\":[");
  size_t entries = 0;
  std::string verdict_json;
  for (const link::TokenEntry& e : index->Bucket(bucket)) {
    link::Verdict v = service.engine().Check(e.kind, e.canonical);
    // Reports may have gone since the entry was added (token_index.h).
    if (!v.known) continue;
    // What partners reported back, as POST /v1/check adds it (alert/marks.h).
    service.alerts().ApplyMarks(v);
    verdict_json.clear();
    link::AppendVerdictJson(v, &verdict_json, who.scope);
    std::string box = blind::SealVerdict(e.token, context, verdict_json);
    if (entries++ != 0) body.push_back(',');
    AppendJsonString(blind::ToBase64Url(std::span<const unsigned char>(
                     reinterpret_cast<const unsigned char*>(box.data()), box.size())),
                 &body);
  }
  body.append("]}");
  res.status = 200;
  res.audit_ticket = service.Audit(who, req, "POST /v1/blind/bucket", "blind", std::string(),
                                   "bucket=" + ask.prefix + " key=" + ask.key_id,
                                   "entries=" + std::to_string(entries));
}

ZICHT_REGISTER_ROUTE(blind_bucket, {.method = Method::kPost, .path = "/v1/blind/bucket", .name = "blind_bucket",
                                    .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                                    .handler = HandleBlindBucket});

}  // namespace
}  // namespace zicht::server

// POST /v1/oprf/evaluate, the first step of a blind look-up (docs/api.md;
// docs/privacy.md "Blind look-ups"): blinded elements in, each raised to
// the OPRF key out (RFC 9497). The hub never sees the identifier: a blinded
// element is uniformly random to it. Rate-limited per key, never logged.
#include <chrono>

#include "blind/oprf.h"
#include "blind/verdict_box.h"
#include "common/json_string.h"
#include "server/blind_lookups.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/oprf_request.h"
#include "server/service.h"

namespace zicht::server {
namespace {

// Audit: kind "oprf", subject "elements=N key=ID", result "evaluated" or
// "rate_limited" — the count and the key, never an element (which says
// nothing anyway: it is uniformly random to the hub).
void HandleOprfEvaluate(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  StackJson json;
  Status s = json.Parse(req.body);
  std::vector<blind::Element> elements;
  if (s.ok()) s = ParseOprfEvaluateRequest(json.doc(), &elements);
  if (!s.ok()) return WriteError(res, s);
  const OprfKey& key = service.blind().current();
  std::string subject = "elements=" + std::to_string(elements.size()) + " key=" + key.id;
  int retry_after = 0;
  if (!service.blind().limiter().Take(who.key_id, static_cast<int>(elements.size()),
                                      std::chrono::steady_clock::now(), &retry_after)) {
    res.audit_ticket = service.Audit(who, req, "POST /v1/oprf/evaluate", "oprf", std::string(), std::move(subject),
                                     "rate_limited");
    res.retry_after = retry_after;
    return WriteError(res, 429, "rate_limited",
                      "this key's OPRF evaluations are over " + std::to_string(service.options().oprf_rate_per_minute) +
                          " per minute; try again in " + std::to_string(retry_after) + " s");
  }
  std::string& body = res.body;
  body.assign("{\"key_id\":");
  AppendJsonString(key.id, &body);
  body.append(",\"evaluated\":[");
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i != 0) body.push_back(',');
    AppendJsonString(blind::ToBase64Url(blind::BlindEvaluate(key.secret, elements[i])), &body);
  }
  body.append("]}");
  res.status = 200;
  res.audit_ticket =
      service.Audit(who, req, "POST /v1/oprf/evaluate", "oprf", std::string(), std::move(subject), "evaluated");
}

ZICHT_REGISTER_ROUTE(oprf_evaluate, {.method = Method::kPost, .path = "/v1/oprf/evaluate", .name = "oprf_evaluate",
                                     .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                                     .handler = HandleOprfEvaluate});

}  // namespace
}  // namespace zicht::server

// Blind look-ups (docs/api.md; docs/privacy.md "Blind look-ups"):
//   POST /v1/oprf/evaluate  blinded elements in, the same times the OPRF key out
//   POST /v1/blind/bucket   a 2-byte token prefix in, every verdict of that
//                           bucket out, each sealed under its full token
// The hub never sees the identifier or its token: only a blinded element
// (uniformly random to it) and 16 bits of the token. Neither handler logs;
// each request is audited (partner, key, purpose, time, count, bucket).
#include <chrono>

#include "blind/verdict_box.h"
#include "link/verdict_json.h"
#include "server/blind_lookups.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/oprf_request.h"
#include "server/service.h"

namespace zicht::server {
namespace {

UnixSeconds Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  out->append(text);
  out->push_back('"');
}

}  // namespace

// Audit: kind "oprf", subject "elements=N key=ID", result "evaluated" or
// "rate_limited" — the count and the key, never an element (which says
// nothing anyway: it is uniformly random to the hub).
void Service::HandleOprfEvaluate(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  StackJson json;
  Status s = json.Parse(req.body);
  std::vector<blind::Element> elements;
  if (s.ok()) s = ParseOprfEvaluateRequest(json.doc(), &elements);
  if (!s.ok()) return WriteError(res, s);
  const OprfKey& key = blind_->current();
  std::string subject = "elements=" + std::to_string(elements.size()) + " key=" + key.id;
  int retry_after = 0;
  if (!blind_->limiter().Take(who.key_id, static_cast<int>(elements.size()), std::chrono::steady_clock::now(),
                              &retry_after)) {
    res.audit_ticket = Audit(who, req, "POST /v1/oprf/evaluate", "oprf", std::string(), std::move(subject),
                             "rate_limited");
    res.retry_after = retry_after;
    return WriteError(res, 429, "rate_limited",
                      "this key's OPRF evaluations are over " + std::to_string(options_.oprf_rate_per_minute) +
                          " per minute; try again in " + std::to_string(retry_after) + " s");
  }
  std::string& body = res.body;
  body.assign("{\"key_id\":");
  AppendQuoted(key.id, &body);
  body.append(",\"evaluated\":[");
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i != 0) body.push_back(',');
    AppendQuoted(blind::ToBase64Url(blind::BlindEvaluate(key.secret, elements[i])), &body);
  }
  body.append("]}");
  res.status = 200;
  res.audit_ticket = Audit(who, req, "POST /v1/oprf/evaluate", "oprf", std::string(), std::move(subject), "evaluated");
}

// Audit: kind "blind", subject "bucket=PREFIX key=ID", result "entries=N".
void Service::HandleBlindBucket(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  StackJson json;
  Status s = json.Parse(req.body);
  BucketAsk ask;
  if (s.ok()) s = ParseBlindBucketRequest(json.doc(), &ask);
  if (!s.ok()) return WriteError(res, s);
  if (!blind_->ready()) {
    res.retry_after = 10;
    return WriteError(res, 503, "unavailable",
                      "blind look-ups are starting: the token index is still being built; try again shortly");
  }
  const link::TokenIndex* index = blind_->IndexFor(ask.key_id, Now());
  if (index == nullptr) {
    return WriteError(res, 409, "key_retired",
                      "OPRF key '" + ask.key_id + "' is not (or no longer) in use; the current key is '" +
                          blind_->current().id + "': evaluate again");
  }
  const uint16_t bucket = static_cast<uint16_t>(std::stoi(ask.prefix, nullptr, 16));
  const std::string_view scope = model::kScopeNames.Name(who.scope);
  const std::string context = blind::BoxContext(ask.key_id, ask.prefix, scope);
  std::string& body = res.body;
  body.assign("{\"key_id\":");
  AppendQuoted(ask.key_id, &body);
  body.append(",\"prefix\":");
  AppendQuoted(ask.prefix, &body);
  body.append(",\"scope\":");
  AppendQuoted(scope, &body);
  body.append(",\"entries\":[");
  size_t entries = 0;
  std::string verdict_json;
  for (const link::TokenEntry& e : index->Bucket(bucket)) {
    link::Verdict v = engine_->Check(e.kind, e.canonical);
    // Reports may have gone since the entry was added (token_index.h).
    if (!v.known) continue;
    verdict_json.clear();
    link::AppendVerdictJson(v, &verdict_json, who.scope);
    std::string box = blind::SealVerdict(e.token, context, verdict_json);
    if (entries++ != 0) body.push_back(',');
    AppendQuoted(blind::ToBase64Url(std::span<const unsigned char>(
                     reinterpret_cast<const unsigned char*>(box.data()), box.size())),
                 &body);
  }
  body.append("]}");
  res.status = 200;
  res.audit_ticket = Audit(who, req, "POST /v1/blind/bucket", "blind", std::string(),
                           "bucket=" + ask.prefix + " key=" + ask.key_id, "entries=" + std::to_string(entries));
}

}  // namespace zicht::server

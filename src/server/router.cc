#include "server/router.h"

#include <algorithm>
#include <array>

namespace zicht::server {
namespace {

constexpr std::array<Route, 19> kRoutes{{
    {Method::kGet, "/healthz", Endpoint::kHealthz, "healthz", Access::kPublic, Right::kCheck, BodySize::kNone},
    {Method::kGet, "/metrics", Endpoint::kMetrics, "metrics", Access::kPublic, Right::kCheck, BodySize::kNone},
    {Method::kPost, "/v1/check", Endpoint::kCheck, "check", Access::kKey, Right::kCheck, BodySize::kQuery},
    {Method::kPost, "/v1/reports", Endpoint::kReports, "reports", Access::kKey, Right::kSubmit, BodySize::kBulk},
    // Erasure: a reporter key only for its own partner's sources (checked
    // in the handler, Principal::MayWrite), an analyst for any.
    {Method::kDelete, "/v1/reports/{source}/{id}", Endpoint::kEraseReport, "erase_report", Access::kKey, Right::kSubmit,
     BodySize::kNone},
    {Method::kGet, "/v1/clusters", Endpoint::kClusters, "clusters", Access::kKey, Right::kReadContents, BodySize::kNone},
    {Method::kGet, "/v1/clusters/{id}", Endpoint::kCluster, "cluster", Access::kKey, Right::kReadContents, BodySize::kNone},
    {Method::kGet, "/v1/mules", Endpoint::kMules, "mules", Access::kKey, Right::kReadContents, BodySize::kNone},
    {Method::kGet, "/v1/stats", Endpoint::kStats, "stats", Access::kKey, Right::kReadContents, BodySize::kNone},
    {Method::kPost, "/v1/payments/evaluate", Endpoint::kEvaluate, "evaluate", Access::kKey, Right::kCheck, BodySize::kBulk},
    {Method::kPost, "/v1/messages/screen", Endpoint::kScreen, "screen", Access::kKey, Right::kCheck, BodySize::kQuery},
    {Method::kPost, "/v1/messages/screen-thread", Endpoint::kScreenThread, "screen_thread", Access::kKey, Right::kCheck,
     BodySize::kQuery},
    {Method::kPost, "/v1/oprf/evaluate", Endpoint::kOprfEvaluate, "oprf_evaluate", Access::kKey, Right::kCheck,
     BodySize::kQuery},
    {Method::kPost, "/v1/blind/bucket", Endpoint::kBlindBucket, "blind_bucket", Access::kKey, Right::kCheck,
     BodySize::kQuery},
    // Alerts to the partner that holds an identifier (docs/alerts.md):
    // any key of the partner reads its feed and reports back.
    {Method::kGet, "/v1/alerts", Endpoint::kAlerts, "alerts", Access::kKey, Right::kCheck, BodySize::kNone},
    {Method::kPost, "/v1/feedback", Endpoint::kFeedback, "feedback", Access::kKey, Right::kCheck, BodySize::kQuery},
    {Method::kPost, "/v1/disputes", Endpoint::kDisputes, "disputes", Access::kKey, Right::kCheck, BodySize::kQuery},
    {Method::kPost, "/form/validate", Endpoint::kFormValidate, "form_validate", Access::kPublic, Right::kCheck, BodySize::kPublic},
    {Method::kPost, "/form/report", Endpoint::kFormReport, "form_report", Access::kPublic, Right::kCheck, BodySize::kPublic},
}};

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kDelete: return "DELETE";
    case Method::kPatch: return "PATCH";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

// Matches a route pattern against a concrete path; each "{name}" takes one
// non-empty segment (at most two: `params`).
bool PathMatches(std::string_view pattern, std::string_view path, std::string_view params[2]) {
  size_t n = 0;
  while (true) {
    size_t brace = pattern.find('{');
    if (brace == std::string_view::npos) return pattern == path;
    std::string_view prefix = pattern.substr(0, brace);
    if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
    path.remove_prefix(prefix.size());
    pattern.remove_prefix(pattern.find('}', brace) + 1);
    size_t end = path.find('/');
    std::string_view segment = path.substr(0, end);
    if (segment.empty() || n == 2) return false;
    params[n++] = segment;
    path.remove_prefix(segment.size());
  }
}

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

RouteMatch MatchRoute(Method method, std::string_view path) {
  RouteMatch match;
  for (const Route& r : kRoutes) {
    std::string_view params[2];
    if (!PathMatches(r.path, path, params)) continue;
    // HEAD is answered like GET (without a body) wherever GET is allowed.
    if (r.method == method || (method == Method::kHead && r.method == Method::kGet)) {
      match.route = &r;
      match.path_param = params[0];
      match.path_param2 = params[1];
      match.method_not_allowed = false;
      return match;
    }
    match.method_not_allowed = true;
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += MethodName(r.method);
    if (r.method == Method::kGet) match.allow += ", HEAD";
  }
  return match;
}

size_t RequestBodyLimit(Method method, std::string_view target, size_t max_body) {
  std::string_view path = target.substr(0, target.find('?'));
  const Route* route = MatchRoute(method, path).route;
  if (route == nullptr) return method == Method::kGet || method == Method::kHead ? kNoBodyLimit : kPublicBodyLimit;
  switch (route->body) {
    case BodySize::kNone: return kNoBodyLimit;
    case BodySize::kPublic: return kPublicBodyLimit;
    case BodySize::kQuery: return std::min(kQueryBodyLimit, max_body);
    case BodySize::kBulk: return max_body;
  }
  return kPublicBodyLimit;
}

std::string_view EndpointName(Endpoint endpoint) {
  for (const Route& r : kRoutes) {
    if (r.endpoint == endpoint) return r.name;
  }
  return "static";
}

}  // namespace zicht::server

#include "server/router.h"

#include <array>

namespace zicht::server {
namespace {

constexpr std::array<Route, 13> kRoutes{{
    {Method::kGet, "/healthz", Endpoint::kHealthz, "healthz", Access::kPublic, Right::kCheck},
    {Method::kGet, "/metrics", Endpoint::kMetrics, "metrics", Access::kPublic, Right::kCheck},
    {Method::kPost, "/v1/check", Endpoint::kCheck, "check", Access::kKey, Right::kCheck},
    {Method::kPost, "/v1/reports", Endpoint::kReports, "reports", Access::kKey, Right::kSubmit},
    {Method::kGet, "/v1/clusters", Endpoint::kClusters, "clusters", Access::kKey, Right::kReadContents},
    {Method::kGet, "/v1/clusters/{id}", Endpoint::kCluster, "cluster", Access::kKey, Right::kReadContents},
    {Method::kGet, "/v1/mules", Endpoint::kMules, "mules", Access::kKey, Right::kReadContents},
    {Method::kGet, "/v1/stats", Endpoint::kStats, "stats", Access::kKey, Right::kReadContents},
    {Method::kPost, "/v1/payments/evaluate", Endpoint::kEvaluate, "evaluate", Access::kKey, Right::kCheck},
    {Method::kPost, "/v1/messages/screen", Endpoint::kScreen, "screen", Access::kKey, Right::kCheck},
    {Method::kPost, "/v1/messages/screen-thread", Endpoint::kScreenThread, "screen_thread", Access::kKey, Right::kCheck},
    {Method::kPost, "/form/validate", Endpoint::kFormValidate, "form_validate", Access::kPublic, Right::kCheck},
    {Method::kPost, "/form/report", Endpoint::kFormReport, "form_report", Access::kPublic, Right::kCheck},
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

// Matches a route pattern against a concrete path; "{id}" takes one
// non-empty segment.
bool PathMatches(std::string_view pattern, std::string_view path, std::string_view* param) {
  size_t brace = pattern.find('{');
  if (brace == std::string_view::npos) return pattern == path;
  std::string_view prefix = pattern.substr(0, brace);
  if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  std::string_view rest = path.substr(prefix.size());
  if (rest.find('/') != std::string_view::npos) return false;
  *param = rest;
  return true;
}

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

RouteMatch MatchRoute(Method method, std::string_view path) {
  RouteMatch match;
  for (const Route& r : kRoutes) {
    std::string_view param;
    if (!PathMatches(r.path, path, &param)) continue;
    // HEAD is answered like GET (without a body) wherever GET is allowed.
    if (r.method == method || (method == Method::kHead && r.method == Method::kGet)) {
      match.route = &r;
      match.path_param = param;
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

std::string_view EndpointName(Endpoint endpoint) {
  for (const Route& r : kRoutes) {
    if (r.endpoint == endpoint) return r.name;
  }
  return "static";
}

}  // namespace zicht::server

#include "server/router.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <vector>

namespace zicht::server {
namespace {

// Filled before main() by the endpoint files; no locking needed after.
std::vector<Route>& Table() {
  static std::vector<Route> table;
  return table;
}

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

bool RegisterRoute(const Route& route) {
  std::vector<Route>& table = Table();
  for (const Route& r : table) {
    if ((r.method == route.method && r.path == route.path) || r.name == route.name) {
      std::fprintf(stderr, "zicht: route %s %.*s registered twice\n", std::string(MethodName(route.method)).c_str(),
                   static_cast<int>(route.path.size()), route.path.data());
      std::abort();
    }
  }
  table.push_back(route);
  std::sort(table.begin(), table.end(), [](const Route& a, const Route& b) {
    return std::tie(a.path, a.method) < std::tie(b.path, b.method);
  });
  for (size_t i = 0; i < table.size(); ++i) table[i].id = i;
  return true;
}

std::span<const Route> Routes() { return Table(); }

RouteMatch MatchRoute(Method method, std::string_view path) {
  RouteMatch match;
  for (const Route& r : Table()) {
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

}  // namespace zicht::server

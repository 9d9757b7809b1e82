#pragma once
// The route table of `zicht serve`: which method and path go to which
// endpoint, and which right it needs (docs/design.md "HTTP API"; docs/api.md).
// Each endpoint file adds its own row at start-up (RegisterRoute, see
// endpoint.h), so adding an endpoint edits no central list. The table is
// data so that the OpenAPI document can be checked against it
// (router_test.cc) and 404 vs 405 + Allow follow from it.
//
// Thread-safety: rows are registered during static initialisation, before
// main(); afterwards the table is immutable and all functions are pure.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "server/http_message.h"
#include "server/key_ring.h"

namespace zicht::server {

enum class Access { kPublic, kKey };

//! How large a request body a route takes (RequestBodyLimit). The public
//! form is open to anyone, so its bodies are small: four clients sending
//! 10 MiB bodies to /form/validate raised /healthz's p99 from 1 to 185 ms.
enum class BodySize {
  kNone,    // GET: 8 KiB, enough for a stray body, nothing to parse
  kPublic,  // no key: 64 KiB (a form report with a long text is < 25 KiB)
  kQuery,   // check, screen: 1 MiB
  kBulk,    // reports, payment replays: ServerOptions::max_body (10 MiB)
};
inline constexpr size_t kNoBodyLimit = 8 * 1024;
inline constexpr size_t kPublicBodyLimit = 64 * 1024;
inline constexpr size_t kQueryBodyLimit = 1024 * 1024;

struct EndpointCall;  // endpoint.h
using EndpointHandler = void (*)(const EndpointCall& call);

struct Route {
  Method method = Method::kGet;
  std::string_view path;  // OpenAPI spelling: "/v1/clusters/{id}"
  std::string_view name;  // metrics label: "check", "cluster", …; unique
  Access access = Access::kKey;
  Right right = Right::kCheck;  // when access == kKey
  BodySize body = BodySize::kNone;
  EndpointHandler handler = nullptr;
  size_t id = 0;  // the row's index in Routes(), set by RegisterRoute
};

//! Adds `route` to the table; called once per route from its endpoint file
//! at static initialisation (ZICHT_REGISTER_ROUTE, endpoint.h). Aborts on a
//! second route with the same method and path or name: a programming error
//! that must not reach a running server. Returns true.
bool RegisterRoute(const Route& route);

//! Every API route (static files excluded), ordered by path, then method;
//! Routes()[i].id == i.
std::span<const Route> Routes();

struct RouteMatch {
  const Route* route = nullptr;  // null → 404 or 405
  bool method_not_allowed = false;
  std::string allow;              // "GET, HEAD" when method_not_allowed
  std::string_view path_param;    // the {id} of /v1/clusters/{id}; the first parameter
  std::string_view path_param2;   // the second: {id} of /v1/reports/{source}/{id}
};

//! Finds the route for `method` and `path` (no query). Paths outside /v1,
//! /form, /healthz and /metrics are not matched here (static files).
RouteMatch MatchRoute(Method method, std::string_view path);

//! The largest body accepted for `method` and `target` (path and query):
//! its route's BodySize, `max_body` for kBulk; kPublicBodyLimit for paths
//! that match no route (they get a 404 or a static file).
size_t RequestBodyLimit(Method method, std::string_view target, size_t max_body);

}  // namespace zicht::server

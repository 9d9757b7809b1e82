#pragma once
// An HTTP endpoint of `zicht serve` is one file, `<name>_endpoint.cc`, that
// holds its handler and registers its route (router.h) at start-up:
//
//   namespace {
//   void HandleMules(const EndpointCall& call) { … call.res … }
//   ZICHT_REGISTER_ROUTE(mules, {.method = Method::kGet, .path = "/v1/mules", .name = "mules",
//                                .access = Access::kKey, .right = Right::kReadContents,
//                                .body = BodySize::kNone, .handler = HandleMules});
//   }  // namespace
//
// Service::Handle has already matched the route, authenticated the key and
// checked its role, scope and purpose when the handler runs; the handler
// parses the request, asks the Service (service.h: the index, the stores
// under their locks, the audit log, metrics) and writes the response.
// Failures go through error_response.h; a handler never throws on bad input.
//
// The endpoint files are an object library linked whole into every program
// that serves (zicht_service in CMakeLists.txt): nothing refers to them by
// name, so a static library would let the linker drop them.
#include <string_view>

#include "server/http_message.h"
#include "server/key_ring.h"
#include "server/router.h"

namespace zicht::server {

class Service;

//! Everything one request hands to its endpoint.
struct EndpointCall {
  Service& service;
  const HttpRequest& req;
  //! The caller; null on public routes (Access::kPublic).
  const Principal* who;
  std::string_view path;         // without the query
  std::string_view query;        // after '?', not decoded
  std::string_view path_param;   // the first {…} of the route's path, not decoded
  std::string_view path_param2;  // the second
  HttpResponse& res;
};

}  // namespace zicht::server

//! Registers one route at static initialisation; `tag` names the
//! registration (unique in its file).
#define ZICHT_REGISTER_ROUTE(tag, ...) \
  [[maybe_unused]] const bool kRegistered_##tag = ::zicht::server::RegisterRoute(::zicht::server::Route __VA_ARGS__)

// POST /v1/messages/screen and POST /v1/messages/screen-thread (docs/design.md
// "Message screening", docs/api.md): the body is handed to screen/ as is;
// server/ only maps its Status to HTTP. The screener is swapped whole on
// SIGHUP (ReloadSignals), so a request in flight finishes with the screener
// it started with.
#include "screen/screen_json.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleScreen(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  Result<std::string> out = screen::ScreenJsonRequest(*service.CurrentScreener(), req.body, who.scope);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

void HandleScreenThread(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  Result<std::string> out = screen::ScreenThreadJsonRequest(*service.CurrentScreener(), req.body, who.scope);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

ZICHT_REGISTER_ROUTE(screen, {.method = Method::kPost, .path = "/v1/messages/screen", .name = "screen",
                              .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                              .handler = HandleScreen});
ZICHT_REGISTER_ROUTE(screen_thread, {.method = Method::kPost, .path = "/v1/messages/screen-thread",
                                     .name = "screen_thread",
                                     .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                                     .handler = HandleScreenThread});

}  // namespace
}  // namespace zicht::server

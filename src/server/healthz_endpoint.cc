// GET /healthz: liveness for load balancers and orchestrators; no key, no
// work, so it answers while everything else is busy. 503 "behind" while
// the node's index may miss writes (Service::IndexCurrent).
#include "server/endpoint.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleHealthz(const EndpointCall& call) {
  if (!call.service.IndexCurrent()) {
    call.res.status = 503;
    call.res.body = R"({"status":"behind"})";
    return;
  }
  call.res.status = 200;
  call.res.body = R"({"status":"ok"})";
}

ZICHT_REGISTER_ROUTE(healthz, {.method = Method::kGet, .path = "/healthz", .name = "healthz",
                               .access = Access::kPublic, .right = Right::kCheck, .body = BodySize::kNone,
                               .handler = HandleHealthz});

}  // namespace
}  // namespace zicht::server

// GET /metrics: the Prometheus text exposition (docs/operations.md). No key:
// it carries counts and timings, never an identifier or a partner's data.
#include "server/endpoint.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleMetrics(const EndpointCall& call) {
  HttpResponse& res = call.res;
  res.status = 200;
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  res.body = call.service.metrics().Serialize(call.service.Gauges());
}

ZICHT_REGISTER_ROUTE(metrics, {.method = Method::kGet, .path = "/metrics", .name = "metrics",
                               .access = Access::kPublic, .right = Right::kCheck, .body = BodySize::kNone,
                               .handler = HandleMetrics});

}  // namespace
}  // namespace zicht::server

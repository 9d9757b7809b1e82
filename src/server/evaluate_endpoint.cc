// POST /v1/payments/evaluate (docs/barriers.md): each partner's events go
// to that partner's own barrier engine (barrier_state.h), with per-account
// state across requests, kept durable by the barrier state writer.
#include <algorithm>

#include "barrier/evaluate_json.h"
#include "server/barrier_state.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/service.h"
#include "server/shared_barrier.h"

namespace zicht::server {
namespace {

// An Idempotency-Key is 1–255 visible ASCII characters (a UUID, say).
Status CheckIdempotencyKey(std::string_view key) {
  bool visible = std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (key.size() <= 255 && visible) return Status::Ok();
  return Status::InvalidArgument("Idempotency-Key must be 1 to 255 visible ASCII characters");
}

void HandleEvaluate(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  if (!req.idempotency_key.empty()) {
    if (Status s = CheckIdempotencyKey(req.idempotency_key); !s.ok()) return WriteError(res, s);
  }
  if (SharedBarrier* shared = service.shared_barrier()) {
    // Committed before it returns: nothing to wait for.
    Result<std::string> out = shared->Evaluate(who.partner, req.body, req.idempotency_key);
    if (!out.ok()) return WriteError(res, out.status());
    res.status = 200;
    res.body = std::move(out).value();
    return;
  }
  Result<std::string> out = barrier::EvaluateJsonRequest(service.barrier()->ForPartner(who.partner), req.body);
  if (!out.ok()) return WriteError(res, out.status());
  // The changed accounts were queued before Apply returned: waiting for the
  // writer's latest ticket waits for them (and perhaps a few others'). The
  // answer waits under --durability full, and under normal while the writer
  // is behind (back-pressure, barrier_state_writer.h).
  BarrierStateWriter& writer = *service.barrier_writer();
  if (service.options().durability == store::Durability::kFull || writer.Backlogged()) {
    res.barrier_ticket = writer.LastTicket();
  }
  res.status = 200;
  res.body = std::move(out).value();
}

ZICHT_REGISTER_ROUTE(evaluate, {.method = Method::kPost, .path = "/v1/payments/evaluate", .name = "evaluate",
                                .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kBulk,
                                .handler = HandleEvaluate});

}  // namespace
}  // namespace zicht::server

// POST /v1/reports: one report or JSON Lines from a partner, with the same
// guarantees and summary as `zicht ingest` (Service::Ingest,
// service_writes.cc). A key writes only the sources its partner owns.
#include "ingest/ingest_summary.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleReports(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  if (req.body.empty()) return WriteError(res, 400, "invalid_argument", "body is empty: send a report or JSON Lines");
  Result<ingest::IngestSummary> summary =
      service.Ingest(req, req.body, who, "POST /v1/reports", true, &res.audit_ticket);
  if (!summary.ok()) return WriteError(res, summary.status());
  res.status = 200;
  res.body = ingest::SummaryToJson(*summary, true);
}

ZICHT_REGISTER_ROUTE(reports, {.method = Method::kPost, .path = "/v1/reports", .name = "reports",
                               .access = Access::kKey, .right = Right::kSubmit, .body = BodySize::kBulk,
                               .handler = HandleReports});

}  // namespace
}  // namespace zicht::server

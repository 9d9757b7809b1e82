// GET /v1/stats/outcomes: what partners did with their alerts, per partner
// and rule (docs/alerts.md, "Outcome statistics"; docs/api.md) — the same
// rows, summaries and JSON as `zicht stats --outcomes --format json`
// (alert/outcome_stats.h). No identifiers, only counts.
#include "alert/outcome_stats.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleOutcomeStats(const EndpointCall& call) {
  HttpResponse& res = call.res;
  auto rows = call.service.alerts().Outcomes();
  if (!rows.ok()) return WriteError(res, rows.status());
  res.status = 200;
  res.content_type = "application/json";
  res.body = alert::OutcomesJson(alert::Summarize(*rows));
}

ZICHT_REGISTER_ROUTE(outcome_stats, {.method = Method::kGet, .path = "/v1/stats/outcomes", .name = "outcome_stats",
                                     .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                                     .handler = HandleOutcomeStats});

}  // namespace
}  // namespace zicht::server

// GET /v1/stats: reports, attempts, losses and damage per week or month and
// fraud type (docs/api.md; the same rows as `zicht stats`).
#include <rapidjson/stringbuffer.h>

#include "link/stats_json.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleStats(const EndpointCall& call) {
  Service& service = call.service;
  HttpResponse& res = call.res;
  std::string_view query = call.query;
  store::StatsQuery q;
  std::string by = QueryParam(query, "by").value_or("month");
  if (by == "week") {
    q.by = store::StatsBucket::kWeek;
  } else if (by == "month") {
    q.by = store::StatsBucket::kMonth;
  } else {
    return WriteError(res, 400, "invalid_argument", "query parameter 'by' must be week or month, not '" + by + "'");
  }
  if (auto type = QueryParam(query, "type")) {
    auto parsed = model::kFraudTypeNames.Parse(*type);
    if (!parsed) {
      return WriteError(res, 400, "invalid_argument", "query parameter 'type' must be one of " +
                                                          model::kFraudTypeNames.Joined() + ", not '" + *type + "'");
    }
    q.fraud_type = *parsed;
  }
  if (auto since = QueryParam(query, "since")) {
    auto parsed = ParseRfc3339(*since);
    if (!parsed.ok()) {
      return WriteError(res, 400, "invalid_argument", "query parameter 'since': " + parsed.status().message());
    }
    q.since = parsed->seconds;
  }
  Result<std::vector<store::StatsRow>> rows = service.Stats(q);
  if (!rows.ok()) return WriteError(res, rows.status());
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  link::WriteStatsJson(w, by, *rows);
  WriteJsonResponse(res, buf);
}

ZICHT_REGISTER_ROUTE(stats, {.method = Method::kGet, .path = "/v1/stats", .name = "stats",
                             .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                             .handler = HandleStats});

}  // namespace
}  // namespace zicht::server

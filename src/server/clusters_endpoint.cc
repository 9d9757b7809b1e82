// GET /v1/clusters: the networks of reports that share an identifier,
// most promising first (docs/design.md "HTTP API"; shape in docs/api.md).
// Shows report contents, so it needs scope detail; every read is audited.
#include <rapidjson/stringbuffer.h>

#include "link/export.h"
#include "link/verdict_json.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleClusters(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  std::string_view query = call.query;
  auto top = PositiveQueryParam(query, "top", kDefaultTop, kMaxTop);
  if (!top.ok()) return WriteError(res, top.status());
  auto min_reports = PositiveQueryParam(query, "min_reports", 2, kMaxTop);
  if (!min_reports.ok()) return WriteError(res, min_reports.status());
  link::ClusterQuery q;
  q.top = *top;
  q.min_reports = static_cast<int64_t>(*min_reports);
  std::vector<link::ClusterSummary> clusters = service.engine().Clusters(q);
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  w.StartObject();
  w.Key("clusters");
  w.StartArray();
  for (const link::ClusterSummary& c : clusters) link::WriteClusterSummaryJson(w, c);
  w.EndArray();
  w.EndObject();
  res.audit_ticket = service.Audit(who, req, "GET /v1/clusters", "", "", "top=" + std::to_string(*top), "ok");
  WriteJsonResponse(res, buf);
}

ZICHT_REGISTER_ROUTE(clusters, {.method = Method::kGet, .path = "/v1/clusters", .name = "clusters",
                                .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                                .handler = HandleClusters});

}  // namespace
}  // namespace zicht::server

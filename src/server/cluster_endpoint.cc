// GET /v1/clusters/{id}: one network with its reports and identifiers, as
// JSON or exported for an analyst's tool (?format=graphml|stix|dot;
// docs/api.md). Shows report contents (scope detail) and what partners
// reported back about each identifier; audited.
#include "alert/cluster_outcomes.h"
#include "link/export.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void WriteClusterExport(const link::ClusterDetail& detail, std::string_view format, HttpResponse& res) {
  res.status = 200;
  if (format == "dot") {
    res.content_type = "text/vnd.graphviz; charset=utf-8";
    res.body = link::ClusterDot(detail);
  } else if (format == "graphml") {
    res.content_type = "application/graphml+xml";
    res.body = link::ClusterGraphml(detail);
  } else {
    res.content_type = "application/stix+json;version=2.1";
    res.body = link::ClusterStix(detail);
  }
  res.content_disposition = "attachment; filename=\"" + detail.summary.id + "." +
                            (format == "stix" ? std::string("stix.json") : std::string(format)) + "\"";
}

void HandleCluster(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  std::string_view query = call.query;
  std::optional<std::string> id = PercentDecode(call.path_param);
  if (!id || id->empty()) return WriteError(res, 400, "invalid_argument", "cluster id is malformed");
  std::string format = QueryParam(query, "format").value_or("json");
  if (format != "json" && format != "graphml" && format != "stix" && format != "dot") {
    return WriteError(res, 400, "invalid_argument",
                      "query parameter 'format' must be json, graphml, stix or dot, not '" + format + "'");
  }
  Result<link::ClusterDetail> detail = service.engine().Cluster(*id);
  res.audit_ticket = service.Audit(who, req, "GET /v1/clusters/{id}", "", "", *id, detail.ok() ? "ok" : "not_found");
  if (!detail.ok()) return WriteError(res, detail.status());
  if (format != "json") {
    return WriteClusterExport(*detail, format, res);
  }
  res.status = 200;
  res.content_type = "application/json";
  // The same writer as `zicht cluster --format json`, with what partners
  // reported back about each identifier (the marks in memory).
  res.body = alert::ClusterDetailWithOutcomesJson(*detail, *service.alerts().CurrentMarks());
}

ZICHT_REGISTER_ROUTE(cluster, {.method = Method::kGet, .path = "/v1/clusters/{id}", .name = "cluster",
                               .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                               .handler = HandleCluster});

}  // namespace
}  // namespace zicht::server

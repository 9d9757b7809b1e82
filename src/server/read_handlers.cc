// The analyst's reads: GET /v1/clusters, /v1/clusters/{id}, /v1/mules and
// /v1/stats (docs/design.md "HTTP API"; shapes in docs/api.md). Cluster reads
// show report contents and are written to the audit log.
#include <charconv>

#include "link/export.h"
#include "link/stats_json.h"
#include "link/verdict_json.h"
#include "server/error_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

constexpr size_t kDefaultTop = 100;
constexpr size_t kMaxTop = 100000;

// ?name=N as a positive integer ≤ max; `fallback` when absent.
Result<size_t> PositiveParam(std::string_view query, std::string_view name, size_t fallback, size_t max) {
  std::optional<std::string> text = QueryParam(query, name);
  if (!text) return fallback;
  size_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value == 0 || value > max) {
    return Status::InvalidArgument("query parameter '" + std::string(name) + "' must be a whole number from 1 to " +
                                   std::to_string(max));
  }
  return value;
}

void Finish(HttpResponse& res, const rapidjson::StringBuffer& buf) {
  res.status = 200;
  res.content_type = "application/json";
  res.body.assign(buf.GetString(), buf.GetSize());
}

}  // namespace

void Service::WriteClusterExport(const link::ClusterDetail& detail, std::string_view format, HttpResponse& res) {
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

void Service::HandleClusters(const HttpRequest& req, std::string_view query, const Principal& who,
                             HttpResponse& res) {
  auto top = PositiveParam(query, "top", kDefaultTop, kMaxTop);
  if (!top.ok()) return WriteError(res, top.status());
  auto min_reports = PositiveParam(query, "min_reports", 2, kMaxTop);
  if (!min_reports.ok()) return WriteError(res, min_reports.status());
  link::ClusterQuery q;
  q.top = *top;
  q.min_reports = static_cast<int64_t>(*min_reports);
  std::vector<link::ClusterSummary> clusters = engine_->Clusters(q);
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  w.StartObject();
  w.Key("clusters");
  w.StartArray();
  for (const link::ClusterSummary& c : clusters) link::WriteClusterSummaryJson(w, c);
  w.EndArray();
  w.EndObject();
  res.audit_ticket = Audit(who, req, "GET /v1/clusters", "", "", "top=" + std::to_string(*top), "ok");
  Finish(res, buf);
}

void Service::HandleCluster(const HttpRequest& req, std::string_view raw_id, std::string_view query,
                            const Principal& who, HttpResponse& res) {
  std::optional<std::string> id = PercentDecode(raw_id);
  if (!id || id->empty()) return WriteError(res, 400, "invalid_argument", "cluster id is malformed");
  std::string format = QueryParam(query, "format").value_or("json");
  if (format != "json" && format != "graphml" && format != "stix" && format != "dot") {
    return WriteError(res, 400, "invalid_argument",
                      "query parameter 'format' must be json, graphml, stix or dot, not '" + format + "'");
  }
  Result<link::ClusterDetail> detail = engine_->Cluster(*id);
  res.audit_ticket = Audit(who, req, "GET /v1/clusters/{id}", "", "", *id, detail.ok() ? "ok" : "not_found");
  if (!detail.ok()) return WriteError(res, detail.status());
  if (format != "json") {
    return WriteClusterExport(*detail, format, res);
  }
  res.status = 200;
  res.content_type = "application/json";
  res.body = link::ClusterDetailJson(*detail);  // the same writer as `zicht cluster --format json`
}

void Service::HandleMules(std::string_view query, HttpResponse& res) {
  auto top = PositiveParam(query, "top", kDefaultTop, kMaxTop);
  if (!top.ok()) return WriteError(res, top.status());
  std::vector<link::IdentifierNode> mules = engine_->Mules(*top);
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  w.StartObject();
  w.Key("mules");
  w.StartArray();
  for (const link::IdentifierNode& n : mules) {
    w.StartObject();
    link::WriteIdentifierNodeFields(w, n);
    // The cluster the IBAN sits in, so the dashboard can link to it.
    w.Key("cluster");
    link::WriteClusterRefJson(w, engine_->Check(n.kind, n.canonical).cluster);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  Finish(res, buf);
}

void Service::HandleStats(std::string_view query, HttpResponse& res) {
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
  Result<std::vector<store::StatsRow>> rows = [&] {
    std::lock_guard<std::mutex> lock(read_mu_);
    return read_store_->Stats(q);
  }();
  if (!rows.ok()) return WriteError(res, rows.status());
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  link::WriteStatsJson(w, by, *rows);
  Finish(res, buf);
}

}  // namespace zicht::server

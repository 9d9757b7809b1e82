#include "server/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <vector>

#include "alert/rules.h"
#include "server/process_metrics.h"

#ifndef ZICHT_VERSION
#error "ZICHT_VERSION must be defined by the build (src/server/CMakeLists.txt)"
#endif

namespace zicht::server {
namespace {

// Buckets around the 2 ms p99 target of /v1/check, up to slow ingests.
constexpr std::array<double, 16> kBounds{0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025,
                                         0.05,   0.1,     0.25,   0.5,   1,     2.5,   5,     10};

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      routes_(Routes().size() + 1),
      latency_(routes_),
      counters_(new std::atomic<prometheus::Counter*>[routes_ * kStatuses]),
      cells_(new LatencyCells[routes_]) {
  static_assert(kBounds.size() == kBuckets);
  for (size_t i = 0; i < routes_ * kStatuses; ++i) counters_[i].store(nullptr, std::memory_order_relaxed);
  requests_ = &prometheus::BuildCounter()
                   .Name("zicht_http_requests_total")
                   .Help("HTTP requests answered, by route and status")
                   .Register(*registry_);
  auto& latency = prometheus::BuildHistogram()
                      .Name("zicht_http_request_duration_seconds")
                      .Help("Time from a complete request to its response being ready, by route")
                      .Register(*registry_);
  const prometheus::Histogram::BucketBoundaries buckets(kBounds.begin(), kBounds.end());
  for (size_t e = 0; e < routes_; ++e) latency_[e] = &latency.Add({{"route", RouteLabel(e)}}, buckets);
  ingest_ = &prometheus::BuildCounter()
                 .Name("zicht_ingest_reports_total")
                 .Help("Reports received over HTTP, by outcome")
                 .Register(*registry_);
  ingest_accepted_ = &ingest_->Add({{"outcome", "accepted"}});
  ingest_updated_ = &ingest_->Add({{"outcome", "updated"}});
  ingest_duplicates_ = &ingest_->Add({{"outcome", "duplicate"}});
  ingest_rejected_ = &ingest_->Add({{"outcome", "rejected"}});
  erased_ = &prometheus::BuildCounter()
                 .Name("zicht_reports_erased_total")
                 .Help("Reports erased by DELETE /v1/reports/{source}/{id} or by the retention job")
                 .Register(*registry_)
                 .Add({});
  // Counts and bytes of the index are separate metrics: a sum or rate
  // over a metric must never add reports to bytes.
  index_identifiers_ = &prometheus::BuildGauge()
                            .Name("zicht_index_identifiers")
                            .Help("Distinct identifiers in the in-memory index")
                            .Register(*registry_)
                            .Add({});
  index_reports_ = &prometheus::BuildGauge()
                        .Name("zicht_index_reports")
                        .Help("Reports in the in-memory index")
                        .Register(*registry_)
                        .Add({});
  index_bytes_ = &prometheus::BuildGauge()
                      .Name("zicht_index_memory_bytes")
                      .Help("Memory used by the in-memory identifier index, in bytes")
                      .Register(*registry_)
                      .Add({});
  audit_written_ = &prometheus::BuildCounter()
                        .Name("zicht_audit_entries_written_total")
                        .Help("Audit log entries written since start")
                        .Register(*registry_)
                        .Add({});
  refused_connections_ = &prometheus::BuildCounter()
                             .Name("zicht_http_refused_connections_total")
                             .Help("Connections closed at accept: over --max-connections or "
                                   "--max-connections-per-address (docs/security.md)")
                             .Register(*registry_)
                             .Add({});
  // All three results exist from the start at 0, so a rate() over them
  // needs no first failure to appear.
  auto& webhooks = prometheus::BuildCounter()
                       .Name("zicht_alert_webhook_attempts_total")
                       .Help("Webhook POSTs of alerts by result: delivered (2xx), failed (retried later), "
                             "gave_up (last attempt failed; the alert stays in GET /v1/alerts)")
                       .Register(*registry_);
  webhook_delivered_ = &webhooks.Add({{"result", "delivered"}});
  webhook_failed_ = &webhooks.Add({{"result", "failed"}});
  webhook_gave_up_ = &webhooks.Add({{"result", "gave_up"}});
  // Every rule from the start at 0, like the webhook results.
  alerts_raised_ = &prometheus::BuildCounter()
                        .Name("zicht_alerts_raised_total")
                        .Help("Alerts raised (stored) by this node, by rule (docs/alerts.md, \"Rules\")")
                        .Register(*registry_);
  for (std::string_view rule : {alert::kRuleBeneficiaryLoss, alert::kRuleReports, alert::kRuleMuleCandidate,
                                alert::kRulePriorityCluster, alert::kRuleDisputed, alert::kRuleCleared}) {
    alerts_raised_by_rule_.emplace_back(rule, &alerts_raised_->Add({{"rule", std::string(rule)}}));
  }
  prometheus::BuildGauge()
      .Name("zicht_build_info")
      .Help("Always 1; the version of the running zicht in the label")
      .Register(*registry_)
      .Add({{"version", ZICHT_VERSION}})
      .Set(1);
  connections_ = &prometheus::BuildGauge()
                      .Name("zicht_http_open_connections")
                      .Help("Open client connections")
                      .Register(*registry_)
                      .Add({});
  change_log_position_ = &prometheus::BuildGauge()
                              .Name("zicht_change_log_position")
                              .Help("Sequence number of the last store change-log entry this node applied "
                                    "(compare across nodes: docs/deploy.md)")
                              .Register(*registry_)
                              .Add({});
  change_log_behind_ = &prometheus::BuildGauge()
                            .Name("zicht_change_log_behind")
                            .Help("1 when the change log was pruned past this node's position (restart it)")
                            .Register(*registry_)
                            .Add({});
}

Metrics::~Metrics() = default;

std::string Metrics::RouteLabel(size_t slot) const {
  return slot + 1 < routes_ ? std::string(Routes()[slot].name) : std::string("static");
}

size_t Metrics::SlotOf(const Route* route) const {
  // A route registered after this Metrics was made (never, once main runs)
  // is counted with the static files rather than out of bounds.
  return route != nullptr && route->id + 1 < routes_ ? route->id : routes_ - 1;
}

prometheus::Counter* Metrics::RequestCounter(size_t route_slot, int status) {
  if (status < 0 || status >= static_cast<int>(kStatuses)) status = 0;
  size_t slot = route_slot * kStatuses + static_cast<size_t>(status);
  prometheus::Counter* c = counters_[slot].load(std::memory_order_acquire);
  if (c != nullptr) return c;
  MutexLock lock(&create_mu_);
  c = counters_[slot].load(std::memory_order_acquire);
  if (c == nullptr) {
    c = &requests_->Add({{"route", RouteLabel(route_slot)}, {"status", std::to_string(status)}});
    counters_[slot].store(c, std::memory_order_release);
  }
  return c;
}

void Metrics::ObserveRequest(const Route* route, int status, double seconds) {
  const size_t slot = SlotOf(route);
  RequestCounter(slot, status)->Increment();
  // The bucket as prometheus-cpp picks it: the first bound >= the value.
  size_t b = 0;
  while (b < kBuckets && seconds > kBounds[b]) ++b;
  LatencyCells& c = cells_[slot];
  c.counts[b].fetch_add(1, std::memory_order_relaxed);
  c.sum_ns.fetch_add(static_cast<uint64_t>(std::max(0.0, seconds) * 1e9), std::memory_order_relaxed);
}

void Metrics::AddIngest(const IngestCounts& counts) {
  ingest_accepted_->Increment(static_cast<double>(counts.accepted));
  ingest_updated_->Increment(static_cast<double>(counts.updated));
  ingest_duplicates_->Increment(static_cast<double>(counts.duplicates));
  ingest_rejected_->Increment(static_cast<double>(counts.rejected));
}

void Metrics::AddErased(int64_t reports) { erased_->Increment(static_cast<double>(reports)); }

void Metrics::CountRefusedConnection() { refused_connections_->Increment(); }

void Metrics::CountWebhookAttempt(WebhookAttempt attempt) {
  switch (attempt) {
    case WebhookAttempt::kDelivered: webhook_delivered_->Increment(); break;
    case WebhookAttempt::kFailed: webhook_failed_->Increment(); break;
    case WebhookAttempt::kGaveUp: webhook_gave_up_->Increment(); break;
  }
}

void Metrics::CountAlertRaised(std::string_view rule) {
  for (const auto& [name, counter] : alerts_raised_by_rule_) {
    if (name == rule) return counter->Increment();
  }
  // A rule this list does not know yet is counted rather than lost
  // (Family::Add is thread-safe and returns the existing counter).
  alerts_raised_->Add({{"rule", std::string(rule)}}).Increment();
}

std::string Metrics::Serialize(const GaugeValues& gauges) {
  MutexLock lock(&serialize_mu_);
  index_identifiers_->Set(static_cast<double>(gauges.distinct_identifiers));
  index_reports_->Set(static_cast<double>(gauges.indexed_reports));
  index_bytes_->Set(static_cast<double>(gauges.index_bytes));
  // The audit log counts its own writes; the counter follows that count.
  const double audit_written = static_cast<double>(gauges.audit_written);
  if (audit_written > audit_written_seen_) {
    audit_written_->Increment(audit_written - audit_written_seen_);
    audit_written_seen_ = audit_written;
  }
  connections_->Set(static_cast<double>(gauges.open_connections));
  change_log_position_->Set(static_cast<double>(gauges.change_log_position));
  change_log_behind_->Set(gauges.change_log_behind ? 1 : 0);
  // Hand the latency observations since the last scrape to the histograms.
  std::vector<double> increments(kBuckets + 1);
  for (size_t e = 0; e < routes_; ++e) {
    LatencyCells& c = cells_[e];
    bool any = false;
    for (size_t b = 0; b <= kBuckets; ++b) {
      uint64_t now = c.counts[b].load(std::memory_order_relaxed);
      increments[b] = static_cast<double>(now - c.flushed[b]);
      any = any || now != c.flushed[b];
      c.flushed[b] = now;
    }
    uint64_t sum = c.sum_ns.load(std::memory_order_relaxed);
    double sum_seconds = static_cast<double>(sum - c.flushed_sum_ns) / 1e9;
    c.flushed_sum_ns = sum;
    if (any) latency_[e]->ObserveMultiple(increments, sum_seconds);
  }
  return prometheus::TextSerializer().Serialize(registry_->Collect()) + ProcessMetricsText();
}

}  // namespace zicht::server

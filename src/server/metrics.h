#pragma once
// GET /metrics: Prometheus text format via prometheus-cpp (docs/design.md "HTTP
// API"). Exposes requests by route and status, latency histograms per route,
// ingest counts, index size and audit-log writes, the process metrics
// (process_metrics.h) and zicht_build_info. Names follow the Prometheus
// conventions: counters end in _total, units are in the name (_seconds,
// _bytes), and no metric mixes units (docs/api.md lists every metric;
// contract_test.cc checks the output with `promtool check metrics`).
//
// Cost: the hot path (ObserveRequest) takes no lock: a counter increment
// and three relaxed atomic adds into this class's own latency buckets.
// Counters per (route, status) are created once, on first use, and found
// again through a fixed table without a lock. prometheus-cpp's Histogram
// locks a mutex per Observe(), which all I/O threads would contend on for
// every check; so the latency buckets are kept here and handed to the
// registry's histograms (ObserveMultiple) only when /metrics is scraped.
//
// Thread-safety: every method may be called from any thread.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/mutex.h"
#include "server/router.h"

namespace prometheus {
class Registry;
class Counter;
class Histogram;
class Gauge;
template <typename T>
class Family;
}  // namespace prometheus

namespace zicht::server {

struct IngestCounts {
  int64_t accepted = 0;
  int64_t updated = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
};

//! What one webhook POST of an alert came to (alert_delivery.h).
enum class WebhookAttempt { kDelivered, kFailed, kGaveUp };

//! Figures read at scrape time (index size, audit writes, connections).
struct GaugeValues {
  int64_t distinct_identifiers = 0;
  int64_t indexed_reports = 0;
  int64_t index_bytes = 0;
  int64_t audit_written = 0;
  int64_t open_connections = 0;
  int64_t change_log_position = 0;  // change_follower.h: the last change-log entry applied
  bool change_log_behind = false;   // the log was pruned past this node's position
};

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  //! One answered request: its route (null for a static file), HTTP status
  //! and wall time.
  void ObserveRequest(const Route* route, int status, double seconds);

  //! Outcome counts of one ingest (POST /v1/reports or the form).
  void AddIngest(const IngestCounts& counts);

  //! Reports erased (DELETE /v1/reports/… or a retention run).
  void AddErased(int64_t reports);

  //! One connection closed at accept for being over a cap (any thread).
  void CountRefusedConnection();

  //! One webhook POST of an alert and its result (any delivery thread).
  void CountWebhookAttempt(WebhookAttempt attempt);

  //! One alert raised (inserted into the store by this node) under `rule`
  //! (alert/rules.h); any thread.
  void CountAlertRaised(std::string_view rule);

  //! The Prometheus text exposition of everything, with `gauges` filled in.
  std::string Serialize(const GaugeValues& gauges);

 private:
  static constexpr size_t kStatuses = 600;
  static constexpr size_t kBuckets = 16;  // upper bounds in kBounds, plus +Inf

  // Latency observations of one route not yet handed to the registry.
  struct LatencyCells {
    std::array<std::atomic<uint64_t>, kBuckets + 1> counts{};
    std::atomic<uint64_t> sum_ns{0};
    std::array<uint64_t, kBuckets + 1> flushed{};  // GUARDED_BY(serialize_mu_)
    uint64_t flushed_sum_ns = 0;                   // GUARDED_BY(serialize_mu_)
  };

  // Slot i < routes_ - 1 is Routes()[i]; the last one is the static files.
  size_t SlotOf(const Route* route) const;
  std::string RouteLabel(size_t slot) const;
  prometheus::Counter* RequestCounter(size_t route_slot, int status);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Counter>* ingest_;
  const size_t routes_;  // Routes().size() + 1, fixed at construction
  std::vector<prometheus::Histogram*> latency_;  // [slot]
  prometheus::Counter* ingest_accepted_;
  prometheus::Counter* ingest_updated_;
  prometheus::Counter* ingest_duplicates_;
  prometheus::Counter* ingest_rejected_;
  prometheus::Counter* refused_connections_;
  prometheus::Counter* webhook_delivered_;
  prometheus::Counter* webhook_failed_;
  prometheus::Counter* webhook_gave_up_;
  prometheus::Family<prometheus::Counter>* alerts_raised_;
  // One counter per rule of alert/rules.h, made at start (read-only after).
  std::vector<std::pair<std::string_view, prometheus::Counter*>> alerts_raised_by_rule_;
  prometheus::Counter* erased_;
  prometheus::Gauge* index_identifiers_;
  prometheus::Gauge* index_reports_;
  prometheus::Gauge* index_bytes_;
  prometheus::Counter* audit_written_;
  Mutex serialize_mu_;
  double audit_written_seen_ ZICHT_GUARDED_BY(serialize_mu_) = 0;  // the count last added to audit_written_
  prometheus::Gauge* connections_;
  prometheus::Gauge* change_log_position_;
  prometheus::Gauge* change_log_behind_;
  Mutex create_mu_;  // serialises Family::Add for new (route, status) pairs
  std::unique_ptr<std::atomic<prometheus::Counter*>[]> counters_;  // [slot * kStatuses + status]
  std::unique_ptr<LatencyCells[]> cells_;  // [slot]
};

}  // namespace zicht::server

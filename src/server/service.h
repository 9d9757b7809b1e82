#pragma once
// The Zicht HTTP service without the HTTP transport: routing, API keys and
// roles, the audit log, metrics and every endpoint of docs/design.md "HTTP API".
// http_server.cc feeds it parsed requests; tests and benchmarks could too.
//
// Errors: every handler turns a failure into `{"error":{"code","message"}}`
// with a fitting status (error_response.h); Handle() keeps a last catch-all,
// so no request can take the service down.
//
// The endpoints themselves are files of their own (endpoint.h); the Service
// is what they share: the index, the stores, the audit log, keys, metrics.
//
// Thread-safety: Handle() is called concurrently from every I/O thread.
// Checks read the engine (which has its own lock); writes to the store
// (ingest, erasure, retention) are serialised by `ingest_mu_`; statistics
// reads by `read_mu_`.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/mutex.h"
#include "common/result.h"
#include "ingest/ingest_summary.h"
#include "link/engine.h"
#include "server/audit_log.h"
#include "server/http_message.h"
#include "server/key_ring.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/router.h"
#include "server/server_options.h"
#include "store/retention_policy.h"
#include "store/store.h"

namespace zicht::screen {
class Screener;
class IdentifierLookup;
}

namespace zicht::server {

class BarrierState;        // per-account state of POST /v1/payments/evaluate
class BarrierStateWriter;  // its durable copy
class RetentionJob;        // the daily retention run (retention_job.h)
class BlindLookups;        // OPRF keys and token indexes of the blind look-ups
class ChangeFollower;      // keeps the index current with other writers (change_follower.h)
class SharedBarrier;       // barrier evaluation across nodes (shared_barrier.h)
class AlertService;        // alerts to the partner that holds an identifier, outcomes, disputes

class Service {
 public:
  //! Loads the keys file and the pseudonym secret (creating it when absent),
  //! opens the store and the audit log, and builds the index from every
  //! stored report. On failure: the Status of the step that failed.
  static Result<std::unique_ptr<Service>> Open(const ServerOptions& options);
  ~Service();

  //! Answers one request. Never throws.
  void Handle(const HttpRequest& req, HttpResponse& res);

  //! Re-reads the keys file (SIGHUP). On failure the old keys stay.
  Status ReloadKeys();

  //! Rebuilds the message screener from --signals DIR or the built-in
  //! signals (at start and on SIGHUP). On failure the old screener stays.
  Status ReloadSignals();
  //! Runs `done` once the audit entry of `ticket` (HttpResponse::audit_ticket)
  //! is committed when the server runs with --durability full; at once
  //! otherwise, or when `ticket` is 0. See AuditLog::WhenDurable.
  void WhenAudited(uint64_t ticket, std::function<void()> done);
  //! The same for HttpResponse::barrier_ticket: runs `done` once the barrier
  //! state of the request's events is committed; at once when `ticket` is 0.
  //! See BarrierStateWriter::WhenDurable.
  void WhenBarrierStateDurable(uint64_t ticket, std::function<void()> done);

  //! Erases the reports past their retention period (--retention FILE)
  //! from the store and the index, logs the counts per source to stderr and
  //! audits the run. Runs at start and then every 24 hours (RetentionJob);
  //! without --retention it does nothing. service_writes.cc.
  Status ApplyRetention();

  //! Stops the retention job, writes out the audit log and the barrier
  //! state and stops their writers (after the last request).
  void Shutdown();

  //! Open connections, maintained by the transport, shown in /metrics.
  std::atomic<int64_t>& open_connections() { return open_connections_; }
  //! Counts a connection closed at accept for being over a cap (/metrics).
  void CountRefusedConnection() { metrics_.CountRefusedConnection(); }

  const ServerOptions& options() const { return options_; }

  // ---- What the endpoints (endpoint.h) work with. ----

  //! The in-memory index; thread-safe (engine.h).
  link::Engine& engine() { return *engine_; }
  Metrics& metrics() { return metrics_; }
  //! Per-partner barrier state of /v1/payments/evaluate and its writer
  //! (one node), or null and…
  BarrierState* barrier() { return barrier_.get(); }
  BarrierStateWriter* barrier_writer() { return barrier_writer_.get(); }
  //! …with --nodes shared, the evaluation under the store's lock instead.
  SharedBarrier* shared_barrier() { return shared_barrier_.get(); }
  BlindLookups& blind() { return *blind_; }
  //! Alerts, outcomes and disputes (alert_service.h).
  AlertService& alerts() { return *alerts_; }
  //! The public form's per-address rate limiter.
  RateLimiter& form_limiter() { return form_limiter_; }
  //! The message screener in use (swapped by ReloadSignals).
  std::shared_ptr<const screen::Screener> CurrentScreener();
  //! The key public form reports are filed under; nullopt when the form is
  //! off (no --form-partner, or its reporter key revoked).
  std::optional<Principal> FormPrincipal();
  //! The gauges of /metrics, read now.
  GaugeValues Gauges();
  //! False while this node's index may miss writes (the change log was
  //! pruned past it, change_follower.h): /healthz answers 503 so a load
  //! balancer takes the node out of rotation; a restart rebuilds it.
  bool IndexCurrent() const;

  //! Ingests an HTTP body (one report or JSON Lines) for `who`, keeps the
  //! index current and audits every written report under `endpoint`;
  //! shared by /v1/reports and /form/report. Serialised with every other
  //! write. With `check_sources`, a report of a source `who` may not write
  //! fails the whole body with kPermissionDenied, nothing written.
  //! `*audit_ticket`: the ticket of the last write's audit entry (unchanged
  //! when none). service_writes.cc.
  Result<ingest::IngestSummary> Ingest(const HttpRequest& req, std::string_view body, const Principal& who,
                                       std::string_view endpoint, bool check_sources, uint64_t* audit_ticket);

  //! Erases the report with `key` from the store, then from the index, then
  //! empties the WAL (erase_report_endpoint.cc says why in this order);
  //! serialised with every other write. Returns its row id; kNotFound when
  //! there is none. service_writes.cc.
  Result<int64_t> EraseReport(const model::ReportKey& key);

  //! GET /v1/stats's rows, read from the store.
  Result<std::vector<store::StatsRow>> Stats(const store::StatsQuery& query);

  //! Queues an audit entry (`pseudonym` as it is to be stored); returns its
  //! ticket (AuditLog::WhenDurable).
  uint64_t Audit(const Principal& who, const HttpRequest& req, std::string_view endpoint, std::string kind,
                 std::string pseudonym, std::string subject, std::string result);
  //! Queues the audit entry of one checked identifier; the audit writer
  //! stores the keyed pseudonym of (kind, value), never `value` itself.
  //! Returns its ticket.
  uint64_t AuditCheck(const Principal& who, const HttpRequest& req, model::IdentifierKind kind, std::string value,
                      std::string result);

 private:
  explicit Service(ServerOptions options);

  store::AuditEntry NewAuditEntry(const Principal& who, const HttpRequest& req, std::string_view endpoint,
                                  std::string kind, std::string subject, std::string result);

  //! Sets up the barrier engine's state for /v1/payments/evaluate.
  Status InitBarrier();

  //! The caller of a /v1 request, or nullopt (401).
  std::optional<Principal> Authenticate(const HttpRequest& req);

  ServerOptions options_;
  KeyRing keys_;
  std::string pseudonym_key_;
  std::unique_ptr<link::Engine> engine_;
  // Lock order: ingest_mu_ before read_mu_ (never both today), each before
  // the engine's own locks (engine.h).
  Mutex ingest_mu_;
  std::unique_ptr<store::Store> write_store_ ZICHT_GUARDED_BY(ingest_mu_);
  Mutex read_mu_ ZICHT_ACQUIRED_AFTER(ingest_mu_);
  std::unique_ptr<store::Store> read_store_ ZICHT_GUARDED_BY(read_mu_);
  std::unique_ptr<AuditLog> audit_;
  std::optional<store::RetentionPolicy> retention_;  // --retention FILE; read once at start
  std::unique_ptr<RetentionJob> retention_job_;
  Metrics metrics_;
  RateLimiter form_limiter_;
  Mutex form_mu_;
  std::optional<Principal> form_principal_ ZICHT_GUARDED_BY(form_mu_);  // the form partner's active reporter key
  std::unique_ptr<BarrierStateWriter> barrier_writer_;  // declared before barrier_: outlives its engines
  std::unique_ptr<BarrierState> barrier_;
  std::unique_ptr<SharedBarrier> shared_barrier_;  // --nodes shared: used instead of barrier_
  std::unique_ptr<BlindLookups> blind_;  // set once in Open
  std::string node_id_;  // random per start; tags this node's change-log entries
  std::unique_ptr<ChangeFollower> follower_;  // declared after engine_ and blind_: stopped before them
  std::unique_ptr<AlertService> alerts_;  // set once in Open (alert_service.h)
  std::unique_ptr<screen::IdentifierLookup> screen_lookup_;  // over engine_
  Mutex screener_mu_;
  std::shared_ptr<const screen::Screener> screener_ ZICHT_GUARDED_BY(screener_mu_);  // swapped on SIGHUP
  std::atomic<int64_t> open_connections_{0};
};

}  // namespace zicht::server

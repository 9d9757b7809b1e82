#pragma once
// The Zicht HTTP service without the HTTP transport: routing, API keys and
// roles, the audit log, metrics and every endpoint of docs/design.md "HTTP API".
// http_server.cc feeds it parsed requests; tests and benchmarks could too.
//
// Errors: every handler turns a failure into `{"error":{"code","message"}}`
// with a fitting status (error_response.h); Handle() keeps a last catch-all,
// so no request can take the service down.
//
// Thread-safety: Handle() is called concurrently from every I/O thread.
// Checks read the engine (which has its own lock); ingests are serialised by
// `ingest_mu_`; statistics reads by `read_mu_`.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

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
  //! without --retention it does nothing. erase_handler.cc.
  Status ApplyRetention();

  //! Stops the retention job, writes out the audit log and the barrier
  //! state and stops their writers (after the last request).
  void Shutdown();

  //! Open connections, maintained by the transport, shown in /metrics.
  std::atomic<int64_t>& open_connections() { return open_connections_; }
  //! Counts a connection closed at accept for being over a cap (/metrics).
  void CountRefusedConnection() { metrics_.CountRefusedConnection(); }

  const ServerOptions& options() const { return options_; }

 private:
  explicit Service(ServerOptions options);

  // Endpoints, by file: check_handler.cc, ingest_handlers.cc, read_handlers.cc, … (healthz, metrics: service.cc).
  void HandleHealthz(HttpResponse& res);
  void HandleMetrics(HttpResponse& res);
  void HandleCheck(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleReports(const HttpRequest& req, const Principal& who, HttpResponse& res);
  // erase_handler.cc
  void HandleEraseReport(const HttpRequest& req, std::string_view source, std::string_view id, const Principal& who,
                         HttpResponse& res);
  void HandleClusters(const HttpRequest& req, std::string_view query, const Principal& who, HttpResponse& res);
  void HandleCluster(const HttpRequest& req, std::string_view id, std::string_view query, const Principal& who,
                     HttpResponse& res);
  void WriteClusterExport(const link::ClusterDetail& detail, std::string_view format, HttpResponse& res);
  void HandleMules(std::string_view query, HttpResponse& res);
  void HandleStats(std::string_view query, HttpResponse& res);
  void HandleEvaluate(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleScreen(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleScreenThread(const HttpRequest& req, const Principal& who, HttpResponse& res);
  std::shared_ptr<const screen::Screener> CurrentScreener();
  void HandleFormValidate(const HttpRequest& req, HttpResponse& res);
  // oprf_handler.cc
  void HandleOprfEvaluate(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleBlindBucket(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleFormReport(const HttpRequest& req, HttpResponse& res);
  // alert_handlers.cc: the feed, outcomes and disputes (docs/alerts.md)
  void HandleAlerts(const HttpRequest& req, std::string_view query, const Principal& who, HttpResponse& res);
  void HandleFeedback(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleOpenDispute(const HttpRequest& req, const Principal& who, HttpResponse& res);
  void HandleStatic(const HttpRequest& req, std::string_view path, HttpResponse& res);

  //! Ingests an HTTP body (one report or JSON Lines) for `who` under
  //! ingest_mu_, keeps the index current and audits every written report
  //! under `endpoint`; shared by /v1/reports and /form/report. With
  //! `check_sources`, a report of a source `who` may not write fails the
  //! whole body with kPermissionDenied, nothing written. `*audit_ticket`:
  //! the ticket of the last write's audit entry (unchanged when none).
  Result<ingest::IngestSummary> Ingest(const HttpRequest& req, std::string_view body, const Principal& who,
                                       std::string_view endpoint, bool check_sources, uint64_t* audit_ticket);

  //! Queues an audit entry (`pseudonym` as it is to be stored); returns its
  //! ticket (AuditLog::WhenDurable).
  uint64_t Audit(const Principal& who, const HttpRequest& req, std::string_view endpoint, std::string kind,
             std::string pseudonym, std::string subject, std::string result);
  //! Queues the audit entry of one checked identifier; the audit writer
  //! stores the keyed pseudonym of (kind, value), never `value` itself.
  //! Returns its ticket.
  uint64_t AuditCheck(const Principal& who, const HttpRequest& req, model::IdentifierKind kind, std::string value,
                  std::string result);
  store::AuditEntry NewAuditEntry(const Principal& who, const HttpRequest& req, std::string_view endpoint,
                                  std::string kind, std::string subject, std::string result);

  //! Sets up the barrier engine's state for /v1/payments/evaluate.
  Status InitBarrier();

  //! The key public form reports are filed under; nullopt when the form is
  //! off (no --form-partner, or its reporter key revoked).
  std::optional<Principal> FormPrincipal();

  //! The caller of a /v1 request, or the error status (401) to answer.
  std::optional<Principal> Authenticate(const HttpRequest& req);

  ServerOptions options_;
  KeyRing keys_;
  std::string pseudonym_key_;
  std::unique_ptr<link::Engine> engine_;
  std::mutex ingest_mu_;
  std::unique_ptr<store::Store> write_store_;  // GUARDED_BY(ingest_mu_)
  std::mutex read_mu_;
  std::unique_ptr<store::Store> read_store_;   // GUARDED_BY(read_mu_)
  std::unique_ptr<AuditLog> audit_;
  std::optional<store::RetentionPolicy> retention_;  // --retention FILE; read once at start
  std::unique_ptr<RetentionJob> retention_job_;
  Metrics metrics_;
  RateLimiter form_limiter_;
  std::mutex form_mu_;
  std::optional<Principal> form_principal_;  // GUARDED_BY(form_mu_); the form partner's active reporter key
  std::unique_ptr<BarrierStateWriter> barrier_writer_;  // declared before barrier_: outlives its engines
  std::unique_ptr<BarrierState> barrier_;
  std::unique_ptr<SharedBarrier> shared_barrier_;  // --nodes shared: used instead of barrier_
  std::unique_ptr<BlindLookups> blind_;  // set once in Open
  std::string node_id_;  // random per start; tags this node's change-log entries
  std::unique_ptr<ChangeFollower> follower_;  // declared after engine_ and blind_: stopped before them
  std::unique_ptr<AlertService> alerts_;  // set once in Open (alert_service.h)
  std::unique_ptr<screen::IdentifierLookup> screen_lookup_;  // over engine_
  std::mutex screener_mu_;
  std::shared_ptr<const screen::Screener> screener_;  // GUARDED_BY(screener_mu_); swapped on SIGHUP
  std::atomic<int64_t> open_connections_{0};
};

}  // namespace zicht::server

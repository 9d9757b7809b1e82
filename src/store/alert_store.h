#pragma once
// Alerts to the partner that holds an account, and what comes back
// (docs/alerts.md; issue 15): subscriptions, alerts, their webhook delivery
// state, outcomes (feedback) and disputes — durable, in the same database
// as the reports, behind this interface so that another store (PostgreSQL)
// can carry them too. Only store/ speaks SQL.
//
// Guarantees:
//  - Exactly one alert per (partner, rule, kind, normalized): InsertAlerts
//    skips a row whose key is already stored, so an alert is never raised
//    twice however many reports arrive later. Its id is stable (AlertId).
//  - Alerts get increasing sequence numbers (`seq`), the cursor of the
//    pull feed: a reader that resumes after seq S sees every later alert of
//    its partner, in order, across restarts of either side.
//  - An alert and its delivery row (when its partner had a webhook) are
//    written in one transaction; a delivery is marked delivered only after
//    the receiver answered 2xx, so a kill -9 mid-delivery re-sends it
//    (at-least-once, same id).
//
// Values are stored in canonical form (normalize/); webhook secrets are
// stored in the database (the database file is as sensitive as the reports
// in it; docs/security.md).
//
// Thread-safety: one thread at a time per instance (one SQLite or
// PostgreSQL connection); open one per thread. Several connections may
// share the store (SQLite's WAL; PostgreSQL's transactions).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/durability.h"

namespace zicht::store {

//! What a partner holds: one matcher per row (exactly one of bank_code,
//! bic or phone_prefix is set).
struct Subscription {
  int64_t id = 0;
  std::string partner;
  std::string bank_code;     // "INGB": Dutch IBANs with this bank code
  std::string bic;           // "NWBKGB2L": IBANs of the BIC's country carrying its bank code
  std::string phone_prefix;  // "+3197": E.164 numbers starting with it
  UnixSeconds created = 0;
};

//! Where a partner's alerts are pushed (one per partner).
struct Webhook {
  std::string partner;
  std::string url;
  std::string secret;  // HMAC-SHA256 key of the signature
  UnixSeconds updated = 0;
};

//! One alert as stored. Evidence counts are kept whole; what a reader sees
//! of them depends on its scope (alert/alert_json.h).
struct Alert {
  int64_t seq = 0;        // feed cursor
  std::string id;         // AlertId(partner, rule, kind, normalized)
  std::string partner;
  std::string rule;       // alert/rules.h names
  std::string kind;       // model::kIdentifierKindNames
  std::string normalized;
  UnixSeconds created_at = 0;
  UnixSeconds first_report_at = 0;  // earliest reported_at of its reports (for stats)
  int64_t reports = 0;
  int64_t sources = 0;
  int64_t losses = 0;
  int64_t damage_cents = 0;
  std::string reasons;   // verdict reason codes, comma-separated
  std::string cluster;   // cluster id, when in one
};

//! A delivery that is due: the alert and its attempt count so far.
struct DueDelivery {
  Alert alert;
  int64_t attempts = 0;
};

//! An outcome a partner reported back (POST /v1/feedback).
struct Feedback {
  int64_t seq = 0;
  std::string partner;
  std::string alert_id;  // empty when given by identifier
  std::string kind;
  std::string normalized;
  std::string outcome;        // account_blocked | … (alert/outcome.h)
  int64_t amount_cents = 0;   // funds_frozen / funds_recovered
  std::string reason;         // no_action, false_positive
  UnixSeconds created_at = 0;
};

enum class DisputeState { kOpen, kUpheld, kRejected };

struct Dispute {
  int64_t id = 0;
  std::string partner;
  std::string kind;
  std::string normalized;
  std::string reason;
  DisputeState state = DisputeState::kOpen;
  UnixSeconds opened_at = 0;
  std::optional<UnixSeconds> resolved_at;
  std::string resolution;  // the analyst's reason
};

//! The facts about identifiers that change a check's answer: open and
//! upheld disputes and confirmed mules (account_blocked / account_closed).
struct IdentifierMark {
  std::string kind;
  std::string normalized;
};
struct IdentifierMarks {
  std::vector<IdentifierMark> disputed;         // an open dispute
  std::vector<IdentifierMark> dispute_upheld;   // an upheld dispute
  std::vector<IdentifierMark> confirmed_mule;   // blocked or closed by the bank
};

//! One row of `zicht stats --outcomes`, per (partner, rule).
struct OutcomeRow {
  std::string partner;
  std::string rule;
  int64_t alerts = 0;
  int64_t acted_on = 0;        // alerts with an outcome other than no_action/false_positive
  int64_t false_positives = 0;
  int64_t frozen_cents = 0;
  int64_t recovered_cents = 0;
  std::vector<int64_t> report_to_alert_s;  // per alert
  std::vector<int64_t> alert_to_action_s;  // per alert with feedback: first feedback − created_at
};

//! The stable id of an alert: "al_" + 20 hex digits of SHA-256 over
//! partner, rule, kind and normalized (NUL-separated). The same alert gets
//! the same id in every store and after every restart, which is what
//! makes it the webhook's idempotency key.
std::string AlertId(std::string_view partner, std::string_view rule, std::string_view kind,
                    std::string_view normalized);

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // --- subscriptions and webhooks
  //! Stores `s` (id and created assigned) and returns its id.
  virtual Result<int64_t> AddSubscription(const Subscription& s) = 0;
  //! Every subscription, by id.
  virtual Result<std::vector<Subscription>> Subscriptions() = 0;
  //! Removes one; kNotFound when there is none. With a non-empty
  //! `partner`, only that partner's: another partner's is kNotFound too
  //! (POST /v1/subscriptions callers must not learn other partners' ids).
  //! A partner left without subscriptions loses its webhook too.
  virtual Status RemoveSubscription(int64_t id, std::string_view partner) = 0;
  //! Sets (replaces) the partner's webhook.
  virtual Status PutWebhook(const Webhook& w) = 0;
  //! Every webhook, by partner.
  virtual Result<std::vector<Webhook>> Webhooks() = 0;

  // --- alerts
  //! Inserts the alerts whose (partner, rule, kind, normalized) is new, in
  //! one transaction, with a delivery row due at `now_ms` for those whose
  //! partner has a webhook. Returns the ones inserted (seq filled).
  virtual Result<std::vector<Alert>> InsertAlerts(const std::vector<Alert>& alerts, int64_t now_ms) = 0;
  //! Up to `limit` alerts of `partner` with seq > `after`, in seq order.
  virtual Result<std::vector<Alert>> AlertsAfter(std::string_view partner, int64_t after, int64_t limit) = 0;
  //! The alert with `id`; kNotFound when there is none.
  virtual Result<Alert> GetAlert(std::string_view id) = 0;
  //! Every stored (partner, rule, kind, normalized) key as one string
  //! joined by '\n' — the generator's "already raised" set at start.
  virtual Result<std::vector<std::string>> AlertKeys() = 0;

  // --- webhook delivery
  //! Up to `limit` undelivered, not given-up deliveries of `partner` due
  //! at `now_ms`, oldest alert first, claimed for the caller where several
  //! nodes share the store (PostgreSQL): the n-th one returned (1-based)
  //! is not due again before now_ms + (n + 1) · `attempt_ms` (its next_ms
  //! moves there, under FOR UPDATE SKIP LOCKED, so two nodes never get the
  //! same row). The caller's n attempts up to and including that row's end
  //! by now_ms + n · attempt_ms; one attempt's time more covers marking it
  //! and node clocks that differ a little. So while the caller lives no
  //! other node sends the row, and when it dies mid-delivery the lease
  //! runs out and another node (or its restart) sends it again: at least
  //! once, same id. MarkDelivered/MarkFailed end the claim. SQLite (one
  //! delivering server per file) only reads: a restart re-sends at once.
  virtual Result<std::vector<DueDelivery>> ClaimDueDeliveries(std::string_view partner, int64_t now_ms,
                                                              int64_t limit, int64_t attempt_ms) = 0;
  //! The earliest next attempt (ms) of `partner`'s pending deliveries; nullopt when none.
  virtual Result<std::optional<int64_t>> NextDueMs(std::string_view partner) = 0;
  virtual Status MarkDelivered(int64_t alert_seq, int64_t now_ms) = 0;
  //! Records a failed attempt; next try at `next_ms`, or none when `give_up`.
  virtual Status MarkFailed(int64_t alert_seq, int64_t attempts, int64_t next_ms, bool give_up,
                            std::string_view error) = 0;
  //! Counts of `partner`'s deliveries: delivered, pending, given up.
  struct DeliveryCounts {
    int64_t delivered = 0;
    int64_t pending = 0;
    int64_t failed = 0;
  };
  virtual Result<DeliveryCounts> CountDeliveries(std::string_view partner) = 0;

  // --- outcomes and disputes
  //! Stores `f` (seq assigned) and returns its seq.
  virtual Result<int64_t> AddFeedback(const Feedback& f) = 0;
  //! Opens a dispute (id assigned; state open) and returns its id.
  virtual Result<int64_t> OpenDispute(const Dispute& d) = 0;
  //! Disputes, by id; only open ones when `open_only`.
  virtual Result<std::vector<Dispute>> Disputes(bool open_only) = 0;
  //! Resolves an open dispute. kNotFound for an unknown id;
  //! kInvalidArgument when it is already resolved.
  virtual Status ResolveDispute(int64_t id, DisputeState state, std::string_view resolution, UnixSeconds now) = 0;
  //! Every stored outcome, in seq order (GET /v1/marks sums them up per
  //! identifier, alert/outcome_summary.h).
  virtual Result<std::vector<Feedback>> FeedbackRows() = 0;
  //! What changes a check's answer (IdentifierMarks).
  virtual Result<IdentifierMarks> Marks() = 0;
  //! A number that changes whenever feedback or disputes change (cheap:
  //! one row), so a reader can tell when to re-read Marks().
  virtual Result<int64_t> MarksGeneration() = 0;
  //! The outcome figures per (partner, rule), by partner then rule.
  virtual Result<std::vector<OutcomeRow>> Outcomes() = 0;
};

//! Opens (creating the tables if needed) the alert tables in the SQLite
//! database at `path`. On failure: kIOError naming the path.
Result<std::unique_ptr<AlertStore>> OpenSqliteAlertStore(const std::string& path,
                                                         Durability durability = Durability::kNormal);

//! The alert tables of the store at `location` (store.h, OpenStore): the
//! SQLite file's, or a PostgreSQL database's (pg_alert_store.cc; tables
//! from its schema migration, docs/schema.md "PostgreSQL").
Result<std::unique_ptr<AlertStore>> OpenAlertStore(const std::string& location,
                                                   Durability durability = Durability::kNormal);

//! The PostgreSQL side of OpenAlertStore (pg_alert_store.cc).
Result<std::unique_ptr<AlertStore>> OpenPgAlertStore(const std::string& url, Durability durability);

}  // namespace zicht::store

#pragma once
// The server's side of alerts, outcomes and disputes (docs/alerts.md): it
// raises alerts as reports are accepted, hands them out (the pull feed; the
// webhook threads of alert_delivery.h), takes outcomes and disputes back,
// and adds what they mean to every check (alert/marks.h).
//
//   ingest thread   OnCommit(changed), after Engine::Apply: collects the
//                   identifiers some partner holds, evaluates the rules,
//                   inserts the new alerts (its own store connection) and
//                   wakes their partners' delivery threads.
//   I/O threads     ApplyMarks on every check (an atomic load when no
//                   outcome or dispute exists); the feed, feedback and
//                   disputes, subscriptions through a request connection
//                   under `request_mu_`.
//   upkeep thread   once a second: re-reads subscriptions and webhooks
//                   (`zicht subscriptions` may change them while the server
//                   runs), the marks when their generation moved (a `zicht
//                   disputes resolve` from the command line), reloads the
//                   engine's warning-lists and raises `cleared` alerts
//                   when upheld disputes changed,
//                   and, after ingests, the `priority_cluster` rule — off
//                   the request path, because the cluster ranking is
//                   computed over the whole index.
//
// Thread-safety: every public method may be called from any thread, except
// OnCommit, which the ingest lock serialises.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "alert/generator.h"
#include "alert/marks.h"
#include "alert/subscription_request.h"
#include "common/mutex.h"
#include "link/engine.h"
#include "server/alert_delivery.h"
#include "server/key_ring.h"
#include "server/server_options.h"
#include "store/alert_store.h"

namespace zicht::server {

class AlertService {
 public:
  //! Loads the alert rules (options.alert_rules_path, or the built-in
  //! ones), opens the alert tables, starts the delivery threads of the
  //! stored webhooks and the upkeep thread. On failure: the rules file's
  //! or the store's Status. `metrics` (may be null) counts the webhook
  //! attempts and must outlive the service.
  static Result<std::unique_ptr<AlertService>> Open(const ServerOptions& options, link::Engine* engine,
                                                    const KeyRing* keys, Metrics* metrics);
  ~AlertService();  // Stop()

  //! Raises the alerts an applied batch causes. REQUIRES: the caller holds
  //! the ingest lock and has applied `changed` to the engine.
  void OnCommit(const std::vector<store::StoredReport>& changed);

  //! Adds CONFIRMED_MULE, DISPUTED and DISPUTE_UPHELD and the
  //! identifier's outcomes (alert/marks.h).
  void ApplyMarks(link::Verdict& v) const;
  //! The marks and outcomes as ApplyMarks sees them now (never null).
  std::shared_ptr<const alert::Marks> CurrentMarks() const;

  //! Up to `limit` alerts of `partner` after the cursor `after`, in order.
  Result<std::vector<store::Alert>> AlertsAfter(const std::string& partner, int64_t after, int64_t limit);
  //! The alert `id`; kNotFound when unknown.
  Result<store::Alert> GetAlert(const std::string& id);

  //! Stores an outcome; a `false_positive` also opens a dispute, whose id
  //! is returned (0 otherwise). Marks are re-read at once.
  Result<int64_t> AddFeedback(const store::Feedback& f);
  //! Opens a dispute (raising `disputed` alerts) and returns its id.
  Result<int64_t> OpenDispute(const store::Dispute& d);
  //! Resolves an open dispute; an upheld one goes on the `zicht-disputes`
  //! warning-list (the engine re-links) and raises `cleared` alerts.
  Status ResolveDispute(int64_t id, store::DisputeState state, const std::string& resolution);
  Result<std::vector<store::Dispute>> Disputes(bool open_only);
  //! The rows of the outcome statistics (alert/outcome_stats.h), as
  //! `zicht stats --outcomes` reads them.
  Result<std::vector<store::OutcomeRow>> Outcomes();
  //! Every stored outcome, in order (GET /v1/marks sums them up).
  Result<std::vector<store::Feedback>> FeedbackRows();
  //! The identifiers with an open or upheld dispute or confirmed as mules,
  //! read from the store (what ApplyMarks adds to checks).
  Result<store::IdentifierMarks> IdentifierMarks();

  // --- one partner's subscriptions (GET/POST/DELETE /v1/subscriptions)
  //! Validates and stores `r` (alert/subscription_request.h; errors name
  //! the API's fields) and applies it at once: the next accepted report
  //! is matched against it, the next alert goes to its webhook. Returns
  //! the subscription as stored (id and created filled).
  Result<store::Subscription> AddSubscription(const alert::SubscriptionRequest& r);
  struct PartnerSubscriptions {
    std::vector<store::Subscription> subscriptions;  // by id
    std::string webhook_url;                         // empty: none
  };
  //! `partner`'s subscriptions and webhook URL (never its secret).
  Result<PartnerSubscriptions> SubscriptionsOf(const std::string& partner);
  //! Removes `partner`'s subscription `id` (its last one takes its webhook)
  //! and applies it at once. kNotFound for an unknown id and for another
  //! partner's: the same answer, so ids cannot be probed.
  Status RemoveSubscription(int64_t id, const std::string& partner);

  //! Stops the upkeep and delivery threads.
  void Stop();

 private:
  AlertService(const ServerOptions& options, link::Engine* engine, const KeyRing* keys, Metrics* metrics,
               alert::AlertRules rules);
  void Upkeep();
  //! Re-reads subscriptions and webhooks when they changed (upkeep thread,
  //! and request threads after they changed them).
  void RefreshSubscriptions(store::AlertStore& store);
  //! Re-reads the marks when their generation moved; reloads warning-lists
  //! when the upheld disputes changed.
  void RefreshMarks(store::AlertStore& store, bool force);
  void Raise(store::AlertStore& store, const std::vector<store::Alert>& alerts);
  //! Raises the `cleared` alerts of every upheld dispute in `marks`.
  void RaiseCleared(store::AlertStore& store, const store::IdentifierMarks& marks);
  std::shared_ptr<const alert::Generator> CurrentGenerator() const;

  const ServerOptions options_;
  link::Engine* const engine_;
  const alert::AlertRules rules_;
  Metrics* const metrics_;  // may be null; counts the alerts raised per rule
  std::unique_ptr<AlertDelivery> delivery_;

  std::unique_ptr<store::AlertStore> ingest_store_;  // the ingest thread's (OnCommit)

  // Lock order: request_mu_ before generator_mu_ and marks_mu_ (the
  // request paths refresh both while they hold it).
  Mutex request_mu_;
  std::unique_ptr<store::AlertStore> request_store_ ZICHT_GUARDED_BY(request_mu_);

  mutable Mutex generator_mu_ ZICHT_ACQUIRED_AFTER(request_mu_);
  std::shared_ptr<const alert::Generator> generator_ ZICHT_GUARDED_BY(generator_mu_);
  // Serialises RefreshSubscriptions between the upkeep and request threads.
  Mutex refresh_mu_ ZICHT_ACQUIRED_AFTER(request_mu_);
  std::string subscriptions_seen_ ZICHT_GUARDED_BY(refresh_mu_);

  mutable Mutex marks_mu_ ZICHT_ACQUIRED_AFTER(request_mu_);
  std::shared_ptr<const alert::Marks> marks_ ZICHT_GUARDED_BY(marks_mu_);
  std::atomic<bool> any_marks_{false};
  int64_t marks_generation_ ZICHT_GUARDED_BY(marks_mu_) = -1;
  size_t upheld_count_ ZICHT_GUARDED_BY(marks_mu_) = 0;

  std::atomic<bool> clusters_dirty_{false};
  Mutex upkeep_mu_;
  CondVar upkeep_cv_;
  bool stop_ ZICHT_GUARDED_BY(upkeep_mu_) = false;
  std::thread upkeep_;
};

}  // namespace zicht::server

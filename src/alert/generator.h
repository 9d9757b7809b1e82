#pragma once
// Alert generation (docs/alerts.md, "Rules"): which alerts an accepted batch
// of reports raises for the partners that hold its identifiers.
//
// Two steps, so that the ingest path stays cheap:
//  1. Collect(changed) runs inside the ingest's commit callback: for every
//     identifier of every changed report, one SubscriptionIndex look-up (a
//     hash probe for an IBAN, a short prefix scan for a phone number).
//     Identifiers no partner holds cost nothing more; with no subscriptions
//     at all the loop is skipped.
//  2. Evaluate(engine, candidates) runs after the engine applied the batch:
//     one verdict (Engine::Check) per candidate, and DistinctSources when
//     the `reports` rule is on. It returns every alert the rules raise now;
//     store::AlertStore::InsertAlerts keeps the ones not raised before
//     (exactly one per partner, rule and identifier).
// The `priority_cluster` rule needs the cluster ranking, which is computed
// over the whole index: EvaluateTopClusters runs off the request path
// (the server's alert worker, or once at the end of `zicht ingest`).
//
// Values named only as `spoofed`, and warning-listed ones (which includes
// identifiers whose dispute was upheld), raise no alert: they are not the
// fraudster's.
//
// Thread-safety: const methods may run concurrently (the engine has its own lock).
#include <string>
#include <vector>

#include "alert/rules.h"
#include "alert/subscription_index.h"
#include "link/engine.h"
#include "store/alert_store.h"

namespace zicht::alert {

//! An identifier of an accepted report that some partner holds.
struct Candidate {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string canonical;
  std::vector<std::string> partners;
  bool beneficiary_loss = false;  // named as beneficiary in a report with a loss
};

//! Sorts `candidates` by identifier and merges those of one identifier
//! (partners united, beneficiary_loss or-ed): for callers that collect
//! over many batches before evaluating (`zicht ingest`).
void MergeCandidates(std::vector<Candidate>* candidates);

class Generator {
 public:
  Generator(AlertRules rules, SubscriptionIndex subscriptions)
      : rules_(std::move(rules)), subscriptions_(std::move(subscriptions)) {}

  const AlertRules& rules() const { return rules_; }
  bool has_subscriptions() const { return !subscriptions_.empty(); }

  //! Appends the identifiers of `changed` that some partner holds to `out`
  //! (merged by identifier within one call).
  void Collect(const std::vector<store::StoredReport>& changed, std::vector<Candidate>* out) const;

  //! The alerts `candidates` raise against `engine`'s current index, at `now`.
  std::vector<store::Alert> Evaluate(const link::Engine& engine, const std::vector<Candidate>& candidates,
                                     UnixSeconds now) const;

  //! `priority_cluster` alerts: subscribed identifiers in the top clusters.
  //! Reads each top cluster (Engine::Cluster); errors are the engine's.
  Result<std::vector<store::Alert>> EvaluateTopClusters(const link::Engine& engine, UnixSeconds now) const;

  //! `disputed` (or, with `cleared`, `cleared`) alerts for the partners
  //! holding (kind, canonical); none when the rule is off.
  std::vector<store::Alert> DisputeAlerts(const link::Engine& engine, model::IdentifierKind kind,
                                          std::string_view canonical, bool cleared, UnixSeconds now) const;

 private:
  store::Alert MakeAlert(const std::string& partner, std::string_view rule, const link::Verdict& v,
                         int64_t sources, UnixSeconds now) const;

  AlertRules rules_;
  SubscriptionIndex subscriptions_;
};

}  // namespace zicht::alert

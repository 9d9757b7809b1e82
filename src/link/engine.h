#pragma once
// The linking engine: the in-memory identifier index, the clusters over it,
// and the verdict of "is this identifier known from fraud?" (docs/design.md,
// "Linking and clusters" and POST /v1/check). `zicht check`, POST /v1/check
// and the barrier engine all ask this one class, so they cannot disagree.
//
// CONTRACT (shared with server/, barrier/ and cli/; extend, don't break).
//
// Thread-safety: all const methods may run concurrently from many threads
// (the server's workers); Apply(), Remove() and warning-list changes take an exclusive
// lock internally, so readers see the index before or after a batch, never
// half of one.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "link/warning_list.h"
#include "model/enum_names.h"
#include "model/report.h"
#include "store/store.h"

namespace zicht::link {

//! docs/design.md: none (in no report) · low (only as `spoofed` or on a
//! warning-list) · medium (in exactly one report, an attempt) · high (in two
//! or more reports, or in a report with a loss).
enum class Risk { kNone, kLow, kMedium, kHigh };
inline constexpr model::EnumNames<Risk, 4> kRiskNames{{"none", "low", "medium", "high"}};

struct ClusterRef {
  std::string id;
  int64_t reports = 0;
};

//! One outcome partners reported back about an identifier (POST
//! /v1/feedback), summed over every report of it: added to a verdict by
//! alert::Marks::Apply, never by the engine. `outcome` views a static name
//! (alert::kOutcomeNames), so a verdict outlives the marks it came from.
struct VerdictOutcome {
  std::string_view outcome;
  int64_t count = 0;
  bool has_amount = false;  // funds_frozen, funds_recovered
  int64_t amount_cents = 0;
};

//! One result of POST /v1/check / `zicht check`, field for field.
struct Verdict {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string value;       // as asked; empty when asked by pseudonym
  std::string pseudonym;   // as asked, when asked by pseudonym
  //! Canonical form; empty when invalid, and when asked by pseudonym (a
  //! pseudonym look-up never hands the raw value back).
  std::string normalized;
  bool valid = false;
  bool known = false;
  Risk risk = Risk::kNone;
  //! REPORTED, LOSS_REPORTED, MULTIPLE_REPORTS, MULE_CANDIDATE, SPOOFED,
  //! WARNINGLISTED, IN_CLUSTER, INVALID — in that order. Views of static
  //! strings (the codes are a fixed vocabulary): no allocation per code.
  std::vector<std::string_view> reasons;
  int64_t reports = 0;
  int64_t losses = 0;
  int64_t damage_cents = 0;
  std::optional<UnixSeconds> first_seen;  // of reported_at
  std::optional<UnixSeconds> last_seen;
  std::vector<model::FraudType> fraud_types;  // distinct, in enum order
  std::optional<ClusterRef> cluster;
  //! What partners reported back, in alert::kOutcomeNames order (empty
  //! for almost every identifier: no allocation then).
  std::vector<VerdictOutcome> outcomes;
};

//! One cluster in the priority list.
struct ClusterSummary {
  std::string id;  // stable: derived from the smallest (source, id) in it
  int64_t reports = 0;
  int64_t sources = 0;
  int64_t losses = 0;
  int64_t damage_cents = 0;
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
  int64_t mules = 0;  // money-mule candidate IBANs in the cluster
  //! IBANs in the cluster whose bank blocked or closed the account
  //! (Engine::SetConfirmedMules; docs/alerts.md, "Outcomes").
  int64_t confirmed_mules = 0;
  int64_t leads = 0;  // follow-up leads (Dutch-bank IBAN, Dutch mobile)
  std::vector<std::pair<model::FraudType, int64_t>> fraud_types;
  double score = 0;
  std::vector<std::string> explanation;  // why it ranks where it does, in words
};

//! An identifier as seen in a cluster (or the whole index).
struct IdentifierNode {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string canonical;
  std::vector<model::Role> roles;  // distinct roles it had
  int64_t reports = 0;             // reports it appears in
  bool mule = false;               // IBAN with role beneficiary in ≥ 2 reports
  bool linkable = false;           // valid, not only spoofed, not warning-listed
  bool warning_listed = false;
  //! A URL's registrable domain (kind kUrl, canonical "example.nl"): the
  //! key through which URLs on one domain link (docs/design.md).
  bool domain = false;
};

//! An identifier that joins an unusually large number of reports of
//! unrelated fraud types: most likely a legitimate value missing from the
//! warning-lists (see docs/linking.md for the rule). Reported, not hidden:
//! the analyst decides and can `zicht warninglist import` it.
struct LinkWarning {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  bool domain = false;     // a URL's registrable domain
  std::string canonical;
  int64_t reports = 0;
  std::vector<std::pair<model::FraudType, int64_t>> fraud_types;
  std::string cluster_id;
  std::string message;     // one line for stderr / JSON
};

//! One cluster with everything an analyst or an export needs.
struct ClusterDetail {
  ClusterSummary summary;
  std::vector<store::StoredReport> reports;
  std::vector<IdentifierNode> identifiers;
  //! (index into reports, index into identifiers, role) per occurrence.
  struct Edge {
    size_t report = 0;
    size_t identifier = 0;
    model::Role role = model::Role::kOther;
  };
  std::vector<Edge> edges;
};

//! The reports of one cluster, by (source, id).
struct ClusterMembers {
  std::string id;
  std::vector<model::ReportKey> reports;
};

struct ClusterQuery {
  size_t top = 0;          // 0 = all
  int64_t min_reports = 2;
};

class Engine {
 public:
  virtual ~Engine() = default;

  //! Incremental update after a committed store batch: new and updated
  //! reports join or merge clusters (an update that removes an identifier
  //! may split one). Called with UpsertBatch's `changed` list.
  virtual void Apply(const std::vector<store::StoredReport>& changed) = 0;

  //! Takes erased reports out (store::Store::EraseReport / EraseExpired
  //! give their row ids; docs/privacy.md, "Erasure"): their identifiers no
  //! longer link or count, and each cluster they were in is re-derived from
  //! what remains (it may split, shrink or vanish). A surviving cluster
  //! keeps its id unless the erased report was its smallest (source, id)
  //! (cluster_id.h: the id is a property of the set of reports). Unknown
  //! row ids are skipped. Readers see the index before or after the whole
  //! list, never part of it.
  virtual void Remove(const std::vector<int64_t>& row_ids) = 0;

  //! Verdict for a raw value; normalises it first (invalid → risk none,
  //! reason INVALID, valid=false).
  virtual Verdict Check(model::IdentifierKind kind, std::string_view raw_value) const = 0;

  //! Verdict for a keyed pseudonym (see link/pseudonym.h); unknown pseudonym
  //! → valid=true, known=false, risk none.
  virtual Verdict CheckPseudonym(model::IdentifierKind kind, std::string_view pseudonym) const = 0;

  //! Clusters by priority, highest first.
  virtual std::vector<ClusterSummary> Clusters(const ClusterQuery& query) const = 0;

  //! The members of the clusters Clusters(query) returns, in that order;
  //! one pass over the index (no store reads).
  virtual std::vector<ClusterMembers> Members(const ClusterQuery& query) const = 0;

  //! One cluster; kNotFound for an unknown id. Reads report contents from
  //! the store it was built on.
  virtual Result<ClusterDetail> Cluster(std::string_view id) const = 0;

  //! Money-mule candidates over the whole index, most reports first.
  virtual std::vector<IdentifierNode> Mules(size_t top) const = 0;

  //! Size of the index, for /metrics and `make bench`.
  virtual int64_t DistinctIdentifiers() const = 0;
  virtual int64_t IndexedReports() const = 0;
  virtual int64_t IndexBytes() const = 0;

  //! Calls fn(kind, canonical) for every identifier in at least one indexed
  //! report (URL domains excluded), under the shared lock: `fn` must not
  //! call back into the engine. For the blind look-ups' token index
  //! (link/token_index.h), which is built once from it at start.
  virtual void ForEachIdentifier(const std::function<void(model::IdentifierKind, std::string_view)>& fn) const = 0;

  //! The number of distinct report sources among the reports that name
  //! (kind, canonical) in a role other than `spoofed`; 0 when unknown. For
  //! the alert rule "N reports from M sources" (alert/rules.h), asked only
  //! for identifiers a partner subscribed to: O(postings).
  virtual int64_t DistinctSources(model::IdentifierKind kind, std::string_view canonical) const = 0;

  //! Identifiers that look like missing warning-list entries (LinkWarning).
  virtual std::vector<LinkWarning> LinkWarnings() const = 0;

  //! The IBANs (canonical) a bank confirmed as money mules: it blocked or
  //! closed the account and said so (POST /v1/feedback account_blocked /
  //! account_closed; docs/alerts.md, "Outcomes"). Replaces the previous
  //! set; each one in a cluster raises its priority
  //! (PriorityWeights::confirmed_mules). Only the ranking changes: verdicts
  //! get CONFIRMED_MULE from alert/marks.h. Values not in the index are
  //! kept and count once reports name them.
  virtual void SetConfirmedMules(std::vector<std::string> canonical_ibans) = 0;

  //! Re-reads the warning-lists stored in the database (shipped lists are
  //! always active) and re-links every report. For after `zicht warninglist
  //! import` in a running service. Without a store: only the shipped lists.
  virtual Status ReloadWarningLists() = 0;
};

struct EngineOptions {
  std::string db_path;         // the SQLite store to build from and read reports back
  std::string pseudonym_key;   // deployment secret for CheckPseudonym; empty = pseudonyms off
  //! "Now" for the recency term of the priority. Unset: the newest
  //! reported_at in the data, so that the ranking of a data set is the same
  //! whenever it is computed (a service that wants wall-clock recency sets
  //! it from its Clock).
  std::optional<UnixSeconds> now;
};

//! Builds the engine from every report in the store at `options.db_path`
//! and the warning-lists stored there. On failure: the store's Status.
Result<std::unique_ptr<Engine>> BuildEngine(const EngineOptions& options);

//! An engine over `store` (may be null: an in-memory engine for tests and
//! benchmarks, whose ClusterDetail reports carry only the indexed fields)
//! with the shipped warning-lists plus `extra_lists`, loaded from `store`'s
//! reports. options.db_path is not used.
Result<std::unique_ptr<Engine>> NewEngine(std::unique_ptr<store::Store> store, std::vector<WarningList> extra_lists,
                                          const EngineOptions& options);

}  // namespace zicht::link

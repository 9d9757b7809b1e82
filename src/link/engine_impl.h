#pragma once
// The Engine implementation (engine.h) shared by the files that implement
// it, one concern each:
//   engine.cc              construction, Load, Apply, Remove, warning-list reloads
//   engine_verdicts.cc     Check / CheckPseudonym and the pseudonym map
//   engine_clusters.cc     the cluster cache: Clusters, Members, Cluster, Mules
//   engine_hub_warnings.cc LinkWarnings: hubs missing from the warning-lists
//   engine_identifiers.cc  ForEachIdentifier (the identifiers, for the token index), DistinctSources
// Internal to link/: nothing outside these files includes it.
//
// Thread-safety and LOCK ORDER. Four mutexes (common/mutex.h) and one
// atomic; clang checks the annotations below (-Wthread-safety, in the TSan
// CI build).
//   1. mu_ (reader-writer) guards the index, the components and the
//      warning-lists. Readers (Check, Clusters, …) hold it shared; Apply,
//      Load and ReloadWarningLists hold it exclusively. It is always taken
//      first. Remove holds it exclusively too.
//   2. Then at most ONE of the leaf mutexes, never two at once:
//        store_mu_     the store (store.h: one thread at a time);
//        cache_mu_     the cluster cache (computed lazily by a reader, so a
//                      shared mu_ alone cannot guard it);
//        pseudonym_mu_ the pseudonym map (built lazily by a reader, too).
//      No leaf is taken without mu_, and none calls out while held.
//   generation_ (atomic) is bumped only with mu_ held exclusively and read
//   with mu_ held shared, so a reader's verdict memo key (instance_,
//   generation_) names exactly the index state it read.
#include <absl/container/flat_hash_map.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/mutex.h"
#include "link/components.h"
#include "link/engine.h"
#include "link/identifier_index.h"
#include "link/warning_list.h"
#include "store/store.h"

namespace zicht::link::internal {

inline constexpr size_t kFraudTypeCount = model::kFraudTypeNames.size();

struct ClusterCache {
  std::vector<ClusterSummary> by_priority;
  absl::flat_hash_map<std::string, uint32_t> root_by_id;
  std::vector<LinkWarning> warnings;
};

class EngineImpl final : public Engine {
 public:
  EngineImpl(std::unique_ptr<store::Store> store, std::vector<WarningList> extra, EngineOptions options);

  Status Load() ZICHT_EXCLUDES(mu_);

  // engine.cc
  void Apply(const std::vector<store::StoredReport>& changed) override ZICHT_EXCLUDES(mu_);
  void Remove(const std::vector<int64_t>& row_ids) override ZICHT_EXCLUDES(mu_);
  int64_t DistinctIdentifiers() const override ZICHT_EXCLUDES(mu_);
  int64_t IndexedReports() const override ZICHT_EXCLUDES(mu_);
  int64_t IndexBytes() const override ZICHT_EXCLUDES(mu_);
  Status ReloadWarningLists() override ZICHT_EXCLUDES(mu_);
  void SetConfirmedMules(std::vector<std::string> canonical_ibans) override ZICHT_EXCLUDES(mu_);

  // engine_verdicts.cc
  Verdict Check(model::IdentifierKind kind, std::string_view raw_value) const override ZICHT_EXCLUDES(mu_);
  Verdict CheckPseudonym(model::IdentifierKind kind, std::string_view pseudonym) const override
      ZICHT_EXCLUDES(mu_);

  // engine_clusters.cc
  std::vector<ClusterSummary> Clusters(const ClusterQuery& query) const override ZICHT_EXCLUDES(mu_);
  std::vector<ClusterMembers> Members(const ClusterQuery& query) const override ZICHT_EXCLUDES(mu_);
  Result<ClusterDetail> Cluster(std::string_view id) const override ZICHT_EXCLUDES(mu_);
  std::vector<IdentifierNode> Mules(size_t top) const override ZICHT_EXCLUDES(mu_);

  // engine_hub_warnings.cc
  std::vector<LinkWarning> LinkWarnings() const override ZICHT_EXCLUDES(mu_);

  // engine_identifiers.cc
  int64_t DistinctSources(model::IdentifierKind kind, std::string_view canonical) const override ZICHT_EXCLUDES(mu_);
  void ForEachIdentifier(const std::function<void(model::IdentifierKind, std::string_view)>& fn) const override
      ZICHT_EXCLUDES(mu_);

 private:
  // engine.cc
  void SetLists(std::vector<WarningList> extra) ZICHT_REQUIRES(mu_);
  //! Rebuilds index and components from the store (or empty without one).
  Status LoadLocked() ZICHT_REQUIRES(mu_);
  //! Re-derives the components after `effect` took links from its report.
  void RelinkLocked(const IdentifierIndex::UpsertEffect& effect) ZICHT_REQUIRES(mu_);
  //! Every change to the index ends here.
  void InvalidateCache() ZICHT_REQUIRES(mu_) ZICHT_EXCLUDES(cache_mu_);

  // engine_verdicts.cc
  void BuildPseudonymsLocked() const ZICHT_REQUIRES_SHARED(mu_) ZICHT_REQUIRES(pseudonym_mu_);
  void AddPseudonymLocked(uint32_t ident) const ZICHT_REQUIRES_SHARED(mu_)
      ZICHT_REQUIRES(pseudonym_mu_);
  void AddPseudonymsLocked() ZICHT_REQUIRES(mu_) ZICHT_EXCLUDES(pseudonym_mu_);
  void FillVerdictLocked(Verdict& v, std::string_view canonical, std::string_view domain) const
      ZICHT_REQUIRES_SHARED(mu_);
  //! `exact`: the identifier (kind, canonical) in the index.
  void FillVerdictFromIndexLocked(Verdict& v, std::string_view canonical, std::string_view domain,
                                  std::optional<uint32_t> exact) const ZICHT_REQUIRES_SHARED(mu_);

  // engine_clusters.cc
  IdentifierNode NodeLocked(uint32_t ident) const ZICHT_REQUIRES_SHARED(mu_);
  Status LoadReportsLocked(const std::vector<uint32_t>& members, std::vector<store::StoredReport>& out) const
      ZICHT_REQUIRES_SHARED(mu_) ZICHT_EXCLUDES(store_mu_);
  const ClusterCache& CacheLocked() const ZICHT_REQUIRES_SHARED(mu_) ZICHT_REQUIRES(cache_mu_);
  std::unique_ptr<ClusterCache> ComputeClustersLocked() const ZICHT_REQUIRES_SHARED(mu_);

  // engine_hub_warnings.cc
  std::vector<LinkWarning> HubWarningsLocked() const ZICHT_REQUIRES_SHARED(mu_);

  const EngineOptions options_;

  mutable SharedMutex mu_;
  std::vector<WarningList> lists_ ZICHT_GUARDED_BY(mu_);
  std::unique_ptr<WarningListMatcher> matcher_ ZICHT_GUARDED_BY(mu_);
  std::unique_ptr<IdentifierIndex> index_ ZICHT_GUARDED_BY(mu_);
  Components components_ ZICHT_GUARDED_BY(mu_);
  std::vector<std::string> confirmed_mules_ ZICHT_GUARDED_BY(mu_);  // sorted, distinct

  // The store is used by one thread at a time (store.h). The pointer is
  // set once, at construction.
  mutable Mutex store_mu_ ZICHT_ACQUIRED_AFTER(mu_);
  const std::unique_ptr<store::Store> store_ ZICHT_PT_GUARDED_BY(store_mu_);

  // Cluster summaries are derived data, computed on first use after a
  // change: O(reports + postings), so `zicht check` never pays for them.
  mutable Mutex cache_mu_ ZICHT_ACQUIRED_AFTER(mu_);
  mutable std::unique_ptr<ClusterCache> cache_ ZICHT_GUARDED_BY(cache_mu_);

  // Keys of the per-thread verdict memo (verdict_memo.h): which engine, and
  // which state of its index (see the lock order above).
  inline static std::atomic<uint64_t> next_instance_{1};
  const uint64_t instance_ = next_instance_.fetch_add(1, std::memory_order_relaxed);
  std::atomic<uint64_t> generation_{0};

  mutable Mutex pseudonym_mu_ ZICHT_ACQUIRED_AFTER(mu_);
  mutable absl::flat_hash_map<uint64_t, uint32_t> pseudonyms_ ZICHT_GUARDED_BY(pseudonym_mu_);
  mutable bool pseudonyms_built_ ZICHT_GUARDED_BY(pseudonym_mu_) = false;
  mutable uint32_t pseudonym_count_ ZICHT_GUARDED_BY(pseudonym_mu_) = 0;
};

}  // namespace zicht::link::internal

// The Engine's cluster views (engine.h: Clusters, Members, Cluster, Mules)
// and the cluster cache behind them: summaries and priority are derived
// data, computed by the first reader after a change. Lock order:
// engine_impl.h.
#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include "common/mutex.h"

#include <algorithm>
#include <array>

#include "link/cluster_id.h"
#include "link/engine_impl.h"
#include "link/priority.h"

namespace zicht::link::internal {

using model::IdentifierKind;

std::vector<ClusterSummary> EngineImpl::Clusters(const ClusterQuery& query) const {
  ReaderLock lock(&mu_);
  MutexLock clock(&cache_mu_);
  const ClusterCache& cache = CacheLocked();
  std::vector<ClusterSummary> out;
  for (const auto& s : cache.by_priority) {
    if (s.reports < query.min_reports) continue;
    out.push_back(s);
    if (query.top != 0 && out.size() >= query.top) break;
  }
  return out;
}

std::vector<ClusterMembers> EngineImpl::Members(const ClusterQuery& query) const {
  ReaderLock lock(&mu_);
  std::vector<ClusterMembers> out;
  absl::flat_hash_map<uint32_t, size_t> position;
  {
    MutexLock clock(&cache_mu_);
    const ClusterCache& cache = CacheLocked();
    for (const auto& s : cache.by_priority) {
      if (s.reports < query.min_reports) continue;
      position.emplace(cache.root_by_id.at(s.id), out.size());
      out.push_back({s.id, {}});
      if (query.top != 0 && out.size() >= query.top) break;
    }
  }
  std::vector<std::vector<uint32_t>> members(out.size());
  for (uint32_t r = 0; r < index_->report_count(); ++r) {
    auto it = position.find(components_.Find(r));
    if (it != position.end()) members[it->second].push_back(r);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    std::sort(members[i].begin(), members[i].end(), [&index = *index_](uint32_t a, uint32_t b) { return index.KeyLess(a, b); });
    for (uint32_t r : members[i]) {
      out[i].reports.push_back({std::string(index_->source(r)), std::string(index_->report_id(r))});
    }
  }
  return out;
}

Result<ClusterDetail> EngineImpl::Cluster(std::string_view id) const {
  ReaderLock lock(&mu_);
  ClusterDetail detail;
  uint32_t root;
  {
    MutexLock clock(&cache_mu_);
    const ClusterCache& cache = CacheLocked();
    auto it = cache.root_by_id.find(std::string(id));
    if (it == cache.root_by_id.end()) return Status::NotFound("no cluster '" + std::string(id) + "'");
    root = it->second;
    for (const auto& s : cache.by_priority) {
      if (s.id == id) detail.summary = s;
    }
  }
  std::vector<uint32_t> members;
  for (uint32_t r = 0; r < index_->report_count(); ++r) {
    if (components_.Find(r) == root) members.push_back(r);
  }
  std::sort(members.begin(), members.end(), [&index = *index_](uint32_t a, uint32_t b) { return index.KeyLess(a, b); });
  ZICHT_RETURN_IF_ERROR(LoadReportsLocked(members, detail.reports));

  absl::flat_hash_map<uint32_t, size_t> node_of;
  for (size_t i = 0; i < members.size(); ++i) {
    for (uint32_t e : index_->entries(members[i])) {
      uint32_t ident = EntryIndex(e);
      auto [it, fresh] = node_of.emplace(ident, detail.identifiers.size());
      if (fresh) detail.identifiers.push_back(NodeLocked(ident));
      detail.edges.push_back({i, it->second, EntryRole(e)});
    }
  }
  return detail;
}

std::vector<IdentifierNode> EngineImpl::Mules(size_t top) const {
  ReaderLock lock(&mu_);
  std::vector<IdentifierNode> out;
  for (uint32_t ident = 0; ident < index_->ident_count(); ++ident) {
    if (index_->kind(ident) == static_cast<uint8_t>(IdentifierKind::kIban) && index_->IsMule(ident)) {
      out.push_back(NodeLocked(ident));
    }
  }
  std::sort(out.begin(), out.end(), [](const IdentifierNode& a, const IdentifierNode& b) {
    return a.reports != b.reports ? a.reports > b.reports : a.canonical < b.canonical;
  });
  if (top != 0 && out.size() > top) out.resize(top);
  return out;
}

// REQUIRES: mu_ held.
IdentifierNode EngineImpl::NodeLocked(uint32_t ident) const {
  IdentifierNode node;
  bool is_domain = index_->kind(ident) == kDomainKind;
  node.kind = is_domain ? IdentifierKind::kUrl : static_cast<IdentifierKind>(index_->kind(ident));
  node.domain = is_domain;
  node.canonical = std::string(index_->canonical(ident));
  node.warning_listed = index_->warning_listed(ident);
  std::array<bool, model::kRoleNames.size()> roles{};
  uint32_t last = UINT32_MAX;
  for (uint32_t p : index_->postings(ident)) {
    roles[static_cast<size_t>(EntryRole(p))] = true;
    if (index_->Links(ident, p)) node.linkable = true;
    if (EntryIndex(p) != last) ++node.reports;
    last = EntryIndex(p);
  }
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i]) node.roles.push_back(static_cast<model::Role>(i));
  }
  node.mule = !is_domain && index_->IsMule(ident);
  return node;
}

// REQUIRES: mu_ held.
Status EngineImpl::LoadReportsLocked(const std::vector<uint32_t>& members, std::vector<store::StoredReport>& out) const {
  if (store_) {
    std::vector<int64_t> rows;
    for (uint32_t r : members) rows.push_back(index_->row_id(r));
    MutexLock slock(&store_mu_);
    ZICHT_ASSIGN_OR_RETURN(out, store_->GetReports(rows));
    return Status::Ok();
  }
  for (uint32_t r : members) {
    store::StoredReport s;
    s.row_id = index_->row_id(r);
    s.report.key = {std::string(index_->source(r)), std::string(index_->report_id(r))};
    s.report.reported_at_seconds = index_->reported_at(r);
    s.report.reported_at = FormatRfc3339(index_->reported_at(r));
    s.report.fraud_type = index_->fraud_type(r);
    s.report.outcome = index_->loss(r) ? model::Outcome::kLoss : model::Outcome::kAttempt;
    if (index_->damage_cents(r) != 0) s.report.damage_cents = index_->damage_cents(r);
    out.push_back(std::move(s));
  }
  return Status::Ok();
}

// REQUIRES: mu_ and cache_mu_ held.
const ClusterCache& EngineImpl::CacheLocked() const {
  if (!cache_) cache_ = ComputeClustersLocked();
  return *cache_;
}

std::unique_ptr<ClusterCache> EngineImpl::ComputeClustersLocked() const {
  auto cache = std::make_unique<ClusterCache>();
  const uint32_t n = index_->report_count();
  UnixSeconds now = options_.now.value_or(index_->newest());
  // Group members by root with a counting sort (no per-cluster vectors).
  absl::flat_hash_map<uint32_t, uint32_t> slot_of_root;
  std::vector<uint32_t> roots;
  std::vector<uint32_t> slot(n, UINT32_MAX);
  for (uint32_t r = 0; r < n; ++r) {
    uint32_t root = components_.Find(r);
    if (components_.Size(root) < 2) continue;
    auto [it, fresh] = slot_of_root.emplace(root, static_cast<uint32_t>(roots.size()));
    if (fresh) roots.push_back(root);
    slot[r] = it->second;
  }
  std::vector<uint32_t> start(roots.size() + 1, 0);
  for (uint32_t r = 0; r < n; ++r) {
    if (slot[r] != UINT32_MAX) ++start[slot[r] + 1];
  }
  for (size_t i = 0; i < roots.size(); ++i) start[i + 1] += start[i];
  std::vector<uint32_t> members(start.back());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t r = 0; r < n; ++r) {
    if (slot[r] != UINT32_MAX) members[fill[slot[r]]++] = r;
  }

  // The confirmed mules that reports name, as identifier numbers.
  absl::flat_hash_set<uint32_t> confirmed;
  for (const std::string& iban : confirmed_mules_) {
    if (auto ident = index_->Find(static_cast<uint8_t>(model::IdentifierKind::kIban), iban)) confirmed.insert(*ident);
  }
  std::vector<uint32_t> ident_stamp(index_->ident_count(), UINT32_MAX);
  cache->by_priority.reserve(roots.size());
  for (uint32_t c = 0; c < roots.size(); ++c) {
    ClusterSummary s;
    uint32_t smallest = components_.Smallest(roots[c]);
    s.id = ClusterId(index_->source(smallest), index_->report_id(smallest));
    std::array<int64_t, kFraudTypeCount> types{};
    std::vector<uint16_t> sources;
    s.first_seen = INT64_MAX;
    s.last_seen = INT64_MIN;
    for (uint32_t i = start[c]; i < start[c + 1]; ++i) {
      uint32_t r = members[i];
      ++s.reports;
      if (index_->loss(r)) ++s.losses;
      s.damage_cents += index_->damage_cents(r);
      s.first_seen = std::min(s.first_seen, index_->reported_at(r));
      s.last_seen = std::max(s.last_seen, index_->reported_at(r));
      ++types[static_cast<size_t>(index_->fraud_type(r))];
      sources.push_back(index_->source_index(r));
      // A lambda is analysed apart from the lock held here: it gets the index.
      index_->ForEachLink(r, [&, &index = *index_](uint32_t ident) {
        if (ident_stamp[ident] == c) return;
        ident_stamp[ident] = c;
        if (index.IsMule(ident)) ++s.mules;
        if (index.IsLead(ident)) ++s.leads;
        if (!confirmed.empty() && confirmed.contains(ident)) ++s.confirmed_mules;
      });
    }
    std::sort(sources.begin(), sources.end());
    s.sources = std::unique(sources.begin(), sources.end()) - sources.begin();
    for (size_t t = 0; t < kFraudTypeCount; ++t) {
      if (types[t] > 0) s.fraud_types.emplace_back(static_cast<model::FraudType>(t), types[t]);
    }
    Prioritize(s, now);
    cache->root_by_id.emplace(s.id, roots[c]);
    cache->by_priority.push_back(std::move(s));
  }
  std::sort(cache->by_priority.begin(), cache->by_priority.end(),
            [](const ClusterSummary& a, const ClusterSummary& b) {
              return a.score != b.score ? a.score > b.score : a.id < b.id;
            });
  cache->warnings = HubWarningsLocked();
  return cache;
}

}  // namespace zicht::link::internal

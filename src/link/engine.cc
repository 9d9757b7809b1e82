// The Engine implementation: the identifier index, its components, the
// cluster cache and the verdicts, behind one reader-writer lock.
#include "link/engine.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <shared_mutex>

#include "link/cluster_id.h"
#include "link/components.h"
#include "link/identifier_index.h"
#include "link/priority.h"
#include "link/pseudonym.h"
#include "link/verdict.h"
#include "link/verdict_memo.h"
#include "normalize/normalize.h"
#include "store/warning_list_store.h"

namespace zicht::link {
namespace {

using model::IdentifierKind;

// A likely missing warning-list entry (docs/linking.md, "Hub warnings"): an
// identifier in at least kHubMinReports reports spread over at least
// kHubMinFraudTypes fraud types that each make up at least kHubMinTypeShare
// of them. One gang works one or two scripts (help-request fraud, or
// bank-helpdesk fraud plus phishing); a value shared across three or more
// unrelated kinds of fraud is far more often something everyone uses (a
// payment platform, a bank's number reported without the `spoofed` role).
constexpr int64_t kHubMinReports = 20;
constexpr int64_t kHubMinFraudTypes = 3;
constexpr double kHubMinTypeShare = 0.10;

constexpr size_t kFraudTypeCount = model::kFraudTypeNames.size();

struct ClusterCache {
  std::vector<ClusterSummary> by_priority;
  absl::flat_hash_map<std::string, uint32_t> root_by_id;
  std::vector<LinkWarning> warnings;
};

std::vector<WarningList> ToLists(std::vector<store::WarningListRow> rows) {
  std::vector<WarningList> out;
  for (auto& row : rows) {
    WarningList list;
    list.name = std::move(row.name);
    list.description = std::move(row.description);
    for (auto& [kind, value] : row.entries) list.entries.push_back({kind, std::move(value)});
    out.push_back(std::move(list));
  }
  return out;
}

class EngineImpl final : public Engine {
 public:
  EngineImpl(std::unique_ptr<store::Store> store, std::vector<WarningList> extra, EngineOptions options)
      : options_(std::move(options)), store_(std::move(store)) {
    SetLists(std::move(extra));
  }

  Status Load() {
    std::unique_lock lock(mu_);
    return LoadLocked();
  }

  void Apply(const std::vector<store::StoredReport>& changed) override {
    std::unique_lock lock(mu_);
    for (const auto& stored : changed) {
      IdentifierIndex::UpsertEffect effect = index_->Upsert(stored);
      components_.Grow(*index_);
      if (effect.lost_links.empty()) {
        components_.Link(*index_, effect.report);
      } else {
        // Seeds: the report itself and one report of every identifier it
        // no longer links through (components.h explains why that is all).
        std::vector<uint32_t> seeds{effect.report};
        for (uint32_t ident : effect.lost_links) {
          for (uint32_t p : index_->postings(ident)) {
            if (index_->Links(ident, p)) {
              seeds.push_back(EntryIndex(p));
              break;
            }
          }
        }
        components_.Recompute(*index_, seeds);
      }
      AddPseudonymsLocked();
    }
    InvalidateCache();
  }

  Verdict Check(IdentifierKind kind, std::string_view raw_value) const override {
    Verdict v;
    v.kind = kind;
    v.value = std::string(raw_value);
    auto n = normalize::Normalize(kind, raw_value);
    if (!n.ok()) {
      v.reasons.push_back("INVALID");
      return v;
    }
    v.valid = true;
    v.normalized = n->canonical;
    std::shared_lock lock(mu_);
    FillVerdictLocked(v, n->canonical, n->domain);
    return v;
  }

  Verdict CheckPseudonym(IdentifierKind kind, std::string_view pseudonym) const override {
    Verdict v;
    v.kind = kind;
    v.pseudonym = std::string(pseudonym);
    v.valid = true;
    if (options_.pseudonym_key.empty()) return v;
    std::shared_lock lock(mu_);
    {
      std::lock_guard plock(pseudonym_mu_);
      if (!pseudonyms_built_) BuildPseudonymsLocked();
    }
    uint64_t prefix = PseudonymPrefix(pseudonym);
    std::optional<uint32_t> ident;
    {
      std::lock_guard plock(pseudonym_mu_);
      auto it = pseudonyms_.find(prefix);
      if (it != pseudonyms_.end()) ident = it->second;
    }
    // The map is keyed by the first 64 bits; confirm the whole pseudonym.
    if (!ident || index_->kind(*ident) != static_cast<uint8_t>(kind) ||
        Pseudonymize(options_.pseudonym_key, kind, index_->canonical(*ident)) != pseudonym) {
      return v;
    }
    std::string canonical(index_->canonical(*ident));
    std::string domain;
    if (kind == IdentifierKind::kUrl) {
      if (auto n = normalize::Normalize(kind, canonical); n.ok()) domain = n->domain;
    }
    FillVerdictLocked(v, canonical, domain);
    return v;
  }

  std::vector<ClusterSummary> Clusters(const ClusterQuery& query) const override {
    std::shared_lock lock(mu_);
    std::lock_guard clock(cache_mu_);
    const ClusterCache& cache = CacheLocked();
    std::vector<ClusterSummary> out;
    for (const auto& s : cache.by_priority) {
      if (s.reports < query.min_reports) continue;
      out.push_back(s);
      if (query.top != 0 && out.size() >= query.top) break;
    }
    return out;
  }

  std::vector<ClusterMembers> Members(const ClusterQuery& query) const override {
    std::shared_lock lock(mu_);
    std::vector<ClusterMembers> out;
    absl::flat_hash_map<uint32_t, size_t> position;
    {
      std::lock_guard clock(cache_mu_);
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
      std::sort(members[i].begin(), members[i].end(), [&](uint32_t a, uint32_t b) { return index_->KeyLess(a, b); });
      for (uint32_t r : members[i]) {
        out[i].reports.push_back({std::string(index_->source(r)), std::string(index_->report_id(r))});
      }
    }
    return out;
  }

  Result<ClusterDetail> Cluster(std::string_view id) const override {
    std::shared_lock lock(mu_);
    ClusterDetail detail;
    uint32_t root;
    {
      std::lock_guard clock(cache_mu_);
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
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) { return index_->KeyLess(a, b); });
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

  std::vector<IdentifierNode> Mules(size_t top) const override {
    std::shared_lock lock(mu_);
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

  int64_t DistinctIdentifiers() const override {
    std::shared_lock lock(mu_);
    return index_->LiveIdentifiers() - index_->LiveDomains();
  }
  int64_t IndexedReports() const override {
    std::shared_lock lock(mu_);
    return index_->report_count();
  }
  int64_t IndexBytes() const override {
    std::shared_lock lock(mu_);
    std::lock_guard plock(pseudonym_mu_);
    return index_->Bytes() + components_.Bytes() +
           static_cast<int64_t>(pseudonyms_.capacity() * (sizeof(std::pair<uint64_t, uint32_t>) + 1));
  }

  std::vector<LinkWarning> LinkWarnings() const override {
    std::shared_lock lock(mu_);
    std::lock_guard clock(cache_mu_);
    return CacheLocked().warnings;
  }

  Status ReloadWarningLists() override {
    std::vector<WarningList> extra;
    if (!options_.db_path.empty()) {
      ZICHT_ASSIGN_OR_RETURN(auto wl_store, store::WarningListStore::Open(options_.db_path));
      ZICHT_ASSIGN_OR_RETURN(auto rows, wl_store->LoadAll());
      extra = ToLists(std::move(rows));
    }
    std::unique_lock lock(mu_);
    SetLists(std::move(extra));
    return LoadLocked();
  }

 private:
  void SetLists(std::vector<WarningList> extra) {
    lists_ = ShippedWarningLists();
    for (auto& l : extra) lists_.push_back(std::move(l));
    matcher_ = std::make_unique<WarningListMatcher>(lists_);
  }

  // Rebuilds index and components from the store (or empty without one).
  Status LoadLocked() {
    auto index = std::make_unique<IdentifierIndex>(matcher_.get());
    if (store_) {
      std::lock_guard slock(store_mu_);
      // Only the fields the index reads (no report texts): start-up cost.
      ZICHT_RETURN_IF_ERROR(store_->ScanIndexFields([&](const store::StoredReport& r) {
        (void)index->Upsert(r);
        return Status::Ok();
      }));
    }
    index->ShrinkToFit();
    index_ = std::move(index);
    components_.Build(*index_);
    {
      std::lock_guard plock(pseudonym_mu_);
      pseudonyms_.clear();
      pseudonyms_built_ = false;
    }
    InvalidateCache();
    return Status::Ok();
  }

  // REQUIRES: mu_ held exclusively (every change to the index ends here).
  void InvalidateCache() {
    generation_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard clock(cache_mu_);
    cache_.reset();
  }

  static uint64_t PseudonymPrefix(std::string_view hex) {
    uint64_t v = 0;
    for (size_t i = 0; i < 16 && i < hex.size(); ++i) {
      char c = hex[i];
      uint64_t d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
      v = (v << 4) | d;
    }
    return v;
  }

  // Pseudonyms are computed on the first CheckPseudonym, not at start-up:
  // one HMAC per identifier costs about a second per million identifiers and
  // 13 bytes each, which a deployment without pseudonymised partners should
  // not pay. From then on Apply() adds the pseudonyms of new identifiers.
  // REQUIRES: mu_ held (shared or exclusive) and pseudonym_mu_ held.
  void BuildPseudonymsLocked() const {
    pseudonyms_.reserve(index_->ident_count());
    for (uint32_t ident = 0; ident < index_->ident_count(); ++ident) AddPseudonymLocked(ident);
    pseudonym_count_ = index_->ident_count();
    pseudonyms_built_ = true;
  }
  void AddPseudonymLocked(uint32_t ident) const {
    if (index_->kind(ident) == kDomainKind) return;
    auto kind = static_cast<IdentifierKind>(index_->kind(ident));
    pseudonyms_[PseudonymPrefix(Pseudonymize(options_.pseudonym_key, kind, index_->canonical(ident)))] = ident;
  }
  // REQUIRES: mu_ held exclusively.
  void AddPseudonymsLocked() {
    std::lock_guard plock(pseudonym_mu_);
    if (!pseudonyms_built_) return;
    for (uint32_t ident = pseudonym_count_; ident < index_->ident_count(); ++ident) AddPseudonymLocked(ident);
    pseudonym_count_ = index_->ident_count();
  }

  // The verdict rules of docs/design.md (POST /v1/check); docs/linking.md.
  // REQUIRES: mu_ held.
  void FillVerdictLocked(Verdict& v, std::string_view canonical, std::string_view domain) const {
    auto exact = index_->Find(static_cast<uint8_t>(v.kind), canonical);
    // Outside URLs (judged by their domain too) the verdict is a function
    // of the identifier and the index alone: memoisable (verdict_memo.h).
    if (v.kind == IdentifierKind::kUrl || !exact || index_->postings(*exact).size() < VerdictMemo::kMinPostings) {
      return FillVerdictFromIndexLocked(v, canonical, domain, exact);
    }
    VerdictMemo& memo = VerdictMemo::ForThisThread();
    const uint64_t generation = generation_.load(std::memory_order_relaxed);
    if (const Verdict* known = memo.Find(instance_, generation, *exact)) {
      VerdictMemo::CopyDerived(*known, v);
      return;
    }
    FillVerdictFromIndexLocked(v, canonical, domain, exact);
    memo.Store(instance_, generation, *exact, v);
  }

  // REQUIRES: mu_ held. `exact`: the identifier (kind, canonical) in the index.
  void FillVerdictFromIndexLocked(Verdict& v, std::string_view canonical, std::string_view domain,
                                  std::optional<uint32_t> exact) const {
    VerdictFacts facts;
    // A URL is judged by its registrable domain when that links: every URL
    // on a fraud domain is as suspect as the one that was reported.
    std::optional<uint32_t> ident = exact;
    if (v.kind == IdentifierKind::kUrl && !domain.empty() && !matcher_->Covers(v.kind, canonical)) {
      if (auto d = index_->Find(kDomainKind, domain); d && !index_->warning_listed(*d)) ident = d;
    }
    facts.warning_listed = matcher_->Covers(v.kind, canonical) ||
                           (v.kind == IdentifierKind::kUrl && !domain.empty() && matcher_->CoversDomain(domain));
    std::optional<uint32_t> cluster_report;
    if (ident) {
      uint32_t last = UINT32_MAX;
      uint32_t last_linking = UINT32_MAX;
      std::array<bool, kFraudTypeCount> types{};
      for (uint32_t p : index_->postings(*ident)) {
        uint32_t r = EntryIndex(p);
        bool spoofed = EntryRole(p) == model::Role::kSpoofed;
        if (spoofed) facts.spoofed = true;
        if (!spoofed && r != last_linking) {
          last_linking = r;
          ++facts.reports_not_spoofed;
          if (index_->loss(r)) facts.loss_not_spoofed = true;
          if (!cluster_report) cluster_report = r;
        }
        if (r == last) continue;  // a report's postings are contiguous
        last = r;
        ++v.reports;
        if (index_->loss(r)) ++v.losses;
        v.damage_cents += index_->damage_cents(r);
        UnixSeconds t = index_->reported_at(r);
        if (!v.first_seen || t < *v.first_seen) v.first_seen = t;
        if (!v.last_seen || t > *v.last_seen) v.last_seen = t;
        types[static_cast<size_t>(index_->fraud_type(r))] = true;
      }
      for (size_t t = 0; t < kFraudTypeCount; ++t) {
        if (types[t]) v.fraud_types.push_back(static_cast<model::FraudType>(t));
      }
      facts.mule = exact && index_->IsMule(*exact);
      if (cluster_report && !facts.warning_listed) {
        uint32_t root = components_.Find(*cluster_report);
        if (components_.Size(root) >= 2) {
          uint32_t smallest = components_.Smallest(root);
          v.cluster = ClusterRef{ClusterId(index_->source(smallest), index_->report_id(smallest)),
                                 static_cast<int64_t>(components_.Size(root))};
        }
      }
    }
    v.known = v.reports > 0;
    ApplyVerdictRules(v, facts);
  }

  // REQUIRES: mu_ held.
  IdentifierNode NodeLocked(uint32_t ident) const {
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
  Status LoadReportsLocked(const std::vector<uint32_t>& members, std::vector<store::StoredReport>& out) const {
    if (store_) {
      std::vector<int64_t> rows;
      for (uint32_t r : members) rows.push_back(index_->row_id(r));
      std::lock_guard slock(store_mu_);
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
  const ClusterCache& CacheLocked() const {
    if (!cache_) cache_ = ComputeClustersLocked();
    return *cache_;
  }

  std::unique_ptr<ClusterCache> ComputeClustersLocked() const {
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
        index_->ForEachLink(r, [&](uint32_t ident) {
          if (ident_stamp[ident] == c) return;
          ident_stamp[ident] = c;
          if (index_->IsMule(ident)) ++s.mules;
          if (index_->IsLead(ident)) ++s.leads;
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

  std::vector<LinkWarning> HubWarningsLocked() const {
    std::vector<LinkWarning> out;
    for (uint32_t ident = 0; ident < index_->ident_count(); ++ident) {
      const PackedList& postings = index_->postings(ident);
      if (postings.size() < kHubMinReports || index_->warning_listed(ident)) continue;
      std::array<int64_t, kFraudTypeCount> types{};
      int64_t reports = 0;
      uint32_t last = UINT32_MAX;
      std::optional<uint32_t> any;
      for (uint32_t p : postings) {
        if (!index_->Links(ident, p) || EntryIndex(p) == last) continue;
        last = EntryIndex(p);
        any = last;
        ++reports;
        ++types[static_cast<size_t>(index_->fraud_type(last))];
      }
      if (reports < kHubMinReports) continue;
      int64_t spread = 0;
      for (int64_t t : types) {
        if (static_cast<double>(t) >= kHubMinTypeShare * static_cast<double>(reports)) ++spread;
      }
      if (spread < kHubMinFraudTypes) continue;
      LinkWarning w;
      bool is_domain = index_->kind(ident) == kDomainKind;
      w.kind = is_domain ? IdentifierKind::kUrl : static_cast<IdentifierKind>(index_->kind(ident));
      w.domain = is_domain;
      w.canonical = std::string(index_->canonical(ident));
      w.reports = reports;
      for (size_t t = 0; t < kFraudTypeCount; ++t) {
        if (types[t] > 0) w.fraud_types.emplace_back(static_cast<model::FraudType>(t), types[t]);
      }
      uint32_t smallest = components_.Smallest(components_.Find(*any));
      w.cluster_id = ClusterId(index_->source(smallest), index_->report_id(smallest));
      std::string kind_name = is_domain ? "domain" : std::string(model::kIdentifierKindNames.Name(w.kind));
      w.message = kind_name + " " + w.canonical + " joins " + std::to_string(reports) + " reports of " +
                  std::to_string(spread) + " unrelated fraud types into cluster " + w.cluster_id +
                  ": likely a legitimate shared value missing from the warning-lists (zicht warninglist import)";
      out.push_back(std::move(w));
    }
    std::sort(out.begin(), out.end(), [](const LinkWarning& a, const LinkWarning& b) {
      return a.reports != b.reports ? a.reports > b.reports : a.canonical < b.canonical;
    });
    return out;
  }

  const EngineOptions options_;
  // Guards index_, components_, lists_, matcher_: shared for readers,
  // exclusive for Apply and reloads.
  mutable std::shared_mutex mu_;
  std::vector<WarningList> lists_;
  std::unique_ptr<WarningListMatcher> matcher_;
  std::unique_ptr<IdentifierIndex> index_;
  Components components_;

  // The store is used by one thread at a time (store.h).
  mutable std::mutex store_mu_;
  std::unique_ptr<store::Store> store_;

  // Cluster summaries are derived data, computed on first use after a
  // change: O(reports + postings), so `zicht check` never pays for them.
  mutable std::mutex cache_mu_;
  mutable std::unique_ptr<ClusterCache> cache_;

  // Keys of the per-thread verdict memo (verdict_memo.h): which engine, and
  // which state of its index. Written under mu_ exclusively, read shared.
  inline static std::atomic<uint64_t> next_instance_{1};
  const uint64_t instance_ = next_instance_.fetch_add(1, std::memory_order_relaxed);
  std::atomic<uint64_t> generation_{0};

  mutable std::mutex pseudonym_mu_;
  mutable absl::flat_hash_map<uint64_t, uint32_t> pseudonyms_;
  mutable bool pseudonyms_built_ = false;
  mutable uint32_t pseudonym_count_ = 0;
};

}  // namespace

Result<std::unique_ptr<Engine>> NewEngine(std::unique_ptr<store::Store> store, std::vector<WarningList> extra_lists,
                                          const EngineOptions& options) {
  auto engine = std::make_unique<EngineImpl>(std::move(store), std::move(extra_lists), options);
  ZICHT_RETURN_IF_ERROR(engine->Load());
  return std::unique_ptr<Engine>(std::move(engine));
}

Result<std::unique_ptr<Engine>> BuildEngine(const EngineOptions& options) {
  ZICHT_ASSIGN_OR_RETURN(auto wl_store, store::WarningListStore::Open(options.db_path));
  ZICHT_ASSIGN_OR_RETURN(auto rows, wl_store->LoadAll());
  wl_store.reset();
  ZICHT_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(options.db_path));
  return NewEngine(std::move(store), ToLists(std::move(rows)), options);
}

}  // namespace zicht::link

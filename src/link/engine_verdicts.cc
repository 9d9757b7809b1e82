// The Engine's verdicts (engine.h: Check, CheckPseudonym): the verdict
// rules over the index, the per-thread memo, and the pseudonym map that
// CheckPseudonym looks up. Lock order: engine_impl.h.
#include "common/mutex.h"

#include <array>

#include "common/encoding.h"
#include "link/cluster_id.h"
#include "link/engine_impl.h"
#include "link/pseudonym.h"
#include "link/verdict.h"
#include "link/verdict_memo.h"
#include "normalize/normalize.h"

namespace zicht::link::internal {
namespace {

using model::IdentifierKind;

// The first 64 bits of a hex pseudonym: the key of the pseudonym map.
uint64_t PseudonymPrefix(std::string_view hex) {
  uint64_t v = 0;
  for (size_t i = 0; i < 16 && i < hex.size(); ++i) {
    int d = HexDigitValue(hex[i]);
    v = (v << 4) | static_cast<uint64_t>(d < 0 ? 0 : d);
  }
  return v;
}

}  // namespace

Verdict EngineImpl::Check(IdentifierKind kind, std::string_view raw_value) const {
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
  ReaderLock lock(&mu_);
  FillVerdictLocked(v, n->canonical, n->domain);
  return v;
}

Verdict EngineImpl::CheckPseudonym(IdentifierKind kind, std::string_view pseudonym) const {
  Verdict v;
  v.kind = kind;
  v.pseudonym = std::string(pseudonym);
  v.valid = true;
  if (options_.pseudonym_key.empty()) return v;
  ReaderLock lock(&mu_);
  {
    MutexLock plock(&pseudonym_mu_);
    if (!pseudonyms_built_) BuildPseudonymsLocked();
  }
  uint64_t prefix = PseudonymPrefix(pseudonym);
  std::optional<uint32_t> ident;
  {
    MutexLock plock(&pseudonym_mu_);
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

// Pseudonyms are computed on the first CheckPseudonym, not at start-up:
// one HMAC per identifier costs about a second per million identifiers and
// 13 bytes each, which a deployment without pseudonymised partners should
// not pay. From then on Apply() adds the pseudonyms of new identifiers.
// REQUIRES: mu_ held (shared or exclusive) and pseudonym_mu_ held.
void EngineImpl::BuildPseudonymsLocked() const {
  pseudonyms_.reserve(index_->ident_count());
  for (uint32_t ident = 0; ident < index_->ident_count(); ++ident) AddPseudonymLocked(ident);
  pseudonym_count_ = index_->ident_count();
  pseudonyms_built_ = true;
}

void EngineImpl::AddPseudonymLocked(uint32_t ident) const {
  if (index_->kind(ident) == kDomainKind) return;
  auto kind = static_cast<IdentifierKind>(index_->kind(ident));
  pseudonyms_[PseudonymPrefix(Pseudonymize(options_.pseudonym_key, kind, index_->canonical(ident)))] = ident;
}

// REQUIRES: mu_ held exclusively.
void EngineImpl::AddPseudonymsLocked() {
  MutexLock plock(&pseudonym_mu_);
  if (!pseudonyms_built_) return;
  for (uint32_t ident = pseudonym_count_; ident < index_->ident_count(); ++ident) AddPseudonymLocked(ident);
  pseudonym_count_ = index_->ident_count();
}

// The verdict rules of docs/design.md (POST /v1/check); docs/linking.md.
// REQUIRES: mu_ held.
void EngineImpl::FillVerdictLocked(Verdict& v, std::string_view canonical, std::string_view domain) const {
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
void EngineImpl::FillVerdictFromIndexLocked(Verdict& v, std::string_view canonical, std::string_view domain, std::optional<uint32_t> exact) const {
  VerdictFacts facts;
  // A URL is judged by its registrable domain when that links: every URL
  // on a fraud domain is as suspect as the one that was reported.
  std::optional<uint32_t> ident = exact;
  if (v.kind == IdentifierKind::kUrl && !domain.empty() && !matcher_->Covers(v.kind, canonical)) {
    if (auto d = index_->Find(kDomainKind, domain); d && !index_->warning_listed(*d)) ident = d;
  }
  // Not CoversDomain(domain): a subdomain entry for the domain already
  // covers the URL, and an exact entry ("google.com" from a MISP `string`
  // list) covers that host, not every site on the domain.
  facts.warning_listed = matcher_->Covers(v.kind, canonical);
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

}  // namespace zicht::link::internal

// The Engine's hub warnings (engine.h: LinkWarnings; docs/linking.md,
// "Hub warnings"): identifiers that join many reports of unrelated fraud
// types, most likely legitimate values missing from the warning-lists.
// Computed with the cluster cache (engine_clusters.cc).
#include "common/mutex.h"

#include <algorithm>
#include <array>

#include "link/cluster_id.h"
#include "link/engine_impl.h"

namespace zicht::link::internal {
namespace {

// A likely missing warning-list entry: an identifier in at least
// kHubMinReports reports spread over at least kHubMinFraudTypes fraud types
// that each make up at least kHubMinTypeShare of them. One gang works one or
// two scripts (help-request fraud, or bank-helpdesk fraud plus phishing); a
// value shared across three or more unrelated kinds of fraud is far more
// often something everyone uses (a payment platform, a bank's number
// reported without the `spoofed` role).
constexpr int64_t kHubMinReports = 20;
constexpr int64_t kHubMinFraudTypes = 3;
constexpr double kHubMinTypeShare = 0.10;

}  // namespace

using model::IdentifierKind;

std::vector<LinkWarning> EngineImpl::LinkWarnings() const {
  ReaderLock lock(&mu_);
  MutexLock clock(&cache_mu_);
  return CacheLocked().warnings;
}

std::vector<LinkWarning> EngineImpl::HubWarningsLocked() const {
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

}  // namespace zicht::link::internal

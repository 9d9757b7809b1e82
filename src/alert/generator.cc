#include "alert/generator.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace zicht::alert {
namespace {

bool HasReason(const link::Verdict& v, std::string_view reason) {
  return std::find(v.reasons.begin(), v.reasons.end(), reason) != v.reasons.end();
}

// A verdict that may raise an alert: named by a report other than as
// spoofed, and not warning-listed (or cleared by an upheld dispute).
bool Alertable(const link::Verdict& v) { return HasReason(v, "REPORTED") && !HasReason(v, "WARNINGLISTED"); }

std::string JoinReasons(const link::Verdict& v) {
  std::string out;
  for (std::string_view r : v.reasons) {
    if (!out.empty()) out += ',';
    out.append(r);
  }
  return out;
}

}  // namespace

void MergeCandidates(std::vector<Candidate>* candidates) {
  auto key = [](const Candidate& c) { return std::tie(c.kind, c.canonical); };
  std::sort(candidates->begin(), candidates->end(), [&](const Candidate& a, const Candidate& b) {
    return key(a) < key(b);
  });
  std::vector<Candidate> merged;
  for (Candidate& c : *candidates) {
    if (!merged.empty() && key(merged.back()) == key(c)) {
      Candidate& m = merged.back();
      m.beneficiary_loss = m.beneficiary_loss || c.beneficiary_loss;
      for (std::string& p : c.partners) {
        if (std::find(m.partners.begin(), m.partners.end(), p) == m.partners.end()) m.partners.push_back(std::move(p));
      }
      continue;
    }
    merged.push_back(std::move(c));
  }
  *candidates = std::move(merged);
}

void Generator::Collect(const std::vector<store::StoredReport>& changed, std::vector<Candidate>* out) const {
  if (subscriptions_.empty()) return;
  std::unordered_map<std::string, size_t> seen;  // kind + canonical → index in *out (this call)
  std::vector<std::string> partners;
  for (const store::StoredReport& r : changed) {
    const bool loss = r.report.outcome == model::Outcome::kLoss;
    for (const model::Identifier& id : r.report.identifiers) {
      if (!id.valid || id.role == model::Role::kSpoofed) continue;
      partners.clear();
      subscriptions_.Match(id.kind, id.canonical, &partners);
      if (partners.empty()) continue;
      std::string key = std::string(model::kIdentifierKindNames.Name(id.kind)) + '\n' + id.canonical;
      auto [it, fresh] = seen.emplace(std::move(key), out->size());
      if (fresh) out->push_back(Candidate{id.kind, id.canonical, partners, false});
      Candidate& c = (*out)[it->second];
      if (loss && id.role == model::Role::kBeneficiary && id.kind == model::IdentifierKind::kIban) {
        c.beneficiary_loss = true;
      }
    }
  }
}

store::Alert Generator::MakeAlert(const std::string& partner, std::string_view rule, const link::Verdict& v,
                                  int64_t sources, UnixSeconds now) const {
  store::Alert a;
  a.partner = partner;
  a.rule = std::string(rule);
  a.kind = std::string(model::kIdentifierKindNames.Name(v.kind));
  a.normalized = v.normalized;
  a.id = store::AlertId(a.partner, a.rule, a.kind, a.normalized);
  a.created_at = now;
  a.first_report_at = v.first_seen.value_or(now);
  a.reports = v.reports;
  a.sources = sources;
  a.losses = v.losses;
  a.damage_cents = v.damage_cents;
  a.reasons = JoinReasons(v);
  if (v.cluster) a.cluster = v.cluster->id;
  return a;
}

std::vector<store::Alert> Generator::Evaluate(const link::Engine& engine, const std::vector<Candidate>& candidates,
                                              UnixSeconds now) const {
  std::vector<store::Alert> out;
  for (const Candidate& c : candidates) {
    link::Verdict v = engine.Check(c.kind, c.canonical);
    if (!v.valid || !Alertable(v)) continue;
    const int64_t sources = engine.DistinctSources(c.kind, c.canonical);
    for (const std::string& partner : c.partners) {
      if (rules_.beneficiary_loss && c.beneficiary_loss) {
        out.push_back(MakeAlert(partner, kRuleBeneficiaryLoss, v, sources, now));
      }
      if (rules_.reports && v.reports >= rules_.min_reports && sources >= rules_.min_sources) {
        out.push_back(MakeAlert(partner, kRuleReports, v, sources, now));
      }
      if (rules_.mule_candidate && HasReason(v, "MULE_CANDIDATE")) {
        out.push_back(MakeAlert(partner, kRuleMuleCandidate, v, sources, now));
      }
    }
  }
  return out;
}

Result<std::vector<store::Alert>> Generator::EvaluateTopClusters(const link::Engine& engine, UnixSeconds now) const {
  std::vector<store::Alert> out;
  if (!rules_.priority_cluster || subscriptions_.empty()) return out;
  link::ClusterQuery query;
  query.top = static_cast<size_t>(rules_.priority_top);
  std::vector<std::string> partners;
  for (const link::ClusterSummary& summary : engine.Clusters(query)) {
    ZICHT_ASSIGN_OR_RETURN(link::ClusterDetail detail, engine.Cluster(summary.id));
    for (const link::IdentifierNode& node : detail.identifiers) {
      if (node.domain || !node.linkable) continue;
      partners.clear();
      subscriptions_.Match(node.kind, node.canonical, &partners);
      if (partners.empty()) continue;
      link::Verdict v = engine.Check(node.kind, node.canonical);
      if (!v.valid || !Alertable(v)) continue;
      const int64_t sources = engine.DistinctSources(node.kind, node.canonical);
      for (const std::string& partner : partners) {
        out.push_back(MakeAlert(partner, kRulePriorityCluster, v, sources, now));
      }
    }
  }
  return out;
}

std::vector<store::Alert> Generator::DisputeAlerts(const link::Engine& engine, model::IdentifierKind kind,
                                                   std::string_view canonical, bool cleared, UnixSeconds now) const {
  std::vector<store::Alert> out;
  if (!rules_.disputed) return out;
  std::vector<std::string> partners;
  subscriptions_.Match(kind, canonical, &partners);
  if (partners.empty()) return out;
  link::Verdict v = engine.Check(kind, canonical);
  if (!v.valid) return out;
  const int64_t sources = engine.DistinctSources(kind, canonical);
  for (const std::string& partner : partners) {
    out.push_back(MakeAlert(partner, cleared ? kRuleCleared : kRuleDisputed, v, sources, now));
  }
  return out;
}

}  // namespace zicht::alert

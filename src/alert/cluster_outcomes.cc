#include "alert/cluster_outcomes.h"

#include "link/export.h"
#include "link/priority.h"

namespace zicht::alert {

void WriteOutcomeSummaries(link::JsonWriter& w, const std::vector<OutcomeSummary>& outcomes) {
  w.StartArray();
  for (const OutcomeSummary& o : outcomes) {
    w.StartObject();
    w.Key("outcome");
    link::WriteString(w, o.outcome);
    w.Key("count");
    w.Int64(o.count);
    if (OutcomeHasAmount(o.outcome)) {
      w.Key("amount_eur");
      link::WriteEuro(w, o.amount_cents);
    }
    w.Key("partners");
    w.StartArray();
    for (const std::string& p : o.partners) link::WriteString(w, p);
    w.EndArray();
    w.Key("reasons");
    w.StartArray();
    for (const std::string& r : o.reasons) link::WriteString(w, r);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

std::string ClusterDetailWithOutcomesJson(const link::ClusterDetail& d, const Marks& marks) {
  static const std::vector<OutcomeSummary> kNone;
  return link::ClusterDetailJson(d, [&marks](link::JsonWriter& w, const link::IdentifierNode& n) {
    // A domain node stands for every URL on it; outcomes name one URL.
    const std::vector<OutcomeSummary>* outcomes =
        n.domain ? nullptr : marks.OutcomesOf(model::kIdentifierKindNames.Name(n.kind), n.canonical);
    w.Key("outcomes");
    WriteOutcomeSummaries(w, outcomes ? *outcomes : kNone);
  });
}

std::string OutcomesText(const std::vector<OutcomeSummary>& outcomes) {
  std::string out;
  for (const OutcomeSummary& o : outcomes) {
    if (!out.empty()) out += "; ";
    out += o.outcome + " x" + std::to_string(o.count);
    if (OutcomeHasAmount(o.outcome)) out += " " + link::FormatEuro(o.amount_cents);
    std::string partners;
    for (const std::string& p : o.partners) partners += (partners.empty() ? "" : ", ") + p;
    out += " (" + partners + ")";
  }
  return out;
}

}  // namespace zicht::alert

#include "alert/outcome_summary.h"

#include <algorithm>

namespace zicht::alert {

OutcomesByIdentifier SummarizeOutcomes(const std::vector<store::Feedback>& rows) {
  std::vector<const store::Feedback*> by_time;
  by_time.reserve(rows.size());
  for (const store::Feedback& f : rows) by_time.push_back(&f);
  std::stable_sort(by_time.begin(), by_time.end(),
                   [](const store::Feedback* a, const store::Feedback* b) { return a->seq < b->seq; });
  // Per identifier, one slot per outcome in kOutcomeNames order.
  std::map<std::pair<std::string, std::string>, std::array<OutcomeSummary, kOutcomeNames.size()>> slots;
  for (const store::Feedback* f : by_time) {
    auto name = std::find(kOutcomeNames.begin(), kOutcomeNames.end(), f->outcome);
    if (name == kOutcomeNames.end()) continue;  // written by a newer version: not ours to sum
    OutcomeSummary& s = slots[{f->kind, f->normalized}][name - kOutcomeNames.begin()];
    s.outcome = f->outcome;
    ++s.count;
    s.amount_cents += f->amount_cents;
    if (std::find(s.partners.begin(), s.partners.end(), f->partner) == s.partners.end()) s.partners.push_back(f->partner);
    if (!f->reason.empty()) {
      // Newest first, each once.
      std::erase(s.reasons, f->reason);
      s.reasons.insert(s.reasons.begin(), f->reason);
      if (s.reasons.size() > kMaxSummaryReasons) s.reasons.pop_back();
    }
  }
  OutcomesByIdentifier out;
  for (auto& [identifier, outcomes] : slots) {
    std::vector<OutcomeSummary>& list = out[identifier];
    for (OutcomeSummary& s : outcomes) {
      if (s.count > 0) list.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace zicht::alert

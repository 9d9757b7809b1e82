#include "alert/marks.h"

#include <algorithm>

namespace zicht::alert {
namespace {

std::string Key(std::string_view kind, std::string_view normalized) {
  std::string key(kind);
  key += '\n';
  key.append(normalized);
  return key;
}

void Fill(const std::vector<store::IdentifierMark>& from, std::unordered_set<std::string>* to) {
  for (const store::IdentifierMark& m : from) to->insert(Key(m.kind, m.normalized));
}

}  // namespace

Marks::Marks(const store::IdentifierMarks& marks, const OutcomesByIdentifier& outcomes) {
  Fill(marks.disputed, &disputed_);
  Fill(marks.dispute_upheld, &upheld_);
  Fill(marks.confirmed_mule, &mules_);
  for (const auto& [identifier, list] : outcomes) outcomes_.emplace(Key(identifier.first, identifier.second), list);
}

const std::vector<OutcomeSummary>* Marks::OutcomesOf(std::string_view kind, std::string_view normalized) const {
  if (outcomes_.empty()) return nullptr;
  auto found = outcomes_.find(Key(kind, normalized));
  return found == outcomes_.end() ? nullptr : &found->second;
}

Result<Marks> ReadMarks(store::AlertStore& alerts) {
  ZICHT_ASSIGN_OR_RETURN(store::IdentifierMarks marks, alerts.Marks());
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::Feedback> feedback, alerts.FeedbackRows());
  return Marks(marks, SummarizeOutcomes(feedback));
}

void Marks::Apply(link::Verdict& v) const {
  if (empty() || v.normalized.empty()) return;
  const std::string key = Key(model::kIdentifierKindNames.Name(v.kind), v.normalized);
  if (mules_.contains(key)) {
    v.reasons.push_back("CONFIRMED_MULE");
    v.risk = link::Risk::kHigh;
  }
  if (disputed_.contains(key)) v.reasons.push_back("DISPUTED");
  if (upheld_.contains(key)) v.reasons.push_back("DISPUTE_UPHELD");
  auto found = outcomes_.find(key);
  if (found == outcomes_.end()) return;
  for (const OutcomeSummary& o : found->second) {
    // The verdict views the static name, not this Marks' copy of it.
    auto name = std::find(kOutcomeNames.begin(), kOutcomeNames.end(), o.outcome);
    if (name == kOutcomeNames.end()) continue;
    v.outcomes.push_back(link::VerdictOutcome{*name, o.count, OutcomeHasAmount(o.outcome), o.amount_cents});
  }
}

std::vector<std::string> ConfirmedMuleIbans(const store::IdentifierMarks& marks) {
  std::vector<std::string> ibans;
  for (const store::IdentifierMark& m : marks.confirmed_mule) {
    if (m.kind == model::kIdentifierKindNames.Name(model::IdentifierKind::kIban)) ibans.push_back(m.normalized);
  }
  return ibans;
}

Status LoadConfirmedMules(const std::string& location, link::Engine& engine) {
  ZICHT_ASSIGN_OR_RETURN(auto alerts, store::OpenAlertStore(location));
  ZICHT_ASSIGN_OR_RETURN(store::IdentifierMarks marks, alerts->Marks());
  engine.SetConfirmedMules(ConfirmedMuleIbans(marks));
  return Status::Ok();
}

Status WriteDisputeWarningList(store::AlertStore& alerts, store::WarningListStore& lists, UnixSeconds now) {
  ZICHT_ASSIGN_OR_RETURN(store::IdentifierMarks marks, alerts.Marks());
  store::WarningListRow row;
  row.name = std::string(kDisputeListName);
  row.description = "identifiers whose dispute an analyst upheld (zicht disputes resolve --upheld)";
  row.imported_at = FormatRfc3339(now);
  for (const store::IdentifierMark& m : marks.dispute_upheld) {
    auto kind = model::kIdentifierKindNames.Parse(m.kind);
    if (!kind) continue;
    row.entries.push_back(store::WarningListRowEntry{*kind, m.normalized, false});
  }
  row.entry_count = static_cast<int64_t>(row.entries.size());
  return lists.Put(row);
}

}  // namespace zicht::alert

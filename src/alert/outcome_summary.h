#pragma once
// What partners reported back about one identifier, summed up per outcome
// (docs/alerts.md, "Outcomes"): the three outcomes that mark it
// (account_blocked, account_closed → CONFIRMED_MULE; false_positive →
// DISPUTED through its dispute) and the ones that only count —
// funds_frozen and funds_recovered with their euros, no_action with its
// reason. GET /v1/marks shows them next to the marks, so the dashboard's
// cluster view and report lists show what banks did with each account.
//
// Thread-safety: pure functions.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/alert_store.h"

namespace zicht::alert {

//! Every outcome a partner may report (POST /v1/feedback), in the order
//! they are listed and summed up.
inline constexpr std::array<std::string_view, 6> kOutcomeNames = {
    "account_blocked", "account_closed", "funds_frozen", "funds_recovered", "false_positive", "no_action"};

//! True for funds_frozen and funds_recovered, which carry an amount.
inline bool OutcomeHasAmount(std::string_view outcome) {
  return outcome == "funds_frozen" || outcome == "funds_recovered";
}

//! Most reasons kept per outcome and identifier (the newest first).
inline constexpr size_t kMaxSummaryReasons = 5;

//! One outcome of one identifier, over every partner that reported it.
struct OutcomeSummary {
  std::string outcome;
  int64_t count = 0;
  int64_t amount_cents = 0;           // funds_frozen, funds_recovered: the sum
  std::vector<std::string> partners;  // who reported it, first report first, each once
  std::vector<std::string> reasons;   // no_action, false_positive: distinct, newest first, ≤ kMaxSummaryReasons
};

//! (kind, normalized) → its outcomes in kOutcomeNames order.
using OutcomesByIdentifier = std::map<std::pair<std::string, std::string>, std::vector<OutcomeSummary>>;

//! Sums up `rows` (any order; seq orders them in time) per identifier.
OutcomesByIdentifier SummarizeOutcomes(const std::vector<store::Feedback>& rows);

}  // namespace zicht::alert

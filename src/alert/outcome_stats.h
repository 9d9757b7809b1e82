#pragma once
// The effectiveness picture (docs/alerts.md, "Outcome statistics"): per
// partner and rule, the alerts sent, the share acted on, the median time
// from first report to alert and from alert to the first outcome, the
// euros frozen and recovered, and the false-positive rate — the figures
// that show whether sharing stops fraud. `zicht stats --outcomes` prints
// them; the JSON form is the same for any other reader.
//
// Thread-safety: pure functions.
#include <optional>
#include <string>
#include <vector>

#include "store/alert_store.h"

namespace zicht::alert {

//! One partner and rule's figures (not to be confused with
//! alert::OutcomeSummary, one identifier's outcomes).
struct OutcomeStats {
  std::string partner;
  std::string rule;
  int64_t alerts = 0;
  int64_t acted_on = 0;
  double acted_on_share = 0;         // acted_on / alerts
  std::optional<int64_t> median_report_to_alert_s;
  std::optional<int64_t> median_alert_to_action_s;
  int64_t frozen_cents = 0;
  int64_t recovered_cents = 0;
  int64_t false_positives = 0;
  double false_positive_rate = 0;    // false_positives / alerts
};

//! One summary per row, in the rows' order.
std::vector<OutcomeStats> Summarize(const std::vector<store::OutcomeRow>& rows);

//! {"outcomes":[{"partner","rule","alerts","acted_on","acted_on_share",
//! "median_report_to_alert_s","median_alert_to_action_s","frozen_eur",
//! "recovered_eur","false_positives","false_positive_rate"}]}; medians are
//! null when there is nothing to take one of.
std::string OutcomesJson(const std::vector<OutcomeStats>& summaries);

}  // namespace zicht::alert

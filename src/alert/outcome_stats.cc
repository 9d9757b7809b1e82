#include "alert/outcome_stats.h"

#include <algorithm>

#include "common/json_string.h"
#include "link/json_writer.h"

namespace zicht::alert {
namespace {

// The lower median of an even count: a time that occurred, not an average of two.
std::optional<int64_t> Median(std::vector<int64_t> v) {
  if (v.empty()) return std::nullopt;
  auto mid = v.begin() + static_cast<std::ptrdiff_t>((v.size() - 1) / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

void AppendOptional(const std::optional<int64_t>& v, std::string* out) {
  out->append(v ? std::to_string(*v) : "null");
}

void AppendRatio(double r, std::string* out) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", r);
  out->append(buf);
}

}  // namespace

std::vector<OutcomeStats> Summarize(const std::vector<store::OutcomeRow>& rows) {
  std::vector<OutcomeStats> out;
  for (const store::OutcomeRow& r : rows) {
    OutcomeStats s;
    s.partner = r.partner;
    s.rule = r.rule;
    s.alerts = r.alerts;
    s.acted_on = r.acted_on;
    s.acted_on_share = r.alerts > 0 ? static_cast<double>(r.acted_on) / static_cast<double>(r.alerts) : 0;
    s.median_report_to_alert_s = Median(r.report_to_alert_s);
    s.median_alert_to_action_s = Median(r.alert_to_action_s);
    s.frozen_cents = r.frozen_cents;
    s.recovered_cents = r.recovered_cents;
    s.false_positives = r.false_positives;
    s.false_positive_rate = r.alerts > 0 ? static_cast<double>(r.false_positives) / static_cast<double>(r.alerts) : 0;
    out.push_back(std::move(s));
  }
  return out;
}

std::string OutcomesJson(const std::vector<OutcomeStats>& summaries) {
  std::string out = "{\"outcomes\":[";
  char euro[link::kEuroChars];
  for (size_t i = 0; i < summaries.size(); ++i) {
    const OutcomeStats& s = summaries[i];
    if (i) out.push_back(',');
    out.append("{\"partner\":");
    AppendJsonString(s.partner, &out);
    out.append(",\"rule\":");
    AppendJsonString(s.rule, &out);
    out.append(",\"alerts\":").append(std::to_string(s.alerts));
    out.append(",\"acted_on\":").append(std::to_string(s.acted_on));
    out.append(",\"acted_on_share\":");
    AppendRatio(s.acted_on_share, &out);
    out.append(",\"median_report_to_alert_s\":");
    AppendOptional(s.median_report_to_alert_s, &out);
    out.append(",\"median_alert_to_action_s\":");
    AppendOptional(s.median_alert_to_action_s, &out);
    out.append(",\"frozen_eur\":").append(link::EuroJsonNumber(s.frozen_cents, euro));
    out.append(",\"recovered_eur\":").append(link::EuroJsonNumber(s.recovered_cents, euro));
    out.append(",\"false_positives\":").append(std::to_string(s.false_positives));
    out.append(",\"false_positive_rate\":");
    AppendRatio(s.false_positive_rate, &out);
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

}  // namespace zicht::alert

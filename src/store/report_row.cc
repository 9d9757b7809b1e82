#include "store/report_row.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace zicht::store {

std::string IsoWeekOfThursday(int64_t thursday_days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{thursday_days}}};
  sys_days jan1{ymd.year() / January / 1};
  int64_t day_of_year = thursday_days - jan1.time_since_epoch().count();  // 0-based
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(ymd.year()),
                static_cast<int>(day_of_year / 7 + 1));
  return buf;
}

std::string StatsSql(bool weekly, std::string_view month) {
  std::string sql =
      "WITH r AS (SELECT (reported_at_s - ((reported_at_s % 86400) + 86400) % 86400) / 86400 AS d, "
      "reported_at_s, fraud_type, outcome, damage_cents FROM reports "
      "WHERE (CAST($1 AS TEXT) IS NULL OR fraud_type = CAST($1 AS TEXT)) "
      "AND (CAST($2 AS BIGINT) IS NULL OR reported_at_s >= CAST($2 AS BIGINT))) SELECT ";
  sql += weekly ? std::string_view("d - ((d + 3) % 7 + 7) % 7 + 3") : month;
  sql += ", fraud_type, COUNT(*), COUNT(*) FILTER (WHERE outcome = 'attempt'), "
         "COUNT(*) FILTER (WHERE outcome = 'loss'), COALESCE(SUM(damage_cents), 0) FROM r GROUP BY 1, 2";
  return sql;
}

std::optional<UnixSeconds> CutoffFor(const RetentionCutoffs& cutoffs, std::string_view source) {
  for (const auto& [name, at] : cutoffs.by_source) {
    if (name == source) return at;
  }
  return cutoffs.other;
}

void SortStatsRows(std::vector<StatsRow>* rows) {
  std::sort(rows->begin(), rows->end(), [](const StatsRow& a, const StatsRow& b) {
    if (a.period != b.period) return a.period < b.period;
    return a.fraud_type < b.fraud_type;
  });
}

}  // namespace zicht::store

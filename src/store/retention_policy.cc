#include "store/retention_policy.h"

#include <toml++/toml.h>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "model/report.h"

namespace zicht::store {
namespace {

// 200 years: anything longer is a typo (and would leave the calendar range).
constexpr int64_t kMaxYears = 200;

}  // namespace

Result<RetentionPeriod> ParseRetentionPeriod(std::string_view text) {
  auto fail = [&](std::string why) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a retention period: " + why +
                                   " (ISO 8601, e.g. P5Y, P18M, P90D)");
  };
  if (text.size() < 3 || text[0] != 'P') return fail("it must start with P and name at least one unit");
  RetentionPeriod p;
  p.text = std::string(text);
  // Units in the order ISO 8601 writes them; each at most once.
  constexpr std::string_view kUnits = "YMWD";
  size_t next_unit = 0;
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') return fail("a time part (T…) is not allowed; retention is counted in days");
    int64_t number = 0;
    size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      number = number * 10 + (text[i] - '0');
      if (number > kMaxYears * 366) return fail("too long");
    }
    if (digits == 0) return fail("expected a whole number at position " + std::to_string(i + 1));
    if (i == text.size()) return fail("the number at the end has no unit");
    size_t unit = kUnits.find(text[i]);
    if (unit == std::string_view::npos) return fail("units are Y, M, W and D");
    if (unit < next_unit) return fail("units must come in the order Y, M, W, D, each once");
    next_unit = unit + 1;
    if (text[i] == 'Y') p.years = number;
    if (text[i] == 'M') p.months = number;
    if (text[i] == 'W') p.days += 7 * number;
    if (text[i] == 'D') p.days += number;
    ++i;
  }
  if (p.years * 12 + p.months > kMaxYears * 12 || p.days > kMaxYears * 366) return fail("too long");
  // Zero would erase every report of the source at once: surely a mistake.
  if (p.years == 0 && p.months == 0 && p.days == 0) return fail("it must be longer than zero");
  return p;
}

UnixSeconds SubtractPeriod(UnixSeconds now, const RetentionPeriod& period) {
  using namespace std::chrono;
  const int64_t day = DaysFromSeconds(now);
  const int64_t time_of_day = now - day * 86400;
  year_month_day ymd{sys_days{days{day}}};
  // Months since year 0, minus the period's, back to a year and month.
  int64_t month_index = static_cast<int>(ymd.year()) * int64_t{12} + (static_cast<unsigned>(ymd.month()) - 1) -
                        (period.years * 12 + period.months);
  int64_t y = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  auto m = static_cast<unsigned>(month_index - y * 12 + 1);
  year_month_day_last last{year{static_cast<int>(y)} / month{m} / std::chrono::last};
  unsigned d = std::min(static_cast<unsigned>(ymd.day()), static_cast<unsigned>(last.day()));
  sys_days date = sys_days{year{static_cast<int>(y)} / month{m} / std::chrono::day{d}} - days{period.days};
  return int64_t{date.time_since_epoch().count()} * 86400 + time_of_day;
}

Result<RetentionPolicy> RetentionPolicy::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::InvalidArgument("retention file '" + path + "' does not exist");
  }
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << path << ":" << e.source().begin.line << ": " << e.description();
    return Status::InvalidArgument(msg.str());
  }
  auto where = [&](const toml::node& node) { return path + ":" + std::to_string(node.source().begin.line) + ": "; };
  auto period_of = [&](const toml::node& node, const std::string& what) -> Result<RetentionPeriod> {
    auto text = node.value<std::string>();
    if (!text) return Status::InvalidArgument(where(node) + what + ": the period must be a string such as \"P5Y\"");
    auto p = ParseRetentionPeriod(*text);
    if (!p.ok()) return Status::InvalidArgument(where(node) + what + ": " + p.status().message());
    return p;
  };
  RetentionPolicy out;
  for (const auto& [key, node] : root) {
    if (key == "default") {
      ZICHT_ASSIGN_OR_RETURN(out.default_period, period_of(node, "default"));
    } else if (key == "sources") {
      const toml::table* sources = node.as_table();
      if (sources == nullptr) return Status::InvalidArgument(where(node) + "'sources' must be a table ([sources])");
      for (const auto& [name, value] : *sources) {
        std::string source(name.str());
        if (!model::IsValidSource(source)) {
          return Status::InvalidArgument(where(value) + "source '" + source + "': a source name matches [a-z0-9_-]{1,32}");
        }
        ZICHT_ASSIGN_OR_RETURN(RetentionPeriod p, period_of(value, "source '" + source + "'"));
        out.by_source.emplace_back(std::move(source), std::move(p));
      }
    } else {
      return Status::InvalidArgument(where(node) + "unknown key '" + std::string(key.str()) +
                                     "' (expected 'default' and a [sources] table)");
    }
  }
  return out;
}

RetentionCutoffs RetentionPolicy::CutoffsAt(UnixSeconds now) const {
  RetentionCutoffs out;
  for (const auto& [source, period] : by_source) out.by_source.emplace_back(source, SubtractPeriod(now, period));
  if (default_period) out.other = SubtractPeriod(now, *default_period);
  return out;
}

std::string FormatErasedCounts(const ErasedReports& erased) {
  size_t n = erased.row_ids.size();
  std::string out = std::to_string(n) + (n == 1 ? " report" : " reports");
  if (erased.per_source.empty()) return out;
  out += " (";
  for (size_t i = 0; i < erased.per_source.size(); ++i) {
    if (i > 0) out += ", ";
    out += erased.per_source[i].first + " " + std::to_string(erased.per_source[i].second);
  }
  return out + ")";
}

}  // namespace zicht::store

// `zicht stats [--by week|month] [--type T] [--since DATE] [--format table|json|csv] [--db PATH]`:
// reports, attempts versus losses and damage per fraud type over time — the
// table a policy maker asks for ("how many help-request fraud reports per
// week since April?"). Periods are ISO weeks ("2024-W09") or months
// ("2024-03") of reported_at, in UTC. The counting is the store's (SQL GROUP
// BY); this file only maps options and prints.
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "alert/outcome_stats.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "link/stats_json.h"
#include "store/alert_store.h"
#include "store/store.h"

namespace zicht::cli {
namespace {

struct StatsArgs {
  std::string by = "month";
  std::string type;
  std::string since;
  std::string format;
  std::string db = "zicht.db";
  bool outcomes = false;
};

// Cents as a decimal euro amount, exact: 245050 → "2450.50".
std::string Euros(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%" PRId64 ".%02" PRId64, cents < 0 ? "-" : "", (cents < 0 ? -cents : cents) / 100,
                (cents < 0 ? -cents : cents) % 100);
  return buf;
}

void PrintJson(const std::string& by, const std::vector<store::StatsRow>& rows) {
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  link::WriteStatsJson(w, by, rows);
  std::printf("%s\n", buf.GetString());
}

void PrintTable(const std::vector<store::StatsRow>& rows) {
  std::printf("%-9s %-19s %9s %9s %9s %15s\n", "period", "fraud_type", "reports", "attempts", "losses", "damage_eur");
  store::StatsRow total;
  for (const auto& r : rows) {
    std::printf("%-9s %-19s %9" PRId64 " %9" PRId64 " %9" PRId64 " %15s\n", r.period.c_str(),
                std::string(model::kFraudTypeNames.Name(r.fraud_type)).c_str(), r.reports, r.attempts, r.losses,
                Euros(r.damage_cents).c_str());
    total.reports += r.reports;
    total.attempts += r.attempts;
    total.losses += r.losses;
    total.damage_cents += r.damage_cents;
  }
  std::printf("%-9s %-19s %9" PRId64 " %9" PRId64 " %9" PRId64 " %15s\n", "total", "", total.reports, total.attempts,
              total.losses, Euros(total.damage_cents).c_str());
}

// `--outcomes`: what partners did with their alerts (docs/alerts.md,
// "Outcome statistics"), one row per partner and rule.
std::string Duration(const std::optional<int64_t>& s) {
  if (!s) return "-";
  char buf[32];
  if (*s < 120) std::snprintf(buf, sizeof buf, "%" PRId64 "s", *s);
  else if (*s < 2 * 3600) std::snprintf(buf, sizeof buf, "%" PRId64 "m", *s / 60);
  else if (*s < 2 * 86400) std::snprintf(buf, sizeof buf, "%" PRId64 "h", *s / 3600);
  else std::snprintf(buf, sizeof buf, "%" PRId64 "d", *s / 86400);
  return buf;
}

int RunOutcomes(const StatsArgs& a) {
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus("stats", store.status());
  auto rows = (*store)->Outcomes();
  if (!rows.ok()) return ReportStatus("stats", rows.status());
  std::vector<alert::OutcomeStats> summaries = alert::Summarize(*rows);
  if (ResolveFormat(a.format) == OutputFormat::kJson) {
    std::printf("%s\n", alert::OutcomesJson(summaries).c_str());
    return kExitOk;
  }
  std::printf("%-16s %-17s %7s %9s %14s %14s %12s %12s %8s\n", "partner", "rule", "alerts", "acted_on",
              "report→alert", "alert→action", "frozen_eur", "recovered_eur", "fp_rate");
  for (const auto& s : summaries) {
    std::printf("%-16s %-17s %7" PRId64 " %8.0f%% %14s %14s %12s %12s %7.0f%%\n", s.partner.c_str(), s.rule.c_str(),
                s.alerts, 100 * s.acted_on_share, Duration(s.median_report_to_alert_s).c_str(),
                Duration(s.median_alert_to_action_s).c_str(), Euros(s.frozen_cents).c_str(),
                Euros(s.recovered_cents).c_str(), 100 * s.false_positive_rate);
  }
  return kExitOk;
}

int RunStats(const StatsArgs& a) {
  store::StatsQuery q;
  q.by = a.by == "week" ? store::StatsBucket::kWeek : store::StatsBucket::kMonth;
  if (!a.type.empty()) q.fraud_type = model::kFraudTypeNames.Parse(a.type);
  if (!a.since.empty()) {
    auto t = ParseRfc3339(a.since);
    if (!t.ok()) return ReportStatus("stats", t.status().WithContext("--since"), true);
    q.since = t->seconds;
  }
  // Opening would create an empty database; a missing one is a mistake.
  if (!StoreExists(a.db)) {
    return ReportStatus("stats", Status::NotFound("no database at '" + a.db + "' (run zicht ingest first, or --db)"));
  }
  if (a.outcomes) {
    if (ResolveFormat(a.format) == OutputFormat::kCsv) {
      return ReportStatus("stats", Status::InvalidArgument("--outcomes prints table or json"), true);
    }
    return RunOutcomes(a);
  }
  auto store = store::OpenStore(a.db);
  if (!store.ok()) return ReportStatus("stats", store.status());
  auto rows = (*store)->Stats(q);
  if (!rows.ok()) return ReportStatus("stats", rows.status());
  switch (ResolveFormat(a.format)) {
    case OutputFormat::kJson:
      PrintJson(a.by, *rows);
      break;
    case OutputFormat::kCsv:
      std::printf("period,fraud_type,reports,attempts,losses,damage_eur\n");
      for (const auto& r : *rows) {
        std::printf("%s,%s,%" PRId64 ",%" PRId64 ",%" PRId64 ",%s\n", r.period.c_str(),
                    std::string(model::kFraudTypeNames.Name(r.fraud_type)).c_str(), r.reports, r.attempts,
                    r.losses, Euros(r.damage_cents).c_str());
      }
      break;
    default:
      PrintTable(*rows);
      break;
  }
  return kExitOk;
}

}  // namespace

void RegisterStatsCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand(
      "stats", "Reports, attempts vs losses and damage per fraud type, per ISO week or month of reported_at (UTC).");
  cmd->add_option("--by", args->by, "period: week (ISO, 2024-W09) or month (2024-03)")
      ->check(CLI::IsMember({"week", "month"}))
      ->capture_default_str();
  std::vector<std::string> types;
  for (auto n : model::kFraudTypeNames.names) types.emplace_back(n);
  cmd->add_option("--type", args->type, "only this fraud type")->check(CLI::IsMember(types));
  cmd->add_option("--since", args->since, "only reports with reported_at on or after this RFC 3339 date/date-time");
  cmd->add_flag("--outcomes", args->outcomes,
                "what partners did with their alerts, per partner and rule: share acted on, median report→alert "
                "and alert→action, euros frozen and recovered, false-positive rate (docs/alerts.md)");
  AddFormatOption(cmd, &args->format, {"table", "json", "csv"});
  AddDbOption(cmd, &args->db, ctx.global_db, "store");
  cmd->callback([args, &ctx] { ctx.exit_code = RunStats(*args); });
}

}  // namespace zicht::cli

// `zicht check KIND VALUE [--format table|json] [--db PATH]`
// "Is this IBAN / phone number / … known from fraud?" — the same verdict as
// POST /v1/check (docs/design.md): one Engine::Check, one JSON writer
// (link/verdict_json.h). Risk levels and reason codes: link/verdict.h.
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "alert/marks.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "link/engine.h"
#include "link/priority.h"
#include "link/verdict_json.h"

namespace zicht::cli {
namespace {

struct CheckArgs {
  std::string kind;
  std::string value;
  std::string format;
  std::string db = "zicht.db";
};

void PrintTable(const link::Verdict& v) {
  std::string reasons;
  for (std::string_view r : v.reasons) {
    if (!reasons.empty()) reasons += ' ';
    reasons += r;
  }
  std::printf("%-11s %s\n", "kind", std::string(model::kIdentifierKindNames.Name(v.kind)).c_str());
  std::printf("%-11s %s\n", "normalized", v.valid ? v.normalized.c_str() : "(invalid)");
  std::printf("%-11s %s\n", "risk", std::string(link::kRiskNames.Name(v.risk)).c_str());
  std::printf("%-11s %s\n", "reasons", reasons.empty() ? "-" : reasons.c_str());
  if (!v.outcomes.empty()) {
    // What partners reported back, e.g. "account_blocked x1, funds_frozen x2 (1250.00)".
    std::string outcomes;
    for (const link::VerdictOutcome& o : v.outcomes) {
      if (!outcomes.empty()) outcomes += ", ";
      outcomes += std::string(o.outcome) + " x" + std::to_string(o.count);
      if (o.has_amount) outcomes += " (" + link::FormatEuro(o.amount_cents) + ")";
    }
    std::printf("%-11s %s\n", "outcomes", outcomes.c_str());
  }
  if (!v.known) return;
  std::printf("%-11s %" PRId64 " (%" PRId64 " with loss, %s damage)\n", "reports", v.reports, v.losses,
              link::FormatEuro(v.damage_cents).c_str());
  std::printf("%-11s %s .. %s\n", "seen", FormatDate(*v.first_seen).c_str(), FormatDate(*v.last_seen).c_str());
  std::string types;
  for (auto t : v.fraud_types) types += (types.empty() ? "" : ", ") + std::string(model::kFraudTypeNames.Name(t));
  std::printf("%-11s %s\n", "fraud types", types.c_str());
  if (v.cluster) std::printf("%-11s %s (%" PRId64 " reports)\n", "cluster", v.cluster->id.c_str(), v.cluster->reports);
}

int RunCheck(const CheckArgs& a) {
  auto kind = model::kIdentifierKindNames.Parse(a.kind);
  if (!kind) {
    return ReportStatus("check", Status::InvalidArgument("KIND must be one of " + model::kIdentifierKindNames.Joined()),
                        true);
  }
  if (!StoreExists(a.db)) {
    return ReportStatus("check", Status::NotFound("no database at '" + a.db + "' (run zicht ingest first, or --db)"));
  }
  link::EngineOptions options;
  options.db_path = a.db;
  auto engine = link::BuildEngine(options);
  if (!engine.ok()) return ReportStatus("check", engine.status());
  link::Verdict v = (*engine)->Check(*kind, a.value);
  // What partners reported back: confirmed mules, disputes, outcomes (alert/marks.h).
  auto alerts = store::OpenAlertStore(a.db);
  if (!alerts.ok()) return ReportStatus("check", alerts.status());
  auto marks = alert::ReadMarks(**alerts);
  if (!marks.ok()) return ReportStatus("check", marks.status());
  marks->Apply(v);
  if (ResolveFormat(a.format) == OutputFormat::kTable) PrintTable(v);
  else std::printf("%s\n", link::VerdictJson(v).c_str());
  return kExitOk;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check", "Is this identifier known from fraud? The verdict of POST /v1/check: risk none|low|medium|high and "
               "reason codes.");
  std::vector<std::string> kinds;
  for (auto n : model::kIdentifierKindNames.names) kinds.emplace_back(n);
  cmd->add_option("KIND", args->kind, "iban|phone|email|url|device|handle|crypto")->required()->check(CLI::IsMember(kinds));
  cmd->add_option("VALUE", args->value, "the value, in any common notation")->required();
  AddFormatOption(cmd, &args->format, {"table", "json"});
  AddDbOption(cmd, &args->db, ctx.global_db, "store");
  cmd->callback([args, &ctx] { ctx.exit_code = RunCheck(*args); });
}

}  // namespace zicht::cli

// `zicht retention apply --retention FILE [--dry-run] [--db PATH]`: erase
// every report older than its source's retention period
// (store/retention_policy.h for the file and why the period counts from
// reported_at; docs/privacy.md, "Retention"). One transaction: all expired
// reports go, or none. Prints counts per source, never a report id or an
// identifier. `zicht serve --retention FILE` runs the same at start and
// then daily.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/after_erasure.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "store/retention_policy.h"
#include "store/store.h"

namespace zicht::cli {
namespace {

struct RetentionArgs {
  std::string retention = "zicht-retention.toml";
  bool dry_run = false;
  std::string db = "zicht.db";
};

int RunApply(const RetentionArgs& a) {
  // The file is read (and every period checked) before the database is
  // touched: a bad period changes nothing.
  auto policy = store::RetentionPolicy::Load(a.retention);
  if (!policy.ok()) return ReportStatus("retention apply", policy.status(), true);
  if (!StoreExists(a.db)) {
    return ReportStatus("retention apply", Status::NotFound("no database at '" + a.db + "' (or --db)"));
  }
  auto store = store::OpenStore(a.db);
  if (!store.ok()) return ReportStatus("retention apply", store.status());
  auto erased = (*store)->EraseExpired(policy->CutoffsAt(SystemClock().Now()), a.dry_run);
  if (!erased.ok()) return ReportStatus("retention apply", erased.status());
  if (a.dry_run) {
    std::printf("would erase %s; dry run, nothing changed\n", store::FormatErasedCounts(*erased).c_str());
    return kExitOk;
  }
  std::printf("erased %s\n", store::FormatErasedCounts(*erased).c_str());
  if (erased->row_ids.empty()) return kExitOk;
  AfterErasure("retention apply", **store);
  return kExitOk;
}

}  // namespace

void RegisterRetentionCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("retention", "Storage limitation (AVG art. 5): erase reports past their retention period.");
  cmd->require_subcommand(1);
  auto args = std::make_shared<RetentionArgs>();
  auto* apply = cmd->add_subcommand(
      "apply",
      "Erase every report whose reported_at is older than its source's retention period, from the database and "
      "its indexes at once, and print the counts per source (never a report id or identifier).\n"
      "The retention file (TOML) gives ISO 8601 periods of years, months, weeks or days:\n"
      "    default = \"P3Y\"        # sources not listed; leave out to keep them\n"
      "    [sources]\n"
      "    politie = \"P5Y\"\n"
      "    bank    = \"P2Y\"\n"
      "Example: zicht retention apply --retention zicht-retention.toml --dry-run\n"
      "A period that does not parse is an error naming file, line and source, and nothing is erased.\n"
      "zicht serve --retention FILE does the same at start and then every 24 hours.");
  apply->add_option("--retention", args->retention, "retention file (TOML)")->capture_default_str();
  apply->add_flag("--dry-run", args->dry_run, "only count what would be erased; change nothing");
  AddDbOption(apply, &args->db, ctx.global_db, "store");
  apply->callback([args, &ctx] { ctx.exit_code = RunApply(*args); });
}

}  // namespace zicht::cli

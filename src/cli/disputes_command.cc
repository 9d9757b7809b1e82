// `zicht disputes list|resolve`: an analyst's side of disputes
// (docs/alerts.md, "Disputes"). A partner opens one with POST /v1/disputes
// (or a `false_positive` outcome); it shows as DISPUTED in checks until it
// is resolved here: `--upheld` puts the identifier on the stored
// warning-list `zicht-disputes` (it stops raising risk and stops linking;
// the reason is kept), `--rejected` closes it. Each resolution is written to
// the audit log (endpoint "zicht disputes resolve", the dispute as subject,
// never the identifier). A running `zicht serve` picks it up within a
// second.
#include <cstdio>

#include "alert/marks.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "server/dispute_json.h"
#include "store/alert_store.h"
#include "store/audit_store.h"
#include "store/warning_list_store.h"

namespace zicht::cli {
namespace {

struct DisputesArgs {
  std::string db;
  bool all = false;
  int64_t id = 0;
  bool upheld = false;
  bool rejected = false;
  std::string reason;
  std::string format;
};

int List(const DisputesArgs& a) {
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus("disputes list", store.status());
  auto disputes = (*store)->Disputes(!a.all);
  if (!disputes.ok()) return ReportStatus("disputes list", disputes.status());
  OutputFormat format = ResolveFormat(a.format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    PrintJsonRecords(format, disputes->size(),
                     [&](JsonRecordWriter& w, size_t i) { server::WriteDisputeJson(w, (*disputes)[i]); });
    return kExitOk;
  }
  std::printf("%-5s  %-16s  %-8s  %-24s  %-8s  %s\n", "ID", "PARTNER", "KIND", "VALUE", "STATE", "REASON");
  for (const auto& d : *disputes) {
    std::printf("%-5lld  %-16s  %-8s  %-24s  %-8s  %s\n", static_cast<long long>(d.id), d.partner.c_str(),
                d.kind.c_str(), d.normalized.c_str(), server::DisputeStateName(d.state), d.reason.c_str());
  }
  return kExitOk;
}

int Resolve(const DisputesArgs& a) {
  constexpr const char* kCmd = "disputes resolve";
  if (a.upheld == a.rejected) {
    return ReportStatus(kCmd, Status::InvalidArgument("give exactly one of --upheld and --rejected"), true);
  }
  if (a.reason.empty()) {
    return ReportStatus(kCmd, Status::InvalidArgument("--reason is required: it is kept with the dispute"), true);
  }
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus(kCmd, store.status());
  const UnixSeconds now = SystemClock().Now();
  const store::DisputeState state = a.upheld ? store::DisputeState::kUpheld : store::DisputeState::kRejected;
  if (Status s = (*store)->ResolveDispute(a.id, state, a.reason, now); !s.ok()) {
    return ReportStatus(kCmd, s);
  }
  if (a.upheld) {
    auto lists = store::WarningListStore::Open(a.db);
    if (!lists.ok()) return ReportStatus(kCmd, lists.status());
    if (Status s = alert::WriteDisputeWarningList(**store, **lists, now); !s.ok()) return ReportStatus(kCmd, s);
  }
  auto audit = store::AuditStore::Open(a.db);
  if (!audit.ok()) return ReportStatus(kCmd, audit.status());
  store::AuditEntry e;
  e.at = now;
  e.partner = "cli";
  e.endpoint = "zicht disputes resolve";
  e.subject = "dispute/" + std::to_string(a.id);
  e.result = server::DisputeStateName(state);
  if (Status s = (*audit)->Append({e}); !s.ok()) return ReportStatus(kCmd, s);
  std::fprintf(stderr, "zicht disputes: dispute %lld %s.%s\n", static_cast<long long>(a.id),
               server::DisputeStateName(state),
               a.upheld ? " The identifier is on the warning-list zicht-disputes: it no longer raises risk or links."
                        : "");
  return kExitOk;
}

}  // namespace

void RegisterDisputesCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("disputes", "Disputed identifiers: list them, resolve them (docs/alerts.md)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<DisputesArgs>();

  auto* list = cmd->add_subcommand("list", "List open disputes (--all: resolved ones too)");
  list->add_flag("--all", args->all, "also resolved disputes");
  AddDbOption(list, &args->db, ctx.global_db, "SQLite database");
  AddFormatOption(list, &args->format, {"table", "json", "jsonl"});
  list->callback([&ctx, args] { ctx.exit_code = List(*args); });

  auto* resolve = cmd->add_subcommand("resolve", "Resolve an open dispute as upheld or rejected");
  resolve->add_option("id", args->id, "dispute id (from list)")->required();
  resolve->add_flag("--upheld", args->upheld,
                    "the identifier was wrongly flagged: it stops raising risk and stops linking");
  resolve->add_flag("--rejected", args->rejected, "the flag stands");
  resolve->add_option("--reason", args->reason, "why; kept with the dispute")->required();
  AddDbOption(resolve, &args->db, ctx.global_db, "SQLite database");
  resolve->callback([&ctx, args] { ctx.exit_code = Resolve(*args); });
}

}  // namespace zicht::cli

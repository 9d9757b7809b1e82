// `zicht reports erase --source S --id I [--db PATH]`: erase one report
// (AVG/GDPR art. 17) from the store: its row, its identifiers and, with
// secure_delete and a WAL checkpoint, their bytes in the database file
// (docs/privacy.md, "Erasure"). A correction (art. 16) needs no command:
// ingest the report again with the same source and id.
//
// A running `zicht serve` on the same database follows the store's change
// log (server/change_follower.h): the erased report leaves its index within
// its next poll (50 ms). `DELETE /v1/reports/{source}/{id}` does the same
// through the server, with the answer sent after the index changed.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/after_erasure.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "store/store.h"

namespace zicht::cli {
namespace {

struct EraseArgs {
  std::string source;
  std::string id;
  std::string db = "zicht.db";
};

int RunErase(const EraseArgs& a) {
  if (!model::IsValidSource(a.source)) {
    return ReportStatus("reports erase", Status::InvalidArgument("--source must match [a-z0-9_-]{1,32}"), true);
  }
  if (!StoreExists(a.db)) {
    return ReportStatus("reports erase", Status::NotFound("no database at '" + a.db + "' (or --db)"));
  }
  auto store = store::OpenStore(a.db);
  if (!store.ok()) return ReportStatus("reports erase", store.status());
  auto erased = (*store)->EraseReport({a.source, a.id});
  if (!erased.ok()) {
    Status s = erased.status();
    if (s.IsNotFound()) s = Status::NotFound(s.message() + "; nothing changed");
    return ReportStatus("reports erase", s);
  }
  std::printf("erased 1 report of source '%s'\n", a.source.c_str());
  AfterErasure("reports erase", **store);
  return kExitOk;
}

}  // namespace

void RegisterReportsCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand(
      "reports",
      "Erase a report (AVG art. 17). To correct one (art. 16), ingest it again with the same source and id: "
      "the stored report and its identifiers are replaced.");
  cmd->require_subcommand(1);
  auto args = std::make_shared<EraseArgs>();
  auto* erase = cmd->add_subcommand(
      "erase",
      "Erase one report and its identifiers from the database: it no longer links, counts or makes a check "
      "'known'. Its bytes are overwritten in the database file (secure_delete) and the write-ahead log is "
      "emptied. Prints no identifier. Exit 1 when there is no such report (nothing changed).\n"
      "Example: zicht reports erase --source politie --id PL-2024-0042\n"
      "A running zicht serve on the same database drops the report from its index within a moment (it\n"
      "follows the store's change log); DELETE /v1/reports/{source}/{id} does so before it answers.");
  erase->add_option("--source", args->source, "the report's source (partner name)")->required();
  erase->add_option("--id", args->id, "the report's id within its source")->required();
  AddDbOption(erase, &args->db, ctx.global_db, "store");
  erase->callback([args, &ctx] { ctx.exit_code = RunErase(*args); });
}

}  // namespace zicht::cli

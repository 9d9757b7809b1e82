// `zicht migrate`: brings a store's schema up to the version this build
// writes, and says which version it is at (docs/schema.md, "Versions and
// migrations"). Every command that opens a store migrates it too; this
// command is for doing it on purpose — before several `zicht serve` nodes
// of a new version start on one PostgreSQL database, or to check a file.
//
//   zicht migrate --store postgresql://zicht@db.internal/zicht
//   → migrate: postgresql://zicht@db.internal/zicht: postgresql schema version 1
//
// Creates the store when it does not exist (like `zicht ingest`). Exit 0
// when the schema is current afterwards; 1 when the store cannot be opened
// or is newer than this build (then it is left as it is).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "store/store.h"

namespace zicht::cli {
namespace {

struct MigrateArgs {
  std::string db;
};

int RunMigrate(const MigrateArgs& a) {
  auto version = store::MigrateStore(a.db);
  if (!version.ok()) return ReportStatus("migrate", version.status());
  std::printf("migrate: %s: %s schema version %d\n", store::RedactedLocation(a.db).c_str(),
              version->backend.c_str(), version->version);
  return kExitOk;
}

}  // namespace

void RegisterMigrateCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<MigrateArgs>();
  auto* cmd = app.add_subcommand(
      "migrate",
      "Create the store's tables or bring them up to this version's schema (every command does this\n"
      "on start; run it on purpose before starting several servers on one PostgreSQL database).\n"
      "Prints the schema version. See docs/schema.md.");
  AddDbOption(cmd, &args->db, ctx.global_db, "store, created if missing");
  cmd->callback([args, &ctx] { ctx.exit_code = RunMigrate(*args); });
}

}  // namespace zicht::cli

// PLACEHOLDER: replaced by the owner of `zicht ingest`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterIngestCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("ingest", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("ingest", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

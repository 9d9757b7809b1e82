// PLACEHOLDER: replaced by the owner of `zicht stats`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterStatsCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("stats", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("stats", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

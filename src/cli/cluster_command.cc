// PLACEHOLDER: replaced by the owner of `zicht cluster`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterClusterCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("cluster", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("cluster", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

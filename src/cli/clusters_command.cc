// PLACEHOLDER: replaced by the owner of `zicht clusters`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterClustersCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("clusters", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("clusters", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

// PLACEHOLDER: replaced by the owner of `zicht check`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterCheckCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("check", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("check", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

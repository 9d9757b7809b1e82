// PLACEHOLDER: replaced by the owner of `zicht warninglist`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterWarninglistCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("warninglist", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("warninglist", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

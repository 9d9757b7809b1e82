// PLACEHOLDER: replaced by the owner of `zicht evaluate`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterEvaluateCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("evaluate", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("evaluate", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

// PLACEHOLDER: replaced by the owner of `zicht normalize`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterNormalizeCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("normalize", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("normalize", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

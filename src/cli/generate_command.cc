// PLACEHOLDER: replaced by the owner of `zicht generate`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterGenerateCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("generate", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("generate", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

// PLACEHOLDER: replaced by the owner of `zicht screen`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterScreenCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("screen", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("screen", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

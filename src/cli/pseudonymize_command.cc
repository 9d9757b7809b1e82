// PLACEHOLDER: replaced by the owner of `zicht pseudonymize`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterPseudonymizeCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("pseudonymize", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("pseudonymize", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

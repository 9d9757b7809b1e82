// PLACEHOLDER: replaced by the owner of `zicht keys`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterKeysCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("keys", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("keys", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

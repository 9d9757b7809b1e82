// PLACEHOLDER: replaced by the owner of `zicht audit`.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace zicht::cli {

void RegisterAuditCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("audit", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([&ctx] { ctx.exit_code = ReportStatus("audit", Status::Internal("not built yet")); });
}

}  // namespace zicht::cli

#pragma once
// The `zicht` subcommands. Each lives in its own <name>_command.cc and adds
// itself to the CLI11 app; main.cc only calls these in order. Only cli/ knows
// argv and exit codes (CONTRIBUTING.md, "Habits").
#include <CLI/CLI.hpp>

#include "cli/db_option.h"

namespace zicht::cli {

//! State shared by main and the subcommand callbacks.
struct CommandContext {
  int exit_code = 0;  // 0 success, 1 failure to do the job, 2 wrong usage
  const CLI::Option* global_db = nullptr;  // `zicht --db PATH SUB` (db_option.h)
};

// Foundation
void RegisterNormalizeCommand(CLI::App& app, CommandContext& ctx);
void RegisterIngestCommand(CLI::App& app, CommandContext& ctx);
void RegisterStatsCommand(CLI::App& app, CommandContext& ctx);
void RegisterGenerateCommand(CLI::App& app, CommandContext& ctx);
void RegisterMigrateCommand(CLI::App& app, CommandContext& ctx);
// Linking
void RegisterClustersCommand(CLI::App& app, CommandContext& ctx);
void RegisterClusterCommand(CLI::App& app, CommandContext& ctx);
void RegisterCheckCommand(CLI::App& app, CommandContext& ctx);
void RegisterWarninglistCommand(CLI::App& app, CommandContext& ctx);
// Service
void RegisterServeCommand(CLI::App& app, CommandContext& ctx);
void RegisterKeysCommand(CLI::App& app, CommandContext& ctx);
void RegisterAuditCommand(CLI::App& app, CommandContext& ctx);
void RegisterPseudonymizeCommand(CLI::App& app, CommandContext& ctx);
// Erasure and retention (AVG art. 16, 17 and 5(1)(e))
void RegisterReportsCommand(CLI::App& app, CommandContext& ctx);
void RegisterRetentionCommand(CLI::App& app, CommandContext& ctx);
void RegisterBlindCheckCommand(CLI::App& app, CommandContext& ctx);
// Alerts to the partner that holds an identifier, outcomes and disputes back
void RegisterSubscriptionsCommand(CLI::App& app, CommandContext& ctx);
void RegisterDisputesCommand(CLI::App& app, CommandContext& ctx);
// Barriers and screening
void RegisterEvaluateCommand(CLI::App& app, CommandContext& ctx);
void RegisterScreenCommand(CLI::App& app, CommandContext& ctx);

}  // namespace zicht::cli

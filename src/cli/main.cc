// zicht — one binary, one subcommand per job (docs/design.md, "Command line").
//
// main() only builds the CLI11 app from the Register*Command functions and
// maps parse errors to exit code 2. It also holds the last catch-all: no
// exception escapes to the user as a crash.
#include <cstdio>
#include <exception>
#include <string>

#include "cli/commands.h"
#include "cli/exit_code.h"

int main(int argc, char** argv) {
  using namespace zicht::cli;
  CLI::App app{
      "Zicht — fraud intelligence: link fraud reports into networks, find money mules,\n"
      "answer \"is this IBAN known from fraud?\", stop risky payments, screen scam messages.\n\n"
      "Start with:  zicht generate --reports 1000 > demo.jsonl && zicht ingest demo.jsonl\n"
      "             zicht clusters --top 10\n"
      "Every subcommand has --help.",
      "zicht"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "zicht 0.1.0");
  CommandContext ctx;
  std::string global_db;  // read through ctx.global_db by each subcommand's --db
  ctx.global_db = AddGlobalDbOption(app, &global_db);
  RegisterIngestCommand(app, ctx);
  RegisterNormalizeCommand(app, ctx);
  RegisterGenerateCommand(app, ctx);
  RegisterStatsCommand(app, ctx);
  RegisterMigrateCommand(app, ctx);
  RegisterClustersCommand(app, ctx);
  RegisterClusterCommand(app, ctx);
  RegisterCheckCommand(app, ctx);
  RegisterWarninglistCommand(app, ctx);
  RegisterServeCommand(app, ctx);
  RegisterKeysCommand(app, ctx);
  RegisterAuditCommand(app, ctx);
  RegisterPseudonymizeCommand(app, ctx);
  RegisterReportsCommand(app, ctx);
  RegisterRetentionCommand(app, ctx);
  RegisterBlindCheckCommand(app, ctx);
  RegisterSubscriptionsCommand(app, ctx);
  RegisterDisputesCommand(app, ctx);
  RegisterEvaluateCommand(app, ctx);
  RegisterScreenCommand(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zicht: internal error: %s\n", e.what());
    return kExitFailure;
  }
  return ctx.exit_code;
}

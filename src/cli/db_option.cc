#include "cli/db_option.h"

#include <cstdlib>

namespace zicht::cli {
namespace {

// Steps 2–4 of db_option.h.
std::string DefaultDb(const CLI::Option* global, const std::string& fallback) {
  if (global != nullptr && global->count() > 0) return global->as<std::string>();
  const char* env = std::getenv(kDbEnvVar);
  if (env != nullptr && *env != '\0') return env;
  return fallback;
}

}  // namespace

CLI::Option* AddGlobalDbOption(CLI::App& app, std::string* target) {
  return app.add_option("--db", *target,
                        std::string("SQLite database of every subcommand that uses one (default: $") + kDbEnvVar +
                            ", else " + kDefaultDb + "); the same as --db after the subcommand");
}

CLI::Option* AddDbOption(CLI::App* cmd, std::string* target, const CLI::Option* global, std::string_view what,
                         std::string fallback) {
  std::string help(what);
  help += " (default: --db before the subcommand, else $";
  help += kDbEnvVar;
  help += ", else ";
  help += fallback.empty() ? "none" : fallback;
  help += ")";
  cmd->preparse_callback([target, global, fallback](std::size_t) { *target = DefaultDb(global, fallback); });
  return cmd->add_option("--db", *target, help);
}

}  // namespace zicht::cli

#include "cli/db_option.h"

#include <cstdlib>
#include <filesystem>

#include "store/store.h"

namespace zicht::cli {
namespace {

// Steps 2–4 of db_option.h.
std::string DefaultDb(const CLI::Option* global, const std::string& fallback) {
  if (global != nullptr && global->count() > 0) return global->as<std::string>();
  for (const char* var : {kStoreEnvVar, kDbEnvVar}) {
    const char* env = std::getenv(var);
    if (env != nullptr && *env != '\0') return env;
  }
  return fallback;
}

}  // namespace

bool StoreExists(const std::string& location) {
  std::error_code ec;
  return store::IsPostgresLocation(location) || std::filesystem::exists(location, ec);
}

CLI::Option* AddGlobalDbOption(CLI::App& app, std::string* target) {
  return app.add_option("--db,--store", *target,
                        std::string("store of every subcommand that uses one: a SQLite file, or a postgresql://… URL "
                                    "(default: $") + kStoreEnvVar + ", else $" + kDbEnvVar + ", else " + kDefaultDb +
                            "); the same as --db after the subcommand");
}

CLI::Option* AddDbOption(CLI::App* cmd, std::string* target, const CLI::Option* global, std::string_view what,
                         std::string fallback) {
  std::string help(what);
  help += "; a SQLite file or a postgresql://… URL (default: --db before the subcommand, else $";
  help += kStoreEnvVar;
  help += ", else $";
  help += kDbEnvVar;
  help += ", else ";
  help += fallback.empty() ? "none" : fallback;
  help += ")";
  cmd->preparse_callback([target, global, fallback](std::size_t) { *target = DefaultDb(global, fallback); });
  return cmd->add_option("--db,--store", *target, help);
}

}  // namespace zicht::cli

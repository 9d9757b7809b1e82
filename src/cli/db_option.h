#pragma once
// `--db PATH`, the database option of every subcommand that touches data,
// and where its default comes from (docs/design.md, "Command line"):
//
//   1. the subcommand's own `--db`       zicht ingest f.jsonl --db X
//   2. `--db` before the subcommand      zicht --db X ingest f.jsonl
//   3. the ZICHT_STORE environment variable, else ZICHT_DB
//                                        ZICHT_DB=X zicht ingest f.jsonl
//   4. the subcommand's fallback         zicht.db (evaluate: no database)
//
// `--store` is another name of `--db`, for the spelling that reads right
// with a URL: a value starting with `postgresql://` or `postgres://` is a
// PostgreSQL database, anything else a SQLite file (store::OpenStore).
// ZICHT_STORE wins over ZICHT_DB when both are set: it is the newer, more
// deliberate setting.
//
// WHY BOTH PLACES. Git and most CLIs take global options before the
// subcommand, and scripts that run several commands on one database set it
// once (`alias z='zicht --db cases.db'`, or ZICHT_DB). Keeping `--db` on the
// subcommand too keeps it in each subcommand's --help and lets the old
// spelling work; the one nearer the end of the line wins, as a later
// option does everywhere else.
//
// HOW. CLI11 assigns option values after the whole line is parsed, so the
// subcommand's target is filled in when the subcommand starts parsing
// (its pre-parse callback; the global option is already read by then) and
// the subcommand's own --db, if given, overwrites it afterwards.
//
// Only cli/ reads the environment. Thread-safety: registration and parsing
// happen on main's thread before any command runs.
#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace zicht::cli {

inline constexpr const char* kDbEnvVar = "ZICHT_DB";
inline constexpr const char* kStoreEnvVar = "ZICHT_STORE";
inline constexpr const char* kDefaultDb = "zicht.db";

//! Whether the store at `location` exists, for the commands that refuse
//! to create one: a SQLite file must exist; a PostgreSQL URL counts as
//! existing (opening it says whether it can be reached).
bool StoreExists(const std::string& location);

//! Adds the global `--db PATH` / `--store URL` (before the subcommand) to the main app.
CLI::Option* AddGlobalDbOption(CLI::App& app, std::string* target);

//! Adds `--db PATH` / `--store URL` to `cmd` with help `what`. After parsing, `*target`
//! holds the database by the order above; `fallback` empty means "no
//! database" when none is named. REQUIRES: `global` from AddGlobalDbOption
//! outlives parsing; `cmd` has no other pre-parse callback.
CLI::Option* AddDbOption(CLI::App* cmd, std::string* target, const CLI::Option* global, std::string_view what,
                         std::string fallback = kDefaultDb);

}  // namespace zicht::cli

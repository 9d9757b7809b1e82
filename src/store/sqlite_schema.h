#pragma once
// The SQL schema of the report store and its versioning (docs/schema.md).
//
// The version lives in `PRAGMA user_version`. Opening a database brings it up
// to kSchemaVersion by running each migration step in order, inside one
// transaction; a database written by a newer Zicht (user_version greater than
// ours) is refused rather than misread.
//
// Only the report tables are managed here; other stages' tables (warning
// lists, audit log) create their own with CREATE TABLE IF NOT EXISTS.
#include "common/status.h"
#include "store/sqlite_db.h"

namespace zicht::store {

//! Current schema version of the report tables.
inline constexpr int kSchemaVersion = 2;

//! Creates or migrates the report tables in `db` to kSchemaVersion.
//! On failure: kIOError from SQLite, or kCorruption when the database's
//! version is newer than this build understands.
Status EnsureSchema(sqlite::Database& db);

//! The version stored in `db` (PRAGMA user_version; 0 for a new file).
Result<int> SqliteSchemaVersion(sqlite::Database& db);

}  // namespace zicht::store

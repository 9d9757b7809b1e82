#pragma once
// The SQL schema of the PostgreSQL store and its versioning (docs/schema.md,
// "PostgreSQL").
//
// Unlike SQLite, where each store/ table creates itself when opened, every
// table of a PostgreSQL deployment is created by one versioned migration
// list, because several service nodes share the database and a table
// created on the fly by whichever node comes first would race. The version
// lives in the one-row table `zicht_schema`. EnsurePgSchema runs the missing
// steps in order inside one transaction that holds an advisory lock, so two
// nodes starting together migrate once; a database at a newer version than
// this build knows is refused rather than misread.
//
// Thread-safety: plain functions over a connection the caller owns.
#include "common/result.h"
#include <memory>
#include <string>

#include "store/durability.h"
#include "store/pg_db.h"

namespace zicht::store {

//! Current schema version of a PostgreSQL database.
inline constexpr int kPgSchemaVersion = 4;

//! The version stored in the database (0 for an empty one).
Result<int> PgSchemaVersion(pg::Connection& db);

//! Creates or migrates every table in `db` to kPgSchemaVersion.
//! On failure: kIOError from PostgreSQL (nothing changed), or kCorruption
//! when the database's version is newer than this build understands.
Status EnsurePgSchema(pg::Connection& db);

//! Connects to `url`, sets how durable its commits are (durability.h:
//! kNormal is synchronous_commit = off, kFull on; postgres_store.h says
//! what each promises) and brings the schema up to date: what every
//! PostgreSQL-backed store of store/ does on Open.
Result<std::unique_ptr<pg::Connection>> OpenPgDatabase(const std::string& url, Durability durability);

}  // namespace zicht::store

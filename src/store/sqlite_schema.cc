#include "store/sqlite_schema.h"

#include <string>

namespace zicht::store {
namespace {

// Version 1. Enumerations are stored by their wire names (model/vocabulary.h)
// so the file reads sensibly in the sqlite3 shell and enum order may change.
//
// Indexes are deliberately few: the UNIQUE (source, id) index is what makes
// the upsert idempotent; every identifier lookup is served by the linking
// engine's in-memory index, so `identifiers` has only its primary key, which
// also gives ScanReports its (report_row, seq) order for free. There is no
// FOREIGN KEY on identifiers.report_row: the store deletes a report's
// identifiers itself, and a per-row parent check would cost ingest speed.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE reports (
  row_id        INTEGER PRIMARY KEY,
  source        TEXT    NOT NULL,
  id            TEXT    NOT NULL,
  reported_at   TEXT    NOT NULL,
  reported_at_s INTEGER NOT NULL,
  occurred_at   TEXT,
  fraud_type    TEXT    NOT NULL,
  outcome       TEXT    NOT NULL,
  damage_cents  INTEGER,
  channel       TEXT,
  age_band      TEXT,
  region        TEXT,
  text          TEXT    NOT NULL,
  content_hash  INTEGER NOT NULL,
  UNIQUE (source, id)
);
CREATE TABLE identifiers (
  report_row     INTEGER NOT NULL,
  seq            INTEGER NOT NULL,
  kind           TEXT    NOT NULL,
  role           TEXT    NOT NULL,
  value          TEXT    NOT NULL,
  canonical      TEXT    NOT NULL,
  domain         TEXT    NOT NULL,
  valid          INTEGER NOT NULL,
  invalid_reason TEXT    NOT NULL,
  PRIMARY KEY (report_row, seq)
) WITHOUT ROWID;
)sql";

// Version 2: the change log (store.h, "Change log"). AUTOINCREMENT so that
// a sequence number is never handed out twice, not even after pruning
// emptied the table (plain INTEGER PRIMARY KEY reuses max+1). One entry per
// run of consecutive row ids, so a bulk ingest of new reports costs one
// entry per batch. `at` (unix seconds) is what pruning goes by;
// change_log.pruned_through is the highest seq pruned, which tells a reader
// that fell behind that it missed entries.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  first_row INTEGER NOT NULL,
  last_row  INTEGER NOT NULL,
  erased    INTEGER NOT NULL,
  origin    TEXT    NOT NULL,
  at        INTEGER NOT NULL
);
CREATE TABLE change_log (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  pruned_through INTEGER NOT NULL
);
INSERT INTO change_log (id, pruned_through) VALUES (1, 0);
)sql";

}  // namespace

Result<int> SqliteSchemaVersion(sqlite::Database& db) {
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("PRAGMA user_version"));
  ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? static_cast<int>(stmt.Int(0)) : 0;
}

Status EnsureSchema(sqlite::Database& db) {
  ZICHT_ASSIGN_OR_RETURN(int version, SqliteSchemaVersion(db));
  if (version == kSchemaVersion) return Status::Ok();
  if (version > kSchemaVersion) {
    return Status::Corruption("database '" + db.path() + "' has schema version " + std::to_string(version) +
                              ", newer than this zicht understands (" + std::to_string(kSchemaVersion) + ")");
  }
  return db.Transaction([&]() -> Status {
    // Re-read under the write lock: another process may have migrated meanwhile.
    ZICHT_ASSIGN_OR_RETURN(int v, SqliteSchemaVersion(db));
    if (v == 0) {
      ZICHT_RETURN_IF_ERROR(db.Exec(kSchemaV1));
      v = 1;
    }
    if (v == 1) {
      ZICHT_RETURN_IF_ERROR(db.Exec(kSchemaV2));
      v = 2;
    }
    // Future migrations: if (v == 2) { ...; v = 3; }
    return db.Exec("PRAGMA user_version = " + std::to_string(v));
  });
}

}  // namespace zicht::store

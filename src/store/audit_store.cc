#include "store/audit_store.h"

#include "store/sqlite_db.h"

namespace zicht::store {
namespace {

// RAISE(ABORT) makes the statement fail and undo itself: the log can only grow.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS audit_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  partner   TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  endpoint  TEXT NOT NULL,
  kind      TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  subject   TEXT NOT NULL,
  purpose   TEXT NOT NULL,
  result    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_pseudonym ON audit_log(pseudonym);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

}  // namespace

AuditStore::AuditStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
AuditStore::~AuditStore() = default;

Result<std::unique_ptr<AuditStore>> AuditStore::Open(const std::string& path) {
  ZICHT_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(path));
  ZICHT_RETURN_IF_ERROR(db->Exec(kSchema));
  return std::unique_ptr<AuditStore>(new AuditStore(std::move(db)));
}

Status AuditStore::Append(const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return Status::Ok();
  return db_->Transaction([&]() -> Status {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
        "INSERT INTO audit_log(at, partner, key_id, endpoint, kind, pseudonym, subject, purpose, result) "
        "VALUES (?,?,?,?,?,?,?,?,?)"));
    for (const AuditEntry& e : entries) {
      stmt.Bind(1, static_cast<int64_t>(e.at))
          .Bind(2, std::string_view(e.partner))
          .Bind(3, std::string_view(e.key_id))
          .Bind(4, std::string_view(e.endpoint))
          .Bind(5, std::string_view(e.kind))
          .Bind(6, std::string_view(e.pseudonym))
          .Bind(7, std::string_view(e.subject))
          .Bind(8, std::string_view(e.purpose))
          .Bind(9, std::string_view(e.result));
      ZICHT_RETURN_IF_ERROR(stmt.Run());
    }
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> AuditStore::Query(const AuditQuery& query) {
  std::string sql =
      "SELECT seq, at, partner, key_id, endpoint, kind, pseudonym, subject, purpose, result FROM audit_log "
      "WHERE (?1 IS NULL OR partner = ?1) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR pseudonym = ?3) "
      "ORDER BY seq DESC";
  if (query.limit > 0) sql += " LIMIT " + std::to_string(query.limit);
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(sql));
  if (query.partner) stmt.Bind(1, std::string_view(*query.partner)); else stmt.BindNull(1);
  if (query.since) stmt.Bind(2, static_cast<int64_t>(*query.since)); else stmt.BindNull(2);
  if (query.pseudonym) stmt.Bind(3, std::string_view(*query.pseudonym)); else stmt.BindNull(3);
  std::vector<AuditEntry> out;
  while (true) {
    ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    AuditEntry e;
    e.seq = stmt.Int(0);
    e.at = stmt.Int(1);
    e.partner = stmt.Text(2);
    e.key_id = stmt.Text(3);
    e.endpoint = stmt.Text(4);
    e.kind = stmt.Text(5);
    e.pseudonym = stmt.Text(6);
    e.subject = stmt.Text(7);
    e.purpose = stmt.Text(8);
    e.result = stmt.Text(9);
    out.push_back(std::move(e));
  }
  return std::vector<AuditEntry>(out.rbegin(), out.rend());
}

}  // namespace zicht::store

#include "store/audit_store.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include "store/audit_segment.h"
#include "store/pg_db.h"
#include "store/sqlite_db.h"

namespace zicht::store {
namespace {

// One row per appended batch ("segment"), its entries encoded by
// audit_segment.h. Why not one row per entry: the server appends ~140k
// entries/s; a row per entry cost ~1 µs (no index) to 12–16 µs (with the
// pseudonym index: each random key rewrites an index page in the WAL), a
// segment row costs a few µs per batch of thousands. min_at/max_at let a
// `since` query skip whole segments without decoding them.
//
// RAISE(ABORT) makes the statement fail and undo itself: the log can only
// grow. The insert trigger closes the hole the other two leave: `INSERT OR
// REPLACE` with an existing first_seq deletes the old row without firing
// delete triggers, so an insert must start after every stored segment (one
// primary-key lookup per batch).
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS audit_segment (
  first_seq INTEGER PRIMARY KEY,
  entries   INTEGER NOT NULL CHECK (entries > 0),
  min_at    INTEGER NOT NULL,
  max_at    INTEGER NOT NULL,
  data      BLOB NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_segment_no_update BEFORE UPDATE ON audit_segment
  BEGIN SELECT RAISE(ABORT, 'audit_segment is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_segment_no_delete BEFORE DELETE ON audit_segment
  BEGIN SELECT RAISE(ABORT, 'audit_segment is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_segment_only_append BEFORE INSERT ON audit_segment
  WHEN NEW.first_seq IS NULL OR NEW.first_seq <
       (SELECT first_seq + entries FROM audit_segment ORDER BY first_seq DESC LIMIT 1)
  BEGIN SELECT RAISE(ABORT, 'audit_segment is append-only'); END;
)sql";

// Databases written before segments have `audit_log`, one row per entry
// (seq INTEGER PRIMARY KEY AUTOINCREMENT, at, partner, key_id, endpoint,
// kind, pseudonym, subject, purpose, result; same triggers). It is only
// read: its rows come before every segment entry, and new seqs continue
// after its MAX(seq).
Result<bool> HasLegacyTable(sqlite::Database& db) {
  ZICHT_ASSIGN_OR_RETURN(auto stmt,
                         db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"));
  return stmt.Step();
}

// The first seq after the legacy table (1 without one). The table is never
// written any more, so this is read once, at Open.
Result<int64_t> LegacyNextSeq(sqlite::Database& db) {
  ZICHT_ASSIGN_OR_RETURN(bool legacy, HasLegacyTable(db));
  if (!legacy) return int64_t{1};  // AUTOINCREMENT also started at 1
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT MAX(seq) FROM audit_log"));
  ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return (row && !stmt.IsNull(0)) ? stmt.Int(0) + 1 : int64_t{1};
}

// The seq the next appended entry gets: after the last segment and at
// least `floor` (LegacyNextSeq). Read inside the append transaction (BEGIN
// IMMEDIATE holds the write lock), so even two processes appending to one
// file in turn never reuse a seq; one primary-key lookup per batch.
Result<int64_t> NextSeq(sqlite::Database& db, int64_t floor) {
  ZICHT_ASSIGN_OR_RETURN(auto stmt,
                         db.Prepare("SELECT first_seq + entries FROM audit_segment ORDER BY first_seq DESC LIMIT 1"));
  ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? std::max(floor, stmt.Int(0)) : floor;
}

// Appends the legacy rows matching `query`, newest first, at most `limit`
// of them (0 = all).
Status QueryLegacy(sqlite::Database& db, const AuditQuery& query, size_t limit, std::vector<AuditEntry>* newest_first) {
  std::string sql =
      "SELECT seq, at, partner, key_id, endpoint, kind, pseudonym, subject, purpose, result FROM audit_log "
      "WHERE (?1 IS NULL OR partner = ?1) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR pseudonym = ?3) "
      "ORDER BY seq DESC";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  if (query.partner) stmt.Bind(1, std::string_view(*query.partner)); else stmt.BindNull(1);
  if (query.since) stmt.Bind(2, static_cast<int64_t>(*query.since)); else stmt.BindNull(2);
  if (query.pseudonym) stmt.Bind(3, std::string_view(*query.pseudonym)); else stmt.BindNull(3);
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
    newest_first->push_back(std::move(e));
  }
  return Status::Ok();
}

// The audit log in a SQLite file.
class SqliteAuditStore final : public AuditStore {
 public:
  SqliteAuditStore(std::unique_ptr<sqlite::Database> db, int64_t legacy_next_seq)
      : db_(std::move(db)), legacy_next_seq_(legacy_next_seq) {}
  Result<std::vector<AuditEntry>> Query(const AuditQuery& query) override;

 protected:
  Status AppendSegment(const std::vector<AuditEntry>& entries, const std::string& batch_id) override;

 private:
  std::unique_ptr<sqlite::Database> db_;
  const int64_t legacy_next_seq_;  // first seq after the read-only legacy table
};

}  // namespace

Result<std::unique_ptr<AuditStore>> AuditStore::Open(const std::string& location, Durability durability) {
  if (pg::IsPostgresUrl(location)) return OpenPgAuditStore(location, durability);
  ZICHT_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(location, false, durability));
  ZICHT_RETURN_IF_ERROR(db->Exec(kSchema));
  ZICHT_ASSIGN_OR_RETURN(int64_t legacy_next_seq, LegacyNextSeq(*db));
  return std::unique_ptr<AuditStore>(new SqliteAuditStore(std::move(db), legacy_next_seq));
}

Status AddSegmentNewestFirst(std::string_view data, int64_t first_seq, int64_t entries, const AuditQuery& query,
                             std::vector<AuditEntry>* newest_first) {
  std::vector<AuditEntry> segment;
  Result<int64_t> decoded = DecodeMatchingAuditEntries(data, first_seq, query, &segment);
  if (!decoded.ok()) return decoded.status().WithContext("audit_segment " + std::to_string(first_seq));
  if (*decoded != entries) {
    return Status::Corruption("audit_segment " + std::to_string(first_seq) + ": entries column says " +
                              std::to_string(entries) + ", data holds " + std::to_string(*decoded));
  }
  for (auto it = segment.rbegin(); it != segment.rend(); ++it) {
    if (query.limit > 0 && newest_first->size() >= query.limit) break;
    newest_first->push_back(std::move(*it));
  }
  return Status::Ok();
}

Status AuditStore::Append(const std::vector<AuditEntry>& entries, const std::string& batch_id) {
  if (entries.empty()) return Status::Ok();
  Status s = AppendSegment(entries, batch_id);
  if (s.ok() && lose_next_answer_) {
    lose_next_answer_ = false;
    return Status::IOError("audit append: connection lost after COMMIT (test fault)");
  }
  return s;
}

std::string AuditStore::NewAuditBatchId() {
  // std::random_device reads the kernel's random source (getrandom) with
  // glibc: ids of different nodes and processes do not collide.
  std::random_device random;
  std::string id;
  for (int i = 0; i < 4; ++i) {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(random()));
    id += hex;
  }
  return id;
}

// The batch id is not stored: see audit_store.h.
Status SqliteAuditStore::AppendSegment(const std::vector<AuditEntry>& entries, const std::string& /*batch_id*/) {
  // Encoding needs no lock: do it before the write transaction starts.
  const std::string data = EncodeAuditSegment(entries);
  // Not a structured binding: clang 14 cannot capture one in the lambda below.
  const auto min_max = std::minmax_element(
      entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.at < b.at; });
  const UnixSeconds min_at = min_max.first->at, max_at = min_max.second->at;
  return db_->Transaction([&]() -> Status {
    ZICHT_ASSIGN_OR_RETURN(int64_t first_seq, NextSeq(*db_, legacy_next_seq_));
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
        "INSERT INTO audit_segment(first_seq, entries, min_at, max_at, data) VALUES (?,?,?,?,?)"));
    stmt.Bind(1, first_seq)
        .Bind(2, static_cast<int64_t>(entries.size()))
        .Bind(3, static_cast<int64_t>(min_at))
        .Bind(4, static_cast<int64_t>(max_at))
        .BindBlob(5, data.data(), data.size());
    return stmt.Run();
  });
}

// Segments are read newest first, so a query with `limit` stops as soon as
// it has `limit` matches; without one it decodes every segment that may hold
// a match (the privacy officer's "who looked up this IBAN" is a full scan:
// there is deliberately no pseudonym index, see the schema comment). The
// legacy table, older than every segment, is read last.
Result<std::vector<AuditEntry>> SqliteAuditStore::Query(const AuditQuery& query) {
  std::vector<AuditEntry> newest_first;
  auto full = [&] { return query.limit > 0 && newest_first.size() >= query.limit; };
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "SELECT first_seq, entries, data FROM audit_segment WHERE (?1 IS NULL OR max_at >= ?1) "
      "ORDER BY first_seq DESC"));
  if (query.since) stmt.Bind(1, static_cast<int64_t>(*query.since)); else stmt.BindNull(1);
  while (!full()) {
    ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ZICHT_RETURN_IF_ERROR(AddSegmentNewestFirst(stmt.Text(2), stmt.Int(0), stmt.Int(1), query, &newest_first));
  }
  if (!full()) {
    ZICHT_ASSIGN_OR_RETURN(bool legacy, HasLegacyTable(*db_));
    if (legacy) {
      size_t rest = query.limit > 0 ? query.limit - newest_first.size() : 0;
      ZICHT_RETURN_IF_ERROR(QueryLegacy(*db_, query, rest, &newest_first));
    }
  }
  return std::vector<AuditEntry>(std::make_move_iterator(newest_first.rbegin()),
                                 std::make_move_iterator(newest_first.rend()));
}

}  // namespace zicht::store

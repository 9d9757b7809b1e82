// The audit log on PostgreSQL (audit_store.h). The table, its triggers and
// the revoked rights come from the schema migration (pg_schema.cc).
#include <algorithm>

#include "store/audit_segment.h"
#include "store/audit_store.h"
#include "store/pg_db.h"
#include "store/pg_schema.h"

namespace zicht::store {
namespace {

// Taken by every append (pg_advisory_xact_lock): the next seq is read and
// written under it, so two nodes appending at once take turns and never
// reuse a seq. Held for one INSERT, well under a millisecond.
constexpr int64_t kAuditAppendLock = 0x7a6963687403;

class PgAuditStore final : public AuditStore {
 public:
  explicit PgAuditStore(std::unique_ptr<pg::Connection> db) : db_(std::move(db)) {}

  // As the SQLite store: segments newest first, stopping at the limit.
  // Fetched a chunk at a time, so a limited query reads few rows.
  Result<std::vector<AuditEntry>> Query(const AuditQuery& query) override {
    constexpr int64_t kChunk = 64;
    std::vector<AuditEntry> newest_first;
    auto full = [&] { return query.limit > 0 && newest_first.size() >= query.limit; };
    std::optional<int64_t> before;
    while (!full()) {
      pg::Params p;
      p.AddOptional(query.since ? std::optional<int64_t>(*query.since) : std::nullopt).AddOptional(before);
      ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT first_seq, entries, data FROM audit_segment "
                                                   "WHERE ($1::bigint IS NULL OR max_at >= $1) "
                                                   "AND ($2::bigint IS NULL OR first_seq < $2) "
                                                   "ORDER BY first_seq DESC LIMIT " + std::to_string(kChunk), p));
      for (int i = 0; i < rows.size() && !full(); ++i) {
        ZICHT_RETURN_IF_ERROR(
            AddSegmentNewestFirst(rows.Bytes(i, 2), rows.Int(i, 0), rows.Int(i, 1), query, &newest_first));
        before = rows.Int(i, 0);
      }
      if (rows.size() < kChunk) break;
    }
    return std::vector<AuditEntry>(std::make_move_iterator(newest_first.rbegin()),
                                   std::make_move_iterator(newest_first.rend()));
  }

 protected:
  // Under the append lock, a stored segment with this batch_id means the
  // batch is a retry of one whose COMMIT answer was lost: nothing is
  // inserted (the unique index makes the look-up one probe).
  Status AppendSegment(const std::vector<AuditEntry>& entries, const std::string& batch_id) override {
    const std::string data = EncodeAuditSegment(entries);
    const auto min_max = std::minmax_element(
        entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.at < b.at; });
    pg::Params p;
    p.Add(static_cast<int64_t>(entries.size()))
        .Add(static_cast<int64_t>(min_max.first->at))
        .Add(static_cast<int64_t>(min_max.second->at))
        .AddBytes(data)
        .Add(batch_id);
    return db_->Transaction([&]() -> Status {
      ZICHT_RETURN_IF_ERROR(db_->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kAuditAppendLock) + ")"));
      return db_->Query("INSERT INTO audit_segment (first_seq, entries, min_at, max_at, data, batch_id) "
                        "SELECT COALESCE((SELECT first_seq + entries FROM audit_segment "
                        "ORDER BY first_seq DESC LIMIT 1), 1), $1, $2, $3, $4, $5::text "
                        "WHERE NOT EXISTS (SELECT 1 FROM audit_segment WHERE batch_id = $5::text)", p).status();
    });
  }

 private:
  std::unique_ptr<pg::Connection> db_;
};

}  // namespace

Result<std::unique_ptr<AuditStore>> OpenPgAuditStore(const std::string& url, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto db, OpenPgDatabase(url, durability));
  return std::unique_ptr<AuditStore>(new PgAuditStore(std::move(db)));
}

}  // namespace zicht::store

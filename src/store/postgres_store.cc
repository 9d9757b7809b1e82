#include "store/postgres_store.h"

#include <algorithm>
#include <map>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/time.h"
#include "store/content_hash.h"
#include "store/pg_copy_binary.h"
#include "store/pg_schema.h"
#include "store/report_row.h"

namespace zicht::store {
namespace {

// Rows fetched per round trip by a scan. 10,000 keeps a chunk at a few MB
// (the report text is the bulk) and the round trips (~100 µs each on
// loopback) at ~1 % of a 1M-report start-up.
constexpr int kScanChunk = 10000;

// Taken by every UpsertBatch and erasure (pg_advisory_xact_lock), see the
// header: one writer of reports at a time, across every node.
constexpr int64_t kReportWriterLock = 0x7a6963687402;

bool BoolIsValid(const pg::RowRef& r, int col) { return r.Text(col) == "t"; }

// A server-side cursor read in chunks, with the accessors of a row
// (report_row.h's Row) for its current row. REQUIRES: inside a transaction.
class ChunkCursor {
 public:
  ChunkCursor(pg::Connection& db, std::string name) : db_(db), name_(std::move(name)) {}

  Status Declare(const std::string& select) { return db_.Exec("DECLARE " + name_ + " NO SCROLL CURSOR FOR " + select); }

  Result<bool> Step() {
    if (++at_ < rows_.size()) return true;
    if (done_) return false;
    ZICHT_ASSIGN_OR_RETURN(rows_, db_.Query("FETCH FORWARD " + std::to_string(kScanChunk) + " FROM " + name_));
    at_ = 0;
    done_ = rows_.size() < kScanChunk;
    return rows_.size() > 0;
  }

  bool IsNull(int col) const { return rows_.IsNull(at_, col); }
  std::string_view Text(int col) const { return rows_.Text(at_, col); }
  int64_t Int(int col) const { return rows_.Int(at_, col); }

 private:
  pg::Connection& db_;
  std::string name_;
  pg::Rows rows_;
  int at_ = -1;
  bool done_ = false;
};

bool CursorIsValid(const ChunkCursor& c, int col) { return c.Text(col) == "t"; }

// "{1,2,3}": a bigint[] parameter.
std::string ArrayLiteral(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  out += '}';
  return out;
}

// A text[] parameter: "{"a","b\"c"}" (every element quoted, backslash
// and double quote escaped).
std::string TextArrayLiteral(const std::vector<model::Report>& reports, bool ids) {
  std::string out = "{";
  for (size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : ids ? reports[i].key.id : reports[i].key.source) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// A batch's transaction. Its joins (the key look-up, the updates) touch a
// batch's worth of rows of `reports` and `identifiers`, so nested loops
// over their indexes are always right; without this the planner may pick a
// hash join that reads a whole table of millions of rows for 10,000 keys
// (and the staging table of updates has no statistics to tell it better).
constexpr const char* kBeginBatch =
    "BEGIN; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";

// Which keys of the batch are stored already, and with which content hash:
// one index probe of UNIQUE (source, id) per key, without writing the keys
// anywhere. Rows for stored keys only: ord (0-based), row_id, same hash.
constexpr const char* kLookUpBatch = R"sql(
SELECT k.ord - 1, r.row_id, r.content_hash = k.content_hash
  FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS k(source, id, content_hash, ord)
  JOIN reports r ON r.source = k.source AND r.id = k.id
)sql";

// The staging table of the updated reports of a batch (rare: a source
// re-sent a report with other content), one connection's private scratch,
// emptied at every commit; rows as in `reports`, so the batch's encoded
// rows go in unchanged. Created per use with IF NOT EXISTS, because a
// connection reset by pg::Connection loses its temporary tables.
constexpr const char* kUpdateBatch =
    "CREATE TEMP TABLE IF NOT EXISTS stage_updates (LIKE reports) ON COMMIT DELETE ROWS";

// After the COPY into stage_updates: rewrite the updated reports in place
// (row_id kept) and drop their old identifiers (the new ones are copied in
// with the new reports'). Nested loops (kBeginBatch).
constexpr const char* kApplyUpdates = R"sql(
UPDATE reports r SET reported_at = s.reported_at, reported_at_s = s.reported_at_s, occurred_at = s.occurred_at,
       fraud_type = s.fraud_type, outcome = s.outcome, damage_cents = s.damage_cents, channel = s.channel,
       age_band = s.age_band, region = s.region, text = s.text, content_hash = s.content_hash
  FROM stage_updates s WHERE r.row_id = s.row_id;
DELETE FROM identifiers i USING stage_updates s WHERE i.report_row = s.row_id;
)sql";

// The COPY of a batch's reports (into `reports` or stage_updates) and of
// their identifiers, in COPY's binary format; EncodeBatch writes the
// fields in these orders.
constexpr const char* kReportCopyColumns =
    " (row_id, source, id, reported_at, reported_at_s, occurred_at, fraud_type, outcome, damage_cents, channel, "
    "age_band, region, text, content_hash) FROM STDIN (FORMAT binary)";
constexpr const char* kIdentifierCopy =
    "COPY identifiers (report_row, seq, kind, role, value, canonical, domain, valid, invalid_reason) "
    "FROM STDIN (FORMAT binary)";

// A batch encoded as if every report were new, row ids left 0: which rows
// go where, and under which row id, is known only after the key look-up,
// so the row ids are written in afterwards (CopyBinary::PatchInt64) and
// the rows sent by range.
struct EncodedBatch {
  std::string* reports;        // rows of `reports`, one per report
  std::string* identifiers;    // rows of `identifiers`, reports' in order
  std::vector<size_t> report_at;      // report i's row: [report_at[i], report_at[i + 1])
  std::vector<size_t> row_id_at;      // report i's row_id value
  std::vector<size_t> identifier_at;  // report i's identifier rows: [identifier_at[i], identifier_at[i + 1])
  std::vector<size_t> report_row_at;  // every identifier row's report_row value, in order
};

void EncodeBatch(const std::vector<model::Report>& reports, const std::vector<int64_t>& hashes, EncodedBatch* out) {
  out->reports->clear();
  out->identifiers->clear();
  pg::CopyBinary rows(out->reports), ids(out->identifiers);
  auto text_or_null = [&](pg::CopyBinary& c, std::optional<std::string_view> v) { v ? c.Text(*v) : c.Null(); };
  for (size_t i = 0; i < reports.size(); ++i) {
    const model::Report& r = reports[i];
    out->report_at.push_back(out->reports->size());
    rows.BeginRow(14);
    out->row_id_at.push_back(rows.Int64(0));
    rows.Text(r.key.source);
    rows.Text(r.key.id);
    rows.Text(r.reported_at);
    rows.Int64(r.reported_at_seconds);
    text_or_null(rows, r.occurred_at);
    rows.Text(model::kFraudTypeNames.Name(r.fraud_type));
    rows.Text(model::kOutcomeNames.Name(r.outcome));
    rows.OptionalInt64(r.damage_cents);
    text_or_null(rows, r.channel ? std::optional(model::kChannelNames.Name(*r.channel)) : std::nullopt);
    text_or_null(rows, r.victim.age_band ? std::optional(model::kAgeBandNames.Name(*r.victim.age_band)) : std::nullopt);
    text_or_null(rows, r.victim.region ? std::optional(model::kRegionNames.Name(*r.victim.region)) : std::nullopt);
    rows.Text(r.text);
    rows.Int64(hashes[i]);
    out->identifier_at.push_back(out->identifiers->size());
    for (size_t seq = 0; seq < r.identifiers.size(); ++seq) {
      const model::Identifier& id = r.identifiers[seq];
      ids.BeginRow(9);
      out->report_row_at.push_back(ids.Int64(0));
      ids.Int32(static_cast<int32_t>(seq));
      ids.Text(model::kIdentifierKindNames.Name(id.kind));
      ids.Text(model::kRoleNames.Name(id.role));
      ids.Text(id.value);
      ids.Text(id.canonical);
      ids.Text(id.domain);
      ids.Bool(id.valid);
      ids.Text(id.invalid_reason);
    }
  }
  out->report_at.push_back(out->reports->size());
  out->identifier_at.push_back(out->identifiers->size());
}

// The COPY data of the reports `take` selects: the header, their rows of
// `buffer` (report i's at [at[i], at[i + 1])) in runs, the trailer.
template <typename Take>
std::vector<std::string_view> SelectRows(const std::string& buffer, const std::vector<size_t>& at, size_t n,
                                         Take take) {
  std::vector<std::string_view> pieces{pg::CopyBinary::Header()};
  for (size_t i = 0; i < n;) {
    if (!take(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && take(j)) ++j;
    pieces.emplace_back(buffer.data() + at[i], at[j] - at[i]);
    i = j;
  }
  pieces.push_back(pg::CopyBinary::Trailer());
  return pieces;
}

std::string LockWriters() { return "SELECT pg_advisory_xact_lock(" + std::to_string(kReportWriterLock) + ")"; }

}  // namespace

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& url, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto db, OpenPgDatabase(url, durability));
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(db)));
}

Result<std::vector<UpsertOutcome>> PostgresStore::UpsertBatch(const std::vector<model::Report>& reports) {
  return UpsertBatch(reports, nullptr);
}

Result<std::vector<UpsertOutcome>> PostgresStore::UpsertBatch(const std::vector<model::Report>& reports,
                                                              std::vector<StoredReport>* changed) {
  const size_t n = reports.size();
  std::vector<UpsertOutcome> outcomes(n, UpsertOutcome::kInserted);
  std::vector<int64_t> row_ids(n, 0);
  if (reports.empty()) return outcomes;
  std::vector<int64_t> hashes(n);
  for (size_t i = 0; i < n; ++i) hashes[i] = static_cast<int64_t>(ContentHash(reports[i]));
  // The encoding (a CPU-bound ~10 ms per 1,000 reports) runs on a thread of
  // its own while the server takes the lock and looks the keys up. Joined
  // before `encoded` is read, and on every return (jthread).
  EncodedBatch encoded{&copy_reports_, &copy_identifiers_, {}, {}, {}, {}};
  std::jthread encoder([&] { EncodeBatch(reports, hashes, &encoded); });
  pg::Params keys;
  keys.Add(TextArrayLiteral(reports, false)).Add(TextArrayLiteral(reports, true)).Add(ArrayLiteral(hashes));
  ZICHT_RETURN_IF_ERROR(db_->Exec(kBeginBatch));
  Status s = [&]() -> Status {
    ZICHT_RETURN_IF_ERROR(db_->Exec(LockWriters()));
    ZICHT_ASSIGN_OR_RETURN(auto stored, db_->Query(kLookUpBatch, keys));
    size_t fresh = n;
    bool updates = false;
    for (int i = 0; i < stored.size(); ++i) {
      int64_t ord = stored.Int(i, 0);
      if (ord < 0 || static_cast<size_t>(ord) >= n) return Status::Internal("looked-up report out of range");
      row_ids[ord] = stored.Int(i, 1);
      outcomes[ord] = stored.Bool(i, 2) ? UpsertOutcome::kDuplicate : UpsertOutcome::kUpdated;
      updates = updates || outcomes[ord] == UpsertOutcome::kUpdated;
      --fresh;
    }
    if (fresh > 0) {
      // Row ids for the new reports, in batch order: a range of the
      // identity sequence taken in one call (a nextval per report cost
      // 35 ms a 10,000-report batch). Nobody else draws from the sequence
      // in between: every writer of reports holds the writers' lock, and
      // were it broken, the COPY below would fail the batch on the primary
      // key instead of storing a row twice.
      pg::Params count;
      count.Add(static_cast<int64_t>(fresh));
      ZICHT_ASSIGN_OR_RETURN(auto last, db_->Query("SELECT setval(s, nextval(s) + $1 - 1) FROM "
                                                   "(SELECT pg_get_serial_sequence('reports', 'row_id') AS s) q",
                                                   count));
      if (last.size() != 1) return Status::Internal("no row ids for new reports");
      int64_t next = last.Int(0, 0) - static_cast<int64_t>(fresh) + 1;
      for (size_t i = 0; i < n; ++i) {
        if (outcomes[i] == UpsertOutcome::kInserted) row_ids[i] = next++;
      }
    }
    encoder.join();
    std::vector<int64_t> written;
    for (size_t i = 0, id_row = 0; i < n; ++i) {
      const size_t id_rows = reports[i].identifiers.size();
      if (outcomes[i] != UpsertOutcome::kDuplicate) {
        pg::CopyBinary::PatchInt64(encoded.reports, encoded.row_id_at[i], row_ids[i]);
        for (size_t k = id_row; k < id_row + id_rows; ++k) {
          pg::CopyBinary::PatchInt64(encoded.identifiers, encoded.report_row_at[k], row_ids[i]);
        }
        written.push_back(row_ids[i]);
      }
      id_row += id_rows;
    }
    auto is = [&](UpsertOutcome o) { return [&outcomes, o](size_t i) { return outcomes[i] == o; }; };
    // A correction that leaves an identifier out is an erasure of it
    // (alert_erasure.h): what the alert tables name of the updated
    // reports' old identifiers, read before kApplyUpdates deletes them.
    std::vector<IdentifierKey> corrected;
    if (updates) {
      std::vector<int64_t> updated;
      for (size_t i = 0; i < n; ++i) {
        if (outcomes[i] == UpsertOutcome::kUpdated) updated.push_back(row_ids[i]);
      }
      ZICHT_ASSIGN_OR_RETURN(corrected, AlertNamedIdentifiers(ArrayLiteral(updated)));
      ZICHT_RETURN_IF_ERROR(db_->Exec(kUpdateBatch));
      ZICHT_RETURN_IF_ERROR(db_->CopyIn(std::string("COPY stage_updates") + kReportCopyColumns,
                                        SelectRows(*encoded.reports, encoded.report_at, n,
                                                   is(UpsertOutcome::kUpdated))));
      ZICHT_RETURN_IF_ERROR(db_->Exec(kApplyUpdates));
    }
    if (fresh > 0) {
      ZICHT_RETURN_IF_ERROR(db_->CopyIn(std::string("COPY reports") + kReportCopyColumns,
                                        SelectRows(*encoded.reports, encoded.report_at, n,
                                                   is(UpsertOutcome::kInserted))));
    }
    if (!written.empty()) {
      ZICHT_RETURN_IF_ERROR(db_->CopyIn(kIdentifierCopy,
                                        SelectRows(*encoded.identifiers, encoded.identifier_at, n,
                                                   [&](size_t i) { return outcomes[i] != UpsertOutcome::kDuplicate; })));
    }
    ZICHT_RETURN_IF_ERROR(EraseAlertRows(corrected));
    ZICHT_RETURN_IF_ERROR(LogChanges(std::move(written), false));
    return db_->Exec("COMMIT");
  }();
  if (!s.ok()) {
    (void)db_->Exec("ROLLBACK");
    return s;
  }
  // Filled only after COMMIT, so a failed batch hands back nothing.
  if (changed) {
    for (size_t i = 0; i < n; ++i) {
      if (outcomes[i] == UpsertOutcome::kDuplicate) continue;
      changed->push_back(StoredReport{row_ids[i], reports[i]});
    }
  }
  return outcomes;
}

Status PostgresStore::Scan(const char* report_columns, const char* identifier_columns, bool index_only,
                           const std::function<Status(const StoredReport&)>& fn) {
  // One snapshot for both cursors, so a concurrent writer cannot slip a
  // report in between them.
  ZICHT_RETURN_IF_ERROR(db_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  Status s = [&]() -> Status {
    ChunkCursor reports(*db_, "zicht_scan_reports");
    ChunkCursor ids(*db_, "zicht_scan_identifiers");
    ZICHT_RETURN_IF_ERROR(reports.Declare(std::string("SELECT ") + report_columns + " FROM reports ORDER BY row_id"));
    ZICHT_RETURN_IF_ERROR(ids.Declare(std::string("SELECT report_row, ") + identifier_columns +
                                      " FROM identifiers ORDER BY report_row, seq"));
    return MergeScan(reports, ids, index_only ? ScanColumns::kIndex : ScanColumns::kFull, CursorIsValid, fn);
  }();
  Status end = db_->Exec(s.ok() ? "COMMIT" : "ROLLBACK");
  return s.ok() ? end : s;
}

Status PostgresStore::ScanReports(const std::function<Status(const StoredReport&)>& fn) {
  return Scan(kReportColumns, kIdentifierColumns, false, fn);
}

Status PostgresStore::ScanIndexFields(const std::function<Status(const StoredReport&)>& fn) {
  return Scan(kIndexReportColumns, kIndexIdentifierColumns, true, fn);
}

Result<std::vector<StoredReport>> PostgresStore::ReadRows(const std::string& row_ids) {
  pg::Params p;
  p.Add(row_ids);
  ZICHT_ASSIGN_OR_RETURN(auto reports, db_->Query(std::string("SELECT ") + kReportColumns +
                                                  " FROM reports WHERE row_id = ANY($1::bigint[]) ORDER BY row_id", p));
  ZICHT_ASSIGN_OR_RETURN(auto ids, db_->Query(std::string("SELECT report_row, ") + kIdentifierColumns +
                                              " FROM identifiers WHERE report_row = ANY($1::bigint[]) "
                                              "ORDER BY report_row, seq", p));
  std::vector<StoredReport> out(static_cast<size_t>(reports.size()));
  int id_row = 0;
  for (int i = 0; i < reports.size(); ++i) {
    ZICHT_RETURN_IF_ERROR(DecodeReport(pg::RowRef(reports, i), &out[i]));
    while (id_row < ids.size() && ids.Int(id_row, 0) < out[i].row_id) ++id_row;
    for (; id_row < ids.size() && ids.Int(id_row, 0) == out[i].row_id; ++id_row) {
      ZICHT_RETURN_IF_ERROR(
          DecodeIdentifier(pg::RowRef(ids, id_row), 1, BoolIsValid, &out[i].report.identifiers.emplace_back()));
    }
  }
  return out;
}

Result<StoredReport> PostgresStore::GetReport(const model::ReportKey& key) {
  pg::Params p;
  p.Add(key.source).Add(key.id);
  ZICHT_ASSIGN_OR_RETURN(auto row, db_->Query("SELECT row_id FROM reports WHERE source = $1 AND id = $2", p));
  // The message names the source only: report ids may carry case numbers.
  if (row.size() == 0) return Status::NotFound("no report with this id from source '" + key.source + "'");
  ZICHT_ASSIGN_OR_RETURN(auto got, ReadRows(ArrayLiteral({row.Int(0, 0)})));
  if (got.empty()) return Status::NotFound("no report with this id from source '" + key.source + "'");
  return std::move(got.front());
}

Result<std::vector<StoredReport>> PostgresStore::GetReports(const std::vector<int64_t>& row_ids) {
  ZICHT_ASSIGN_OR_RETURN(auto by_row, ReadRows(ArrayLiteral(row_ids)));
  std::unordered_map<int64_t, size_t> at;
  for (size_t i = 0; i < by_row.size(); ++i) at.emplace(by_row[i].row_id, i);
  std::vector<StoredReport> out;
  out.reserve(row_ids.size());
  for (int64_t row_id : row_ids) {
    auto it = at.find(row_id);
    if (it != at.end()) out.push_back(by_row[it->second]);
  }
  return out;
}

Result<int64_t> PostgresStore::CountReports() {
  ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT COUNT(*) FROM reports"));
  return rows.size() > 0 ? rows.Int(0, 0) : int64_t{0};
}

Result<std::vector<StatsRow>> PostgresStore::Stats(const StatsQuery& query) {
  bool weekly = query.by == StatsBucket::kWeek;
  std::string sql = StatsSql(weekly, "to_char(to_timestamp(reported_at_s) AT TIME ZONE 'UTC', 'YYYY-MM')");
  pg::Params p;
  if (query.fraud_type) p.Add(model::kFraudTypeNames.Name(*query.fraud_type)); else p.AddNull();
  if (query.since) p.Add(static_cast<int64_t>(*query.since)); else p.AddNull();
  ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query(sql, p));
  std::vector<StatsRow> out;
  for (int i = 0; i < rows.size(); ++i) {
    ZICHT_RETURN_IF_ERROR(DecodeStatsRow(pg::RowRef(rows, i), weekly, &out.emplace_back()));
  }
  SortStatsRows(&out);
  return out;
}

Result<int64_t> PostgresStore::EraseReport(const model::ReportKey& key) {
  int64_t row_id = 0;
  Status s = db_->Transaction([&]() -> Status {
    ZICHT_RETURN_IF_ERROR(db_->Exec(LockWriters()));
    pg::Params p;
    p.Add(key.source).Add(key.id);
    ZICHT_ASSIGN_OR_RETURN(auto row, db_->Query("DELETE FROM reports WHERE source = $1 AND id = $2 RETURNING row_id", p));
    // The message names the source only: report ids may carry case numbers.
    if (row.size() == 0) return Status::NotFound("no report with this id from source '" + key.source + "'");
    row_id = row.Int(0, 0);
    ZICHT_ASSIGN_OR_RETURN(auto named, AlertNamedIdentifiers(ArrayLiteral({row_id})));
    pg::Params q;
    q.Add(row_id);
    ZICHT_RETURN_IF_ERROR(db_->Query("DELETE FROM identifiers WHERE report_row = $1", q).status());
    ZICHT_RETURN_IF_ERROR(EraseAlertRows(named));
    return LogChanges({row_id}, true);
  });
  if (!s.ok()) return s;
  return row_id;
}

Result<ErasedReports> PostgresStore::EraseExpired(const RetentionCutoffs& cutoffs, bool dry_run) {
  // As SqliteStore::EraseExpired: one pass over three columns, the rule
  // decided in C++ (CutoffFor), then one DELETE per table for the chosen
  // row ids, all in one transaction.
  ErasedReports out;
  Status s = db_->Transaction([&]() -> Status {
    ZICHT_RETURN_IF_ERROR(db_->Exec(LockWriters()));
    ChunkCursor scan(*db_, "zicht_retention");
    ZICHT_RETURN_IF_ERROR(scan.Declare("SELECT row_id, source, reported_at_s FROM reports"));
    ZICHT_RETURN_IF_ERROR(CollectExpired(scan, cutoffs, &out));
    ZICHT_RETURN_IF_ERROR(db_->Exec("CLOSE zicht_retention"));
    if (dry_run || out.row_ids.empty()) return Status::Ok();
    const std::string row_ids = ArrayLiteral(out.row_ids);  // one literal for every statement below
    pg::Params p;
    p.Add(row_ids);
    ZICHT_ASSIGN_OR_RETURN(auto named, AlertNamedIdentifiers(row_ids));
    ZICHT_RETURN_IF_ERROR(db_->Query("DELETE FROM identifiers WHERE report_row = ANY($1::bigint[])", p).status());
    ZICHT_RETURN_IF_ERROR(db_->Query("DELETE FROM reports WHERE row_id = ANY($1::bigint[])", p).status());
    ZICHT_RETURN_IF_ERROR(EraseAlertRows(named));
    return LogChanges(out.row_ids, true);
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<IdentifierKey>> PostgresStore::AlertNamedIdentifiers(const std::string& row_ids) {
  // The alert tables are always there (schema version 2); usually empty.
  pg::Params p;
  p.Add(row_ids);
  ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT DISTINCT i.kind, i.canonical FROM identifiers i "
                                               "JOIN (" + std::string(kAlertNamedSql) + ") n "
                                               "ON n.kind = i.kind AND n.normalized = i.canonical "
                                               "WHERE i.report_row = ANY($1::bigint[])", p));
  std::vector<IdentifierKey> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back({std::string(rows.Text(i, 0)), std::string(rows.Text(i, 1))});
  return out;
}

Status PostgresStore::EraseAlertRows(const std::vector<IdentifierKey>& named) {
  bool erased = false;
  for (const IdentifierKey& key : named) {
    pg::Params p;
    p.Add(key.kind).Add(key.canonical);
    ZICHT_ASSIGN_OR_RETURN(auto still, db_->Query("SELECT 1 FROM identifiers WHERE kind = $1 AND canonical = $2 LIMIT 1",
                                                  p));
    if (still.size() > 0) continue;
    for (std::string sql : kEraseAlertRowsSql) {
      for (size_t at; (at = sql.find('?')) != std::string::npos;) sql[at] = '$';
      ZICHT_RETURN_IF_ERROR(db_->Query(sql, p).status());
    }
    ZICHT_RETURN_IF_ERROR(db_->Query("DELETE FROM warning_list_entry WHERE list = 'zicht-disputes' AND kind = $1 AND "
                                     "value = $2", p).status());
    erased = true;
  }
  if (!erased) return Status::Ok();
  return db_->Exec("UPDATE alert_marks SET generation = generation + 1 WHERE one = 1");
}

Result<bool> PostgresStore::Checkpoint() {
  ZICHT_RETURN_IF_ERROR(db_->Exec("VACUUM reports, identifiers"));
  return true;
}

Status PostgresStore::LogChanges(std::vector<int64_t> row_ids, bool erased) {
  if (row_ids.empty()) return Status::Ok();
  const int64_t now = SystemClock().Now();
  if (now - last_prune_ >= prune_every_seconds_) {
    // As SqliteStore::LogChanges: everything before the first entry young
    // enough to keep, and the mark raised to the last seq pruned.
    pg::Params p;
    p.Add(now - horizon_seconds_);
    ZICHT_RETURN_IF_ERROR(db_->Query(
        "WITH through AS (SELECT COALESCE((SELECT seq - 1 FROM changes WHERE at > $1 ORDER BY seq LIMIT 1), "
        "(SELECT MAX(seq) FROM changes)) AS seq), "
        "pruned AS (DELETE FROM changes WHERE seq <= (SELECT seq FROM through) RETURNING seq) "
        "UPDATE change_log SET pruned_through = GREATEST(pruned_through, (SELECT MAX(seq) FROM pruned)) "
        "WHERE id = 1 AND EXISTS (SELECT 1 FROM pruned)", p).status());
    last_prune_ = now;
  }
  std::sort(row_ids.begin(), row_ids.end());
  std::vector<int64_t> firsts, lasts;
  for (size_t i = 0; i < row_ids.size();) {
    size_t j = i;
    while (j + 1 < row_ids.size() && row_ids[j + 1] <= row_ids[j] + 1) ++j;
    firsts.push_back(row_ids[i]);
    lasts.push_back(row_ids[j]);
    i = j + 1;
  }
  pg::Params p;
  p.Add(ArrayLiteral(firsts)).Add(ArrayLiteral(lasts)).Add(erased ? "t" : "f").Add(origin_).Add(now);
  ZICHT_RETURN_IF_ERROR(db_->Query("INSERT INTO changes (first_row, last_row, erased, origin, at) "
                                   "SELECT f, l, $3::boolean, $4, $5 FROM unnest($1::bigint[], $2::bigint[]) AS t(f, l) "
                                   "ORDER BY f", p).status());
  return db_->Exec("NOTIFY zicht_changes");
}

Result<ChangeBatch> PostgresStore::ChangesAfter(int64_t after, size_t limit) {
  // One statement, so the prune mark and the entries come from one
  // snapshot: a prune in between cannot hide a gap. One row with NULL
  // entry columns when there is nothing new.
  pg::Params p;
  p.Add(after).Add(static_cast<int64_t>(limit));
  ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query(
      "SELECT l.pruned_through, c.seq, c.first_row, c.last_row, c.erased, c.origin FROM change_log l "
      "LEFT JOIN LATERAL (SELECT * FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2) c ON true "
      "WHERE l.id = 1 ORDER BY c.seq", p));
  ChangeBatch out;
  out.gap = rows.size() > 0 && after < rows.Int(0, 0);
  for (int i = 0; i < rows.size(); ++i) {
    if (rows.IsNull(i, 1)) continue;
    Change& c = out.changes.emplace_back();
    c.seq = rows.Int(i, 1);
    c.first_row = rows.Int(i, 2);
    c.last_row = rows.Int(i, 3);
    c.erased = rows.Bool(i, 4);
    c.origin = rows.Text(i, 5);
  }
  return out;
}

Result<int64_t> PostgresStore::LastChange() {
  ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query(
      "SELECT GREATEST(COALESCE((SELECT MAX(seq) FROM changes), 0), pruned_through) FROM change_log WHERE id = 1"));
  return rows.size() > 0 ? rows.Int(0, 0) : int64_t{0};
}

}  // namespace zicht::store

#include "store/sqlite_store.h"

#include <map>

#include "store/content_hash.h"
#include "store/report_row.h"
#include "store/sqlite_schema.h"

namespace zicht::store {
namespace {

// SQLite's page cache for this connection, in KiB (negative = KiB in the
// pragma). 64 MiB keeps the (source, id) index of a few million reports hot
// during ingest without growing RSS past the 2 GB budget.
constexpr int kCacheKiB = 64 * 1024;

bool IntIsValid(const sqlite::Statement& s, int col) { return s.Int(col) != 0; }

Status DecodeIdentifier(const sqlite::Statement& s, int c, model::Identifier* id) {
  return store::DecodeIdentifier(s, c, IntIsValid, id);
}

// Binds the report fields shared by INSERT and UPDATE at ?1..?12, hash at ?13.
void BindReport(sqlite::Statement& s, const model::Report& r, uint64_t hash) {
  s.BindNoCopy(1, std::string_view(r.key.source));
  s.BindNoCopy(2, std::string_view(r.key.id));
  s.BindNoCopy(3, std::string_view(r.reported_at));
  s.Bind(4, static_cast<int64_t>(r.reported_at_seconds));
  if (r.occurred_at) s.BindNoCopy(5, std::string_view(*r.occurred_at)); else s.BindNull(5);
  s.BindNoCopy(6, model::kFraudTypeNames.Name(r.fraud_type));
  s.BindNoCopy(7, model::kOutcomeNames.Name(r.outcome));
  s.BindOptional(8, r.damage_cents);
  if (r.channel) s.BindNoCopy(9, model::kChannelNames.Name(*r.channel)); else s.BindNull(9);
  if (r.victim.age_band) s.BindNoCopy(10, model::kAgeBandNames.Name(*r.victim.age_band)); else s.BindNull(10);
  if (r.victim.region) s.BindNoCopy(11, model::kRegionNames.Name(*r.victim.region)); else s.BindNull(11);
  s.BindNoCopy(12, std::string_view(r.text));
  s.Bind(13, static_cast<int64_t>(hash));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(path, durability));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(path, false, durability));
  ZICHT_RETURN_IF_ERROR(db->Exec("PRAGMA cache_size = -" + std::to_string(kCacheKiB) + "; PRAGMA temp_store = MEMORY;"));
  ZICHT_RETURN_IF_ERROR(EnsureSchema(*db));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db)));
  ZICHT_RETURN_IF_ERROR(store->Prepare());
  return store;
}

Status SqliteStore::Prepare() {
  auto prep = [&](std::optional<sqlite::Statement>& slot, const std::string& sql) -> Status {
    ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(sql));
    slot.emplace(std::move(stmt));
    return Status::Ok();
  };
  ZICHT_RETURN_IF_ERROR(prep(insert_report_,
      "INSERT INTO reports (source, id, reported_at, reported_at_s, occurred_at, fraud_type, outcome, "
      "damage_cents, channel, age_band, region, text, content_hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (source, id) DO NOTHING"));
  ZICHT_RETURN_IF_ERROR(prep(select_key_, "SELECT row_id, content_hash FROM reports WHERE source = ?1 AND id = ?2"));
  ZICHT_RETURN_IF_ERROR(prep(update_report_,
      "UPDATE reports SET source = ?1, id = ?2, reported_at = ?3, reported_at_s = ?4, occurred_at = ?5, "
      "fraud_type = ?6, outcome = ?7, damage_cents = ?8, channel = ?9, age_band = ?10, region = ?11, "
      "text = ?12, content_hash = ?13 WHERE row_id = ?14"));
  ZICHT_RETURN_IF_ERROR(prep(delete_identifiers_, "DELETE FROM identifiers WHERE report_row = ?1"));
  ZICHT_RETURN_IF_ERROR(prep(insert_identifier_,
      "INSERT INTO identifiers (report_row, seq, kind, role, value, canonical, domain, valid, invalid_reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  ZICHT_RETURN_IF_ERROR(prep(select_report_by_row_,
      std::string("SELECT ") + kReportColumns + " FROM reports WHERE row_id = ?1"));
  ZICHT_RETURN_IF_ERROR(prep(select_identifiers_by_row_,
      std::string("SELECT ") + kIdentifierColumns + " FROM identifiers WHERE report_row = ?1 ORDER BY seq"));
  ZICHT_RETURN_IF_ERROR(prep(delete_report_, "DELETE FROM reports WHERE row_id = ?1"));
  ZICHT_RETURN_IF_ERROR(prep(insert_change_,
      "INSERT INTO changes (first_row, last_row, erased, origin, at) VALUES (?1, ?2, ?3, ?4, ?5)"));
  return Status::Ok();
}

Status SqliteStore::InsertIdentifiers(int64_t row_id, const model::Report& report) {
  sqlite::Statement& s = *insert_identifier_;
  for (size_t i = 0; i < report.identifiers.size(); ++i) {
    const model::Identifier& id = report.identifiers[i];
    s.Bind(1, row_id).Bind(2, static_cast<int64_t>(i));
    s.BindNoCopy(3, model::kIdentifierKindNames.Name(id.kind)).BindNoCopy(4, model::kRoleNames.Name(id.role));
    s.BindNoCopy(5, std::string_view(id.value)).BindNoCopy(6, std::string_view(id.canonical));
    s.BindNoCopy(7, std::string_view(id.domain)).Bind(8, static_cast<int64_t>(id.valid ? 1 : 0));
    s.BindNoCopy(9, std::string_view(id.invalid_reason));
    ZICHT_RETURN_IF_ERROR(s.Run());
  }
  return Status::Ok();
}

Status SqliteStore::UpsertOne(const model::Report& report, UpsertOutcome* outcome, int64_t* row_id,
                              const std::function<Status(int64_t)>& corrected) {
  uint64_t hash = ContentHash(report);
  sqlite::Statement& ins = *insert_report_;
  BindReport(ins, report, hash);
  ZICHT_RETURN_IF_ERROR(ins.Run());
  if (db_->Changes() == 1) {
    *row_id = db_->LastInsertRowId();
    *outcome = UpsertOutcome::kInserted;
    return InsertIdentifiers(*row_id, report);
  }
  // The key exists: same content is a duplicate, other content an update.
  sqlite::Statement& sel = *select_key_;
  sel.Bind(1, std::string_view(report.key.source)).Bind(2, std::string_view(report.key.id));
  ZICHT_ASSIGN_OR_RETURN(bool found, sel.Step());
  if (!found) {
    sel.Reset();
    return Status::Internal("report (" + report.key.source + ", id) neither inserted nor found");
  }
  *row_id = sel.Int(0);
  uint64_t stored_hash = static_cast<uint64_t>(sel.Int(1));
  sel.Reset();
  if (stored_hash == hash) {
    *outcome = UpsertOutcome::kDuplicate;
    return Status::Ok();
  }
  sqlite::Statement& upd = *update_report_;
  BindReport(upd, report, hash);
  upd.Bind(14, *row_id);
  ZICHT_RETURN_IF_ERROR(upd.Run());
  ZICHT_RETURN_IF_ERROR(corrected(*row_id));
  ZICHT_RETURN_IF_ERROR(delete_identifiers_->Bind(1, *row_id).Run());
  *outcome = UpsertOutcome::kUpdated;
  return InsertIdentifiers(*row_id, report);
}

Result<std::vector<UpsertOutcome>> SqliteStore::UpsertBatch(const std::vector<model::Report>& reports) {
  return UpsertBatch(reports, nullptr);
}

Result<std::vector<UpsertOutcome>> SqliteStore::UpsertBatch(const std::vector<model::Report>& reports,
                                                            std::vector<StoredReport>* changed) {
  std::vector<UpsertOutcome> outcomes(reports.size(), UpsertOutcome::kDuplicate);
  std::vector<int64_t> row_ids(reports.size(), 0);
  Status s = db_->Transaction([&]() -> Status {
    std::vector<int64_t> written;
    // A correction that leaves an identifier out is an erasure of it
    // (alert_erasure.h): what the alert tables name of an updated report's
    // old identifiers is collected before they are deleted, and the rows of
    // those no report names any more go after the batch. The alert tables
    // are read once, at the batch's first update: updates are rare.
    std::optional<std::set<IdentifierKey>> named;
    std::set<IdentifierKey> corrected;
    auto before_update = [&](int64_t row_id) -> Status {
      if (!named) {
        ZICHT_ASSIGN_OR_RETURN(named, AlertNamedSet());
      }
      if (named->empty()) return Status::Ok();
      return CollectAlertNamed(*named, {row_id}, &corrected);
    };
    for (size_t i = 0; i < reports.size(); ++i) {
      ZICHT_RETURN_IF_ERROR(UpsertOne(reports[i], &outcomes[i], &row_ids[i], before_update));
      if (outcomes[i] != UpsertOutcome::kDuplicate) written.push_back(row_ids[i]);
    }
    ZICHT_RETURN_IF_ERROR(EraseAlertRows(std::vector<IdentifierKey>(corrected.begin(), corrected.end())));
    return LogChanges(std::move(written), false);
  });
  if (!s.ok()) return s;
  // Filled only after COMMIT, so a failed batch hands back nothing.
  if (changed) {
    for (size_t i = 0; i < reports.size(); ++i) {
      if (outcomes[i] == UpsertOutcome::kDuplicate) continue;
      changed->push_back(StoredReport{row_ids[i], reports[i]});
    }
  }
  return outcomes;
}

Status SqliteStore::ScanReports(const std::function<Status(const StoredReport&)>& fn) {
  // Both orders are the tables' primary keys: no sort.
  ZICHT_ASSIGN_OR_RETURN(auto reports, db_->Prepare(std::string("SELECT ") + kReportColumns +
                                                     " FROM reports ORDER BY row_id"));
  ZICHT_ASSIGN_OR_RETURN(auto ids, db_->Prepare(std::string("SELECT report_row, ") + kIdentifierColumns +
                                                 " FROM identifiers ORDER BY report_row, seq"));
  return MergeScan(reports, ids, ScanColumns::kFull, IntIsValid, fn);
}

Status SqliteStore::ScanIndexFields(const std::function<Status(const StoredReport&)>& fn) {
  // Leaving out `text` (most of a row's bytes, often in overflow pages) and
  // the identifiers' raw value and reason saves reading and copying them
  // for every report.
  ZICHT_ASSIGN_OR_RETURN(auto reports, db_->Prepare(std::string("SELECT ") + kIndexReportColumns +
                                                     " FROM reports ORDER BY row_id"));
  ZICHT_ASSIGN_OR_RETURN(auto ids, db_->Prepare(std::string("SELECT report_row, ") + kIndexIdentifierColumns +
                                                 " FROM identifiers ORDER BY report_row, seq"));
  return MergeScan(reports, ids, ScanColumns::kIndex, IntIsValid, fn);
}

Result<StoredReport> SqliteStore::ReadByRowId(int64_t row_id) {
  sqlite::Statement& s = *select_report_by_row_;
  s.Bind(1, row_id);
  auto row = s.Step();
  if (!row.ok()) {
    s.Reset();
    return row.status();
  }
  if (!*row) {
    s.Reset();
    return Status::NotFound("no report with row id " + std::to_string(row_id));
  }
  StoredReport out;
  Status st = DecodeReport(s, &out);
  s.Reset();
  ZICHT_RETURN_IF_ERROR(st);
  sqlite::Statement& ids = *select_identifiers_by_row_;
  ids.Bind(1, row_id);
  for (;;) {
    auto r = ids.Step();
    if (!r.ok() || !*r) {
      ids.Reset();
      if (!r.ok()) return r.status();
      break;
    }
    Status d = DecodeIdentifier(ids, 0, &out.report.identifiers.emplace_back());
    if (!d.ok()) {
      ids.Reset();
      return d;
    }
  }
  return out;
}

Result<StoredReport> SqliteStore::GetReport(const model::ReportKey& key) {
  sqlite::Statement& sel = *select_key_;
  sel.Bind(1, std::string_view(key.source)).Bind(2, std::string_view(key.id));
  auto row = sel.Step();
  int64_t row_id = (row.ok() && *row) ? sel.Int(0) : 0;
  sel.Reset();
  if (!row.ok()) return row.status();
  // The message names the source only: report ids may carry case numbers.
  if (!*row) return Status::NotFound("no report with this id from source '" + key.source + "'");
  return ReadByRowId(row_id);
}

Result<std::vector<StoredReport>> SqliteStore::GetReports(const std::vector<int64_t>& row_ids) {
  std::vector<StoredReport> out;
  out.reserve(row_ids.size());
  for (int64_t row_id : row_ids) {
    auto r = ReadByRowId(row_id);
    if (r.ok()) {
      out.push_back(std::move(r).value());
    } else if (!r.status().IsNotFound()) {
      return r.status();
    }
  }
  return out;
}

Result<int64_t> SqliteStore::CountReports() {
  ZICHT_ASSIGN_OR_RETURN(auto s, db_->Prepare("SELECT COUNT(*) FROM reports"));
  ZICHT_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : int64_t{0};
}

Result<std::vector<StatsRow>> SqliteStore::Stats(const StatsQuery& query) {
  bool weekly = query.by == StatsBucket::kWeek;
  std::string sql = StatsSql(weekly, "strftime('%Y-%m', reported_at_s, 'unixepoch')");
  ZICHT_ASSIGN_OR_RETURN(auto s, db_->Prepare(sql));
  if (query.fraud_type) s.Bind(1, model::kFraudTypeNames.Name(*query.fraud_type)); else s.BindNull(1);
  s.BindOptional(2, query.since);
  std::vector<StatsRow> rows;
  for (;;) {
    ZICHT_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ZICHT_RETURN_IF_ERROR(DecodeStatsRow(s, weekly, &rows.emplace_back()));
  }
  SortStatsRows(&rows);
  return rows;
}

Status SqliteStore::DeleteRow(int64_t row_id) {
  ZICHT_RETURN_IF_ERROR(delete_identifiers_->Bind(1, row_id).Run());
  return delete_report_->Bind(1, row_id).Run();
}

Result<int64_t> SqliteStore::EraseReport(const model::ReportKey& key) {
  int64_t row_id = 0;
  Status s = db_->Transaction([&]() -> Status {
    sqlite::Statement& sel = *select_key_;
    sel.Bind(1, std::string_view(key.source)).Bind(2, std::string_view(key.id));
    auto row = sel.Step();
    row_id = (row.ok() && *row) ? sel.Int(0) : 0;
    sel.Reset();
    if (!row.ok()) return row.status();
    // The message names the source only: report ids may carry case numbers.
    if (!*row) return Status::NotFound("no report with this id from source '" + key.source + "'");
    ZICHT_ASSIGN_OR_RETURN(auto named, AlertNamedIdentifiers({row_id}));
    ZICHT_RETURN_IF_ERROR(DeleteRow(row_id));
    ZICHT_RETURN_IF_ERROR(EraseAlertRows(named));
    return LogChanges({row_id}, true);
  });
  if (!s.ok()) return s;
  return row_id;
}

Result<ErasedReports> SqliteStore::EraseExpired(const RetentionCutoffs& cutoffs, bool dry_run) {
  // One pass over three columns of every report, deciding in C++, so the
  // rule (per-source cutoff, else the default) stays in one readable place.
  // Measured with `zicht retention apply` on 200,000 reports (shared 2-core
  // machine, load ≈ 10): a dry run 1.7 s, erasing 100,000 of them with
  // secure_delete 5.4 s, in one transaction; a daily job can afford both.
  ErasedReports out;
  Status s = db_->Transaction([&]() -> Status {
    ZICHT_ASSIGN_OR_RETURN(auto scan, db_->Prepare("SELECT row_id, source, reported_at_s FROM reports"));
    ZICHT_RETURN_IF_ERROR(CollectExpired(scan, cutoffs, &out));
    if (dry_run) return Status::Ok();
    ZICHT_ASSIGN_OR_RETURN(auto named, AlertNamedIdentifiers(out.row_ids));
    for (int64_t row_id : out.row_ids) ZICHT_RETURN_IF_ERROR(DeleteRow(row_id));
    ZICHT_RETURN_IF_ERROR(EraseAlertRows(named));
    return LogChanges(out.row_ids, true);
  });
  if (!s.ok()) return s;
  return out;
}

Status SqliteStore::LogChanges(std::vector<int64_t> row_ids, bool erased) {
  if (row_ids.empty()) return Status::Ok();
  const int64_t now = SystemClock().Now();
  if (now - last_prune_ >= prune_every_seconds_) {
    // Everything before the first entry young enough to keep; seq order is
    // (nearly) `at` order, so this reads only the entries it deletes.
    ZICHT_ASSIGN_OR_RETURN(auto keep, db_->Prepare("SELECT seq FROM changes WHERE at > ?1 ORDER BY seq LIMIT 1"));
    keep.Bind(1, now - horizon_seconds_);
    ZICHT_ASSIGN_OR_RETURN(bool found, keep.Step());
    ZICHT_ASSIGN_OR_RETURN(auto last, db_->Prepare("SELECT MAX(seq) FROM changes"));
    ZICHT_ASSIGN_OR_RETURN(bool any, last.Step());
    if (any && !last.IsNull(0)) {
      const int64_t through = found ? keep.Int(0) - 1 : last.Int(0);
      ZICHT_ASSIGN_OR_RETURN(auto del, db_->Prepare("DELETE FROM changes WHERE seq <= ?1"));
      ZICHT_RETURN_IF_ERROR(del.Bind(1, through).Run());
      if (db_->Changes() > 0) {
        ZICHT_ASSIGN_OR_RETURN(auto mark, db_->Prepare(
            "UPDATE change_log SET pruned_through = MAX(pruned_through, ?1) WHERE id = 1"));
        ZICHT_RETURN_IF_ERROR(mark.Bind(1, through).Run());
      }
    }
    last_prune_ = now;
  }
  std::sort(row_ids.begin(), row_ids.end());
  sqlite::Statement& ins = *insert_change_;
  size_t i = 0;
  while (i < row_ids.size()) {
    size_t j = i;
    while (j + 1 < row_ids.size() && row_ids[j + 1] <= row_ids[j] + 1) ++j;
    ins.Bind(1, row_ids[i]).Bind(2, row_ids[j]).Bind(3, static_cast<int64_t>(erased ? 1 : 0));
    ins.BindNoCopy(4, std::string_view(origin_)).Bind(5, now);
    ZICHT_RETURN_IF_ERROR(ins.Run());
    i = j + 1;
  }
  return Status::Ok();
}

Result<ChangeBatch> SqliteStore::ChangesAfter(int64_t after, size_t limit) {
  // One read transaction: the prune mark and the entries from one snapshot,
  // so a prune in between cannot hide a gap.
  ZICHT_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  Result<ChangeBatch> out = ReadChangesAfter(after, limit);
  (void)db_->Exec(out.ok() ? "COMMIT" : "ROLLBACK");
  return out;
}

Result<ChangeBatch> SqliteStore::ReadChangesAfter(int64_t after, size_t limit) {
  ChangeBatch out;
  ZICHT_ASSIGN_OR_RETURN(auto pruned, db_->Prepare("SELECT pruned_through FROM change_log WHERE id = 1"));
  ZICHT_ASSIGN_OR_RETURN(bool row, pruned.Step());
  out.gap = row && after < pruned.Int(0);
  ZICHT_ASSIGN_OR_RETURN(auto s, db_->Prepare("SELECT seq, first_row, last_row, erased, origin FROM changes "
                                              "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  s.Bind(1, after).Bind(2, static_cast<int64_t>(limit));
  for (;;) {
    ZICHT_ASSIGN_OR_RETURN(bool more, s.Step());
    if (!more) break;
    Change& c = out.changes.emplace_back();
    c.seq = s.Int(0);
    c.first_row = s.Int(1);
    c.last_row = s.Int(2);
    c.erased = s.Int(3) != 0;
    c.origin = s.Text(4);
  }
  return out;
}

Result<int64_t> SqliteStore::LastChange() {
  ZICHT_ASSIGN_OR_RETURN(auto s, db_->Prepare(
      "SELECT MAX(COALESCE((SELECT MAX(seq) FROM changes), 0), pruned_through) FROM change_log WHERE id = 1"));
  ZICHT_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : int64_t{0};
}

Result<bool> SqliteStore::Checkpoint() {
  // TRUNCATE: write every WAL frame back, then cut the WAL file to zero
  // bytes, so the frames that still held the erased rows are gone from disk
  // (as far as the file system overwrites in place; docs/privacy.md).
  ZICHT_ASSIGN_OR_RETURN(auto s, db_->Prepare("PRAGMA wal_checkpoint(TRUNCATE)"));
  ZICHT_ASSIGN_OR_RETURN(bool row, s.Step());
  return row && s.Int(0) == 0;  // column 0: 1 when a reader kept it from completing
}

}  // namespace zicht::store

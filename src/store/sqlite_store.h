#pragma once
// Store on an embedded SQLite file (docs/design.md, "Scale": the embedded
// default). Schema and the reasoning behind it: docs/schema.md.
//
// How the guarantees of store.h are met:
//  - Atomic batches: each UpsertBatch is one BEGIN IMMEDIATE … COMMIT in WAL
//    mode. A process killed mid-batch leaves the WAL with an uncommitted tail
//    that SQLite discards on the next open; every earlier batch survives
//    (synchronous=NORMAL is durable across process crashes).
//  - Idempotent upsert on (source, id): INSERT … ON CONFLICT DO NOTHING; when
//    the key exists, its stored content hash (store/content_hash.h) decides
//    between duplicate (no write at all) and updated (row rewritten in place,
//    identifiers replaced, row_id kept).
//  - Change log: LogChanges() inside the same BEGIN IMMEDIATE … COMMIT as
//    the write it records. SQLite has one writer at a time, so
//    AUTOINCREMENT order is commit order.
//  - Erasure (EraseReport, EraseExpired): DELETE of the report row and its
//    identifier rows in one transaction; every writable connection runs
//    with secure_delete on (sqlite_db.h), so the deleted bytes are zeroed in
//    the pages that held them, and Checkpoint() empties the WAL.
//
// Thread-safety: as Store — one thread at a time per instance.
#include <memory>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "store/alert_erasure.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace zicht::store {

class SqliteStore final : public Store {
 public:
  //! Opens (creating if needed) and migrates the database at `path`.
  //! On failure: kIOError naming the path, or kCorruption for a newer schema.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   Durability durability = Durability::kNormal);

  Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<model::Report>& reports) override;
  Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<model::Report>& reports,
                                                 std::vector<StoredReport>* changed) override;
  Status ScanReports(const std::function<Status(const StoredReport&)>& fn) override;
  Status ScanIndexFields(const std::function<Status(const StoredReport&)>& fn) override;
  Result<StoredReport> GetReport(const model::ReportKey& key) override;
  Result<std::vector<StoredReport>> GetReports(const std::vector<int64_t>& row_ids) override;
  Result<int64_t> CountReports() override;
  Result<std::vector<StatsRow>> Stats(const StatsQuery& query) override;
  Result<int64_t> EraseReport(const model::ReportKey& key) override;
  Result<ErasedReports> EraseExpired(const RetentionCutoffs& cutoffs, bool dry_run) override;
  Result<bool> Checkpoint() override;
  void SetChangeOrigin(std::string origin) override { origin_ = std::move(origin); }
  Result<ChangeBatch> ChangesAfter(int64_t after, size_t limit) override;
  Result<int64_t> LastChange() override;

  //! Change-log pruning for tests: entries older than `horizon_seconds`
  //! are pruned by every write (default kChangeLogHorizonSeconds, at most
  //! once a minute).
  void SetChangeLogPruning(int64_t horizon_seconds, int64_t every_seconds) {
    horizon_seconds_ = horizon_seconds;
    prune_every_seconds_ = every_seconds;
  }

  //! The underlying connection, for store/ code that adds its own tables.
  sqlite::Database& db() { return *db_; }

 private:
  explicit SqliteStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
  Status Prepare();
  //! `corrected`: called with the row id of a report about to be updated,
  //! before its old identifiers are deleted (alert_erasure.h).
  Status UpsertOne(const model::Report& report, UpsertOutcome* outcome, int64_t* row_id,
                   const std::function<Status(int64_t)>& corrected);
  Status InsertIdentifiers(int64_t row_id, const model::Report& report);
  Status ReadIdentifiers(int64_t row_id, model::Report* report);
  Result<StoredReport> ReadByRowId(int64_t row_id);
  //! Deletes one report row and its identifiers (inside a transaction).
  Status DeleteRow(int64_t row_id);
  //! Appends change-log entries for `row_ids` (one per run of consecutive
  //! ids) and prunes old ones when due; inside the writing transaction.
  Status LogChanges(std::vector<int64_t> row_ids, bool erased);
  Result<ChangeBatch> ReadChangesAfter(int64_t after, size_t limit);
  //! Of the identifiers of reports `row_ids`, those the alert tables name
  //! (alert_erasure.h); call before deleting the reports.
  Result<std::vector<IdentifierKey>> AlertNamedIdentifiers(const std::vector<int64_t>& row_ids);
  //! The identifiers the alert tables name (none when they do not exist).
  Result<std::set<IdentifierKey>> AlertNamedSet();
  //! Adds the identifiers of reports `row_ids` that are in `named` to `hit`.
  Status CollectAlertNamed(const std::set<IdentifierKey>& named, const std::vector<int64_t>& row_ids,
                           std::set<IdentifierKey>* hit);
  //! Deletes the alert-table rows of each of `named` that no stored report
  //! names any more (alert_erasure.h); call after deleting the reports.
  Status EraseAlertRows(const std::vector<IdentifierKey>& named);

  std::unique_ptr<sqlite::Database> db_;
  // Prepared once: the ingest path runs them millions of times.
  std::optional<sqlite::Statement> insert_report_;
  std::optional<sqlite::Statement> select_key_;
  std::optional<sqlite::Statement> update_report_;
  std::optional<sqlite::Statement> delete_identifiers_;
  std::optional<sqlite::Statement> insert_identifier_;
  std::optional<sqlite::Statement> select_report_by_row_;
  std::optional<sqlite::Statement> select_identifiers_by_row_;
  std::optional<sqlite::Statement> delete_report_;
  std::optional<sqlite::Statement> insert_change_;
  std::string origin_;
  int64_t horizon_seconds_ = kChangeLogHorizonSeconds;
  int64_t prune_every_seconds_ = 60;
  int64_t last_prune_ = 0;  // unix seconds of this instance's last prune
};

}  // namespace zicht::store

#pragma once
// Store on a PostgreSQL database (docs/design.md, "Scale"; issue 14: the
// shared store of several service nodes). Schema: docs/schema.md,
// "PostgreSQL"; created and migrated by store/pg_schema.h on Open.
//
// How the guarantees of store.h are met:
//  - Atomic batches: each UpsertBatch is one transaction of a few round
//    trips: one SELECT looks up the batch's keys (sent as arrays), the new
//    reports get a range of row ids from the identity sequence and go with
//    a binary COPY straight into `reports`, the written reports'
//    identifiers with COPY into `identifiers`; updated reports go through
//    a temporary staging table and one UPDATE. The rows are encoded on a
//    thread of UpsertBatch's own while the server looks the keys up. Nothing is written twice (no staging copy of
//    new rows). A client killed mid-batch leaves an open transaction that
//    PostgreSQL rolls back when the connection drops; every earlier batch
//    survives.
//  - Idempotent upsert on (source, id): the UNIQUE (source, id) index finds
//    a stored key; its content hash (store/content_hash.h) decides between
//    duplicate (no write) and updated (row rewritten, identifiers replaced,
//    row_id kept). The look-up and the COPY run under the writers' lock
//    (below), so no other batch can store a key in between.
//  - Writers of reports are serialised by a transaction-level advisory lock
//    (as SQLite's one writer): the look-up and the insert of one batch can
//    never race with another node's batch, and row ids are handed out in
//    commit order.
//  - Change log (store.h): LogChanges() inside the same transaction as the
//    write it records, under the writers' lock, so sequence numbers (an
//    identity column) are handed out in commit order. Each logging
//    transaction also sends NOTIFY zicht_changes (delivered at commit), so
//    a node may LISTEN instead of polling.
//  - Durability (durability.h): kNormal sets synchronous_commit = off —
//    like SQLite's NORMAL, a commit survives a crash of the zicht process
//    (the server has it), but a crash of the PostgreSQL machine may lose
//    the last commits (at most 3 × wal_writer_delay, 0.6 s by default),
//    never corrupt them; kFull waits for the WAL flush of every commit.
//  - Erasure: DELETE of the report row and its identifier rows in one
//    transaction; Checkpoint() vacuums the tables so that the dead tuples'
//    space is reused.
//  - Scans read through server-side cursors in chunks (kScanChunk rows), so
//    a start-up over millions of reports holds one chunk in memory.
//
// Thread-safety: as Store — one thread at a time per instance (one
// connection). Open one per thread; any number may run beside each other.
#include <memory>
#include <string>

#include "store/alert_erasure.h"
#include "store/pg_db.h"
#include "store/store.h"

namespace zicht::store {

class PostgresStore final : public Store {
 public:
  //! Connects to `url` (postgresql://…) and migrates its schema.
  //! On failure: kIOError naming host and database, or kCorruption for a
  //! newer schema.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& url,
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
  //! VACUUM of both report tables: PostgreSQL keeps a deleted row's bytes
  //! as a dead tuple until a vacuum frees its space (docs/privacy.md).
  //! Always true (a vacuum does not wait for readers; a row an open
  //! snapshot still sees is freed by a later one).
  Result<bool> Checkpoint() override;
  void SetChangeOrigin(std::string origin) override { origin_ = std::move(origin); }
  Result<ChangeBatch> ChangesAfter(int64_t after, size_t limit) override;
  Result<int64_t> LastChange() override;

  //! Change-log pruning for tests, as SqliteStore's.
  void SetChangeLogPruning(int64_t horizon_seconds, int64_t every_seconds) {
    horizon_seconds_ = horizon_seconds;
    prune_every_seconds_ = every_seconds;
  }

  //! The underlying connection, for store/ code that adds its own tables.
  pg::Connection& db() { return *db_; }

 private:
  explicit PostgresStore(std::unique_ptr<pg::Connection> db) : db_(std::move(db)) {}
  Status Scan(const char* report_columns, const char* identifier_columns, bool index_only,
              const std::function<Status(const StoredReport&)>& fn);
  //! Reads the reports whose row_id is in `row_ids` (a PostgreSQL array
  //! literal) with their identifiers, in row_id order.
  Result<std::vector<StoredReport>> ReadRows(const std::string& row_ids);

  //! Appends change-log entries for `row_ids` (one per run of consecutive
  //! ids), prunes old ones when due, and NOTIFYs `zicht_changes`; inside
  //! the writing transaction, under the writers' lock.
  Status LogChanges(std::vector<int64_t> row_ids, bool erased);
  //! As SqliteStore's (alert_erasure.h): `row_ids` a PostgreSQL array literal.
  Result<std::vector<IdentifierKey>> AlertNamedIdentifiers(const std::string& row_ids);
  Status EraseAlertRows(const std::vector<IdentifierKey>& named);

  std::unique_ptr<pg::Connection> db_;
  std::string origin_;
  int64_t horizon_seconds_ = kChangeLogHorizonSeconds;
  int64_t prune_every_seconds_ = 60;
  int64_t last_prune_ = 0;  // unix seconds of this instance's last prune
  // UpsertBatch's encoded rows (reports, identifiers), kept to reuse their
  // capacity: fresh multi-MB buffers per batch cost page faults and
  // regrowth copies.
  std::string copy_reports_, copy_identifiers_;
};

}  // namespace zicht::store

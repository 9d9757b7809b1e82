#pragma once
// The report store: where validated, normalised reports live (docs/design.md,
// "Ingest guarantees"). The only interface through which reports are written
// and read back; SQL stays behind it (only store/ talks SQL).
//
// Guarantees:
//  - UpsertBatch is atomic: a batch is committed whole or not at all, so a
//    kill -9 mid-ingest leaves every earlier batch and nothing of the current.
//  - Idempotent on (source, id): identical content → kDuplicate (no write);
//    other content → kUpdated (the report and its identifiers are replaced,
//    row_id kept).
//  - Only fields of model::Report are stored.
//
// Thread-safety: a Store instance is used by one thread at a time. Open a
// second Store on the same file or database for a concurrent reader (WAL
// mode allows it on SQLite; PostgreSQL serves any number of connections).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/durability.h"
#include "model/report.h"

namespace zicht::store {

enum class UpsertOutcome { kInserted, kUpdated, kDuplicate };

//! A report as stored, with its row id: stable for the life of the report
//! (kept across updates), usable as a dense key by the in-memory index.
struct StoredReport {
  int64_t row_id = 0;
  model::Report report;
};

//! Which reports a retention run removes (store/retention_policy.h makes
//! one from the config file and "now"): a report of source S expires when
//! its reported_at is before S's cutoff, a report of any other source when
//! it is before `other` (never, when unset).
struct RetentionCutoffs {
  std::vector<std::pair<std::string, UnixSeconds>> by_source;
  std::optional<UnixSeconds> other;
};

//! What an erasure or a retention run removed: the row ids (for the
//! in-memory index, never printed) and the count per source.
struct ErasedReports {
  std::vector<int64_t> row_ids;
  std::vector<std::pair<std::string, int64_t>> per_source;  // sorted by source
};

//! One entry of the change log (docs/deploy.md, "How nodes stay current"):
//! the reports with row ids first_row..last_row were written (inserted or
//! updated) or erased by one committed transaction. A reader applies it by
//! reading those rows as they are NOW (present → index them, absent → take
//! them out), so entries may be applied late, twice or out of order and
//! the index still ends where the store is.
struct Change {
  int64_t seq = 0;        // > 0; strictly increasing in commit order
  int64_t first_row = 0;  // row ids first_row..last_row, both included
  int64_t last_row = 0;
  bool erased = false;    // false: inserted or updated
  //! SetChangeOrigin() of the Store that wrote it ("" for the CLI): a node
  //! skips its own entries, which it applied when it wrote them.
  std::string origin;
};

//! ChangesAfter's answer. `gap`: entries after the asked sequence number
//! were pruned (the reader fell behind by more than kChangeLogHorizon and
//! cannot catch up from the log; it must rebuild from the reports).
struct ChangeBatch {
  std::vector<Change> changes;  // ascending seq
  bool gap = false;
};

//! How long change-log entries are kept. A running node reads the log every
//! ~50 ms and a starting node builds from the reports themselves (taking
//! the high-water mark first), so only a node that stopped reading for this
//! long while staying up could miss an entry; it then sees ChangeBatch::gap.
//! Writers prune older entries (at most once a minute) in their own write
//! transactions, so the log stays bounded without a job of its own.
inline constexpr int64_t kChangeLogHorizonSeconds = 24 * 3600;

//! `zicht stats` / GET /v1/stats: counts per period and fraud type.
enum class StatsBucket { kWeek, kMonth };
struct StatsQuery {
  StatsBucket by = StatsBucket::kMonth;
  std::optional<model::FraudType> fraud_type;  // only this type when set
  std::optional<UnixSeconds> since;            // reported_at >= since when set
};
struct StatsRow {
  std::string period;  // ISO week "2024-W09" or month "2024-03", of reported_at (UTC)
  model::FraudType fraud_type = model::FraudType::kOverig;
  int64_t reports = 0;
  int64_t attempts = 0;
  int64_t losses = 0;
  int64_t damage_cents = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  //! Writes `reports` in one transaction. outcome[i] belongs to reports[i].
  //! REQUIRES: every report validated and normalised; no two with one key.
  //! On failure nothing of the batch is written.
  virtual Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<model::Report>& reports) = 0;

  //! Like UpsertBatch, and also hands back the stored form (with row_id) of
  //! every inserted or updated report, for keeping the index current.
  virtual Result<std::vector<UpsertOutcome>> UpsertBatch(const std::vector<model::Report>& reports,
                                                         std::vector<StoredReport>* changed) = 0;

  //! Calls `fn` for every report in row_id order; stops at fn's first error
  //! and returns it.
  virtual Status ScanReports(const std::function<Status(const StoredReport&)>& fn) = 0;

  //! Like ScanReports, but fills only what the in-memory index reads, for a
  //! faster start-up: row_id, key, reported_at_seconds, fraud_type, outcome,
  //! damage_cents and, per identifier, kind, role, canonical, domain and
  //! valid. Left empty: text (the bulk of a stored report), reported_at,
  //! occurred_at, channel, victim, and identifier value and invalid_reason.
  //! The default reads full reports (for stores without a cheaper path).
  virtual Status ScanIndexFields(const std::function<Status(const StoredReport&)>& fn) { return ScanReports(fn); }

  //! The report with `key`; kNotFound when there is none.
  virtual Result<StoredReport> GetReport(const model::ReportKey& key) = 0;

  //! The reports with these row ids, in the order given; missing ids skipped.
  virtual Result<std::vector<StoredReport>> GetReports(const std::vector<int64_t>& row_ids) = 0;

  //! Number of reports stored.
  virtual Result<int64_t> CountReports() = 0;

  //! Rows ordered by period, then fraud type; periods without reports omitted.
  virtual Result<std::vector<StatsRow>> Stats(const StatsQuery& query) = 0;

  //! Erases the report with `key` and its identifiers in one transaction
  //! (AVG art. 17): all of it or, on failure, nothing. Returns its row id.
  //! kNotFound (nothing changed) when there is no such report. The freed
  //! bytes are overwritten in the database file (secure_delete) but may
  //! remain in the WAL until Checkpoint().
  virtual Result<int64_t> EraseReport(const model::ReportKey& key) {
    (void)key;
    return Status::Internal("this store cannot erase reports");
  }

  //! Erases every report that `cutoffs` says has expired, in one
  //! transaction (all or nothing); with `dry_run` only counts them.
  virtual Result<ErasedReports> EraseExpired(const RetentionCutoffs& cutoffs, bool dry_run) {
    (void)cutoffs;
    (void)dry_run;
    return Status::Internal("this store cannot erase reports");
  }

  //! Copies the WAL into the database file and truncates the WAL to zero
  //! bytes, so that erased content no longer sits in old WAL frames.
  //! Returns false when a reader kept it from finishing (the WAL is then
  //! truncated by a later checkpoint, at the latest when the last
  //! connection closes).
  virtual Result<bool> Checkpoint() { return true; }

  // ---- Change log (docs/deploy.md): every UpsertBatch that inserted or
  // updated a report, every EraseReport and EraseExpired appends entries
  // to it in the SAME transaction, so a committed write always has its
  // entry and a rolled-back one never does. Sequence numbers are assigned
  // in commit order: a reader that has applied everything up to N and asks
  // for what is after N misses nothing committed later.

  //! Tags the change-log entries this instance writes from now on (a
  //! serving node's id; default "").
  virtual void SetChangeOrigin(std::string origin) { (void)origin; }

  //! Up to `limit` entries with seq > `after`, ascending. Cheap when there
  //! are none (one index probe), so a node can poll it every few ms.
  virtual Result<ChangeBatch> ChangesAfter(int64_t after, size_t limit) {
    (void)after;
    (void)limit;
    return Status::Internal("this store has no change log");
  }

  //! The highest sequence number ever assigned (0 when none), pruned
  //! entries included: a node takes it before building its index and then
  //! follows ChangesAfter(it).
  virtual Result<int64_t> LastChange() { return Status::Internal("this store has no change log"); }
};

//! Opens the store at `location`, the one setting that says where data
//! lives (`--db` / `--store`, ZICHT_DB / ZICHT_STORE): a `postgresql://…`
//! or `postgres://…` URL is a PostgreSQL database (store/postgres_store.h,
//! one shared by several service nodes), anything else the path of a
//! SQLite file (the embedded default). Creates or migrates the schema.
//! On failure: kIOError naming the path or database (never a password),
//! kCorruption for a schema newer than this build.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, Durability durability = Durability::kNormal);

//! True when `location` names a PostgreSQL database rather than a file.
bool IsPostgresLocation(const std::string& location);

//! `location` fit for a log line or a message: a PostgreSQL URL's password
//! (in its user part or a `password=` parameter) replaced by "***"; a path
//! unchanged.
std::string RedactedLocation(const std::string& location);

//! The schema version `location` has after opening it (migrating if
//! needed): `zicht migrate`. SQLite: PRAGMA user_version; PostgreSQL: the
//! zicht_schema table. Also creates the tables of the audit log,
//! warning-lists and barrier state, so that nothing is created later.
struct SchemaVersion {
  std::string backend;  // "sqlite" or "postgresql"
  int version = 0;
};
Result<SchemaVersion> MigrateStore(const std::string& location);

//! Opens (creating if needed) the SQLite store at `path`, its commits as
//! durable as `durability` says (durability.h).
//! On failure: kIOError naming the path.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, Durability durability = Durability::kNormal);

}  // namespace zicht::store

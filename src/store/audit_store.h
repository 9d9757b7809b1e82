#pragma once
// The audit log's storage (docs/design.md, "HTTP API": every check and every read
// of report contents is written to an append-only audit log). See
// docs/privacy.md.
//
// Layout: one SQLite row per appended batch, table `audit_segment`, its
// entries encoded compactly in one BLOB (audit_segment.h). Entry i of a
// segment has seq = first_seq + i; each segment starts after the previous
// one, so seq increases across batches and reopens. One row per entry cost
// 1–16 µs per check; a segment costs well under 0.2 µs per entry. There is
// no secondary index: Query decodes segments (newest first) and filters.
// Databases from before segments keep their per-entry table `audit_log`:
// it is read (its rows come first) and never written; new seqs continue
// after its largest seq.
//
// Append-only is enforced by the database itself: triggers abort every
// UPDATE and DELETE on the table, so neither a bug in Zicht nor an ad-hoc
// `sqlite3` session can rewrite history without first dropping the triggers
// (which is visible in the schema). Entries hold the identifier's keyed
// pseudonym, never its raw value.
//
// On PostgreSQL (`postgresql://…`, pg_audit_store.cc) the table is the same
// and created by the schema migration (pg_schema.h); there the service's
// role also has UPDATE, DELETE and TRUNCATE revoked, and appends of several
// nodes take turns on an advisory lock, so seqs never repeat.
//
// Thread-safety: one AuditStore per thread (it owns one connection).
// The server's single audit writer thread owns one; `zicht audit` opens its
// own. One process appends at a time (the server's writer); should a second
// one append, the next seq is read inside each append's write transaction,
// so seqs still never repeat.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/durability.h"

namespace zicht::store {

struct AuditEntry {
  int64_t seq = 0;         // assigned on append; increasing
  UnixSeconds at = 0;      // when the request was answered
  std::string partner;     // from the API key ("form" entries: the form's partner)
  std::string key_id;      // which key of the partner
  std::string endpoint;    // "POST /v1/check", "GET /v1/clusters/{id}", …
  std::string kind;        // identifier kind; empty for cluster reads
  std::string pseudonym;   // keyed pseudonym of the identifier; empty for cluster reads
  std::string subject;     // cluster id for cluster reads; empty for checks
  std::string purpose;     // X-Purpose header: one of the key's purposes (server/purpose.h)
  std::string result;      // risk for checks ("high"), "ok"/"not_found" for reads
  std::string legal_basis;  // the legal basis registered with the key (≤ 200 chars)
};

struct AuditQuery {
  std::optional<std::string> partner;
  std::optional<UnixSeconds> since;  // at >= since
  std::optional<std::string> pseudonym;
  size_t limit = 0;  // 0 = all; else the most recent `limit`, still in seq order
};

class AuditStore {
 public:
  //! Opens (creating the table and its triggers if needed) the audit table
  //! in the store at `location`: a SQLite path or a postgresql:// URL
  //! (store.h, OpenStore). On failure: kIOError naming the path or database.
  static Result<std::unique_ptr<AuditStore>> Open(const std::string& location,
                                                  Durability durability = Durability::kNormal);
  virtual ~AuditStore() = default;

  //! Appends `entries` as one segment in one transaction (one sync for the
  //! batch), numbering them after every stored entry (their `seq` is ignored).
  //! On failure nothing is written — unless the failure is a lost answer:
  //! the connection to PostgreSQL broke after COMMIT but before the node
  //! heard of it. So a caller that retries a failed batch passes the same
  //! `batch_id` (NewAuditBatchId(), made once per batch) again: on
  //! PostgreSQL a segment with that id already stored makes the append a
  //! no-op that succeeds (column batch_id, UNIQUE, schema version 3). On
  //! SQLite the id is not stored: the commit is in-process, so its outcome
  //! is never lost between the database and the caller.
  Status Append(const std::vector<AuditEntry>& entries, const std::string& batch_id);
  //! The same for a batch that is not retried: a fresh id.
  Status Append(const std::vector<AuditEntry>& entries) { return Append(entries, NewAuditBatchId()); }

  //! Test-only fault: the next Append commits as usual and then answers
  //! kIOError, as when the connection breaks between COMMIT and its answer.
  void LoseNextAnswer() { lose_next_answer_ = true; }

  //! A new batch id: 128 random bits as 32 hex digits.
  static std::string NewAuditBatchId();

  //! Entries matching `query`, in seq order. A segment whose data does not
  //! decode gives kCorruption naming its first_seq.
  virtual Result<std::vector<AuditEntry>> Query(const AuditQuery& query) = 0;

 protected:
  //! Append, per backend; `entries` is not empty.
  virtual Status AppendSegment(const std::vector<AuditEntry>& entries, const std::string& batch_id) = 0;

 private:
  bool lose_next_answer_ = false;
};

//! The PostgreSQL audit store (pg_audit_store.cc); AuditStore::Open calls it.
Result<std::unique_ptr<AuditStore>> OpenPgAuditStore(const std::string& url, Durability durability);

//! Adds the entries of one stored segment that match `query` to
//! `newest_first` (newest first, stopping at query.limit), checking that
//! the data holds `entries` entries. Shared by both backends' Query.
Status AddSegmentNewestFirst(std::string_view data, int64_t first_seq, int64_t entries, const AuditQuery& query,
                             std::vector<AuditEntry>* newest_first);

}  // namespace zicht::store

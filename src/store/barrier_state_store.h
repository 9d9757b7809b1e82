#pragma once
// The payment barriers' per-account state, durable (docs/schema.md,
// "barrier_account"; docs/privacy.md, "Barrier state").
//
// Layout: one row per (partner, account), the state an opaque BLOB encoded
// by barrier/ (barrier::EncodeAccountState: hashes and times, never a raw
// beneficiary IBAN or device). The partner is part of the key, so one
// partner's account "NL01…" and another's are two rows, and every read
// names its partner: bank A's engine can never read bank B's state.
//
// The server's writer thread (server/barrier_state_writer.h) owns one
// BarrierStateStore for Put; engines load evicted accounts through a second
// one (its own connection) with Get.
//
// Thread-safety: one BarrierStateStore per thread at a time (it owns one
// connection and its prepared statements).
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/durability.h"

namespace zicht::store {

struct BarrierStateRow {
  std::string_view partner;
  std::string_view account;
  std::string_view state;  // barrier::EncodeAccountState bytes
};

class BarrierStateStore {
 public:
  //! Opens (creating the table if needed) the store at `location`: a SQLite
  //! path or a postgresql:// URL (store.h, OpenStore). On failure: kIOError
  //! naming the path or database.
  static Result<std::unique_ptr<BarrierStateStore>> Open(const std::string& location,
                                                         Durability durability = Durability::kNormal);
  virtual ~BarrierStateStore() = default;

  //! Writes every row (replacing a stored state of the same partner and
  //! account) in one transaction: all rows or, on failure, none. Inside
  //! Locked() it joins that transaction.
  virtual Status Put(std::span<const BarrierStateRow> rows) = 0;

  //! Runs `fn` in one write transaction that holds the store's write lock
  //! from its first statement — SQLite: BEGIN IMMEDIATE, the lock every
  //! process on the file shares — so no other node reads-then-writes a
  //! state in between. Commits when `fn` returns Ok, else rolls back and
  //! returns fn's Status. Get and Put inside `fn` run in it. For
  //! evaluation across nodes (server/shared_barrier.h).
  //! PostgreSQL: a transaction-level advisory lock that every node's
  //! Locked() takes first.
  virtual Status Locked(const std::function<Status()>& fn) = 0;

  //! Reads the state of (partner, account) into *state and returns true;
  //! false when there is none. Errors: kIOError.
  virtual Result<bool> Get(std::string_view partner, std::string_view account, std::string* state) = 0;

  //! Rows stored for `partner` (tests, `zicht stats`-like reports).
  virtual Result<int64_t> Count(std::string_view partner) = 0;

  //! Idempotent evaluations (server/shared_barrier.h, `Idempotency-Key`):
  //! the answer stored for (partner, key) — the request's SHA-256 into
  //! *request_hash and the answer's body into *answer — and true; false
  //! when none is stored. Table `barrier_answer` (docs/schema.md). Inside
  //! Locked() it reads in that transaction.
  virtual Result<bool> GetAnswer(std::string_view partner, std::string_view key, std::string* request_hash,
                                 std::string* answer) = 0;
  //! Stores the answer to (partner, key) at `at` (seconds since 1970);
  //! inside Locked(), so it commits with the states the evaluation
  //! changed. Also forgets answers older than kAnswerSeconds before `at`
  //! (at most once a minute per store).
  virtual Status PutAnswer(std::string_view partner, std::string_view key, std::string_view request_hash,
                           std::string_view answer, int64_t at) = 0;
  //! How long a stored answer is replayed: a day, far beyond any client's
  //! or load balancer's retry.
  static constexpr int64_t kAnswerSeconds = 24 * 3600;
};

//! The PostgreSQL barrier state store (pg_barrier_state_store.cc).
Result<std::unique_ptr<BarrierStateStore>> OpenPgBarrierStateStore(const std::string& url, Durability durability);

}  // namespace zicht::store

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
// SQLite connection and its prepared statements).
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/durability.h"

namespace zicht::store {

namespace sqlite {
class Database;
class Statement;
}

struct BarrierStateRow {
  std::string_view partner;
  std::string_view account;
  std::string_view state;  // barrier::EncodeAccountState bytes
};

class BarrierStateStore {
 public:
  //! Opens (creating the table if needed) the database at `path`. On
  //! failure: kIOError naming the path.
  static Result<std::unique_ptr<BarrierStateStore>> Open(const std::string& path,
                                                         Durability durability = Durability::kNormal);
  ~BarrierStateStore();
  BarrierStateStore(const BarrierStateStore&) = delete;
  BarrierStateStore& operator=(const BarrierStateStore&) = delete;

  //! Writes every row (replacing a stored state of the same partner and
  //! account) in one transaction: all rows or, on failure, none. Inside
  //! Locked() it joins that transaction.
  Status Put(std::span<const BarrierStateRow> rows);

  //! Runs `fn` in one write transaction that holds the store's write lock
  //! from its first statement — SQLite: BEGIN IMMEDIATE, the lock every
  //! process on the file shares — so no other node reads-then-writes a
  //! state in between. Commits when `fn` returns Ok, else rolls back and
  //! returns fn's Status. Get and Put inside `fn` run in it. For
  //! evaluation across nodes (server/shared_barrier.h).
  Status Locked(const std::function<Status()>& fn);

  //! Reads the state of (partner, account) into *state and returns true;
  //! false when there is none. Errors: kIOError.
  Result<bool> Get(std::string_view partner, std::string_view account, std::string* state);

  //! Rows stored for `partner` (tests, `zicht stats`-like reports).
  Result<int64_t> Count(std::string_view partner);

 private:
  explicit BarrierStateStore(std::unique_ptr<sqlite::Database> db);
  std::unique_ptr<sqlite::Database> db_;
  std::unique_ptr<sqlite::Statement> get_;  // prepared once: Get runs on every reload
  bool in_transaction_ = false;              // inside Locked()
};

}  // namespace zicht::store

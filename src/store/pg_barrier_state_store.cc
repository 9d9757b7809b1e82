// The payment barriers' per-account state on PostgreSQL
// (barrier_state_store.h). Table from the schema migration (pg_schema.cc);
// the state is a bytea, sent and read as bytes.
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <vector>

#include "store/barrier_state_store.h"
#include "store/pg_db.h"
#include "store/pg_schema.h"

namespace zicht::store {
namespace {

// Taken by Locked() (pg_advisory_xact_lock).
constexpr int64_t kBarrierLock = 0x7a6963687404;

class PgBarrierStateStore final : public BarrierStateStore {
 public:
  explicit PgBarrierStateStore(std::unique_ptr<pg::Connection> db) : db_(std::move(db)) {}

  // One multi-row INSERT … ON CONFLICT DO UPDATE per call: the writer
  // thread hands over the states changed since its last commit together.
  Status Put(std::span<const BarrierStateRow> rows) override {
    if (rows.empty()) return Status::Ok();
    // ON CONFLICT DO UPDATE refuses a key twice in one statement, while
    // SQLite's INSERT OR REPLACE keeps the last: keep only each key's last row.
    std::unordered_map<std::string, size_t> last;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string key(rows[i].partner);
      key.push_back('\0');
      key.append(rows[i].account);
      last[std::move(key)] = i;
    }
    std::vector<size_t> keep;
    keep.reserve(last.size());
    for (const auto& [key, i] : last) keep.push_back(i);
    std::sort(keep.begin(), keep.end());
    // A row's parameters are $3i+1..$3i+3; at most kRowsPerStatement rows
    // per statement keep under PostgreSQL's 65,535 parameters.
    constexpr size_t kRowsPerStatement = 10000;
    auto write = [&]() -> Status {
      for (size_t from = 0; from < keep.size(); from += kRowsPerStatement) {
        size_t to = std::min(keep.size(), from + kRowsPerStatement);
        std::string sql = "INSERT INTO barrier_account (partner, account, state) VALUES ";
        pg::Params p;
        for (size_t i = from; i < to; ++i) {
          size_t n = 3 * (i - from);
          if (i > from) sql += ',';
          sql += "($" + std::to_string(n + 1) + ",$" + std::to_string(n + 2) + ",$" + std::to_string(n + 3) + ")";
          const BarrierStateRow& row = rows[keep[i]];
          p.Add(row.partner).Add(row.account).AddBytes(row.state);
        }
        sql += " ON CONFLICT (partner, account) DO UPDATE SET state = EXCLUDED.state";
        ZICHT_RETURN_IF_ERROR(db_->Query(sql, p).status());
      }
      return Status::Ok();
    };
    return in_transaction_ ? write() : db_->Transaction(write);
  }

  // Every node's Locked() takes the same transaction-level advisory lock
  // first, as SQLite's BEGIN IMMEDIATE takes the file's write lock: one
  // read-then-write of barrier state at a time across the nodes.
  Status Locked(const std::function<Status()>& fn) override {
    in_transaction_ = true;
    Status s = db_->Transaction([&]() -> Status {
      ZICHT_RETURN_IF_ERROR(db_->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kBarrierLock) + ")"));
      return fn();
    });
    in_transaction_ = false;
    return s;
  }

  Result<bool> Get(std::string_view partner, std::string_view account, std::string* state) override {
    pg::Params p;
    p.Add(partner).Add(account);
    ZICHT_ASSIGN_OR_RETURN(auto rows,
                           db_->Query("SELECT state FROM barrier_account WHERE partner = $1 AND account = $2", p));
    if (rows.size() == 0) return false;
    *state = rows.Bytes(0, 0);
    return true;
  }

  Result<bool> GetAnswer(std::string_view partner, std::string_view key, std::string* request_hash,
                         std::string* answer) override {
    pg::Params p;
    p.Add(partner).Add(key);
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT request_hash, answer FROM barrier_answer "
                                                 "WHERE partner = $1 AND idem_key = $2", p));
    if (rows.size() == 0) return false;
    *request_hash = rows.Bytes(0, 0);
    *answer = rows.Text(0, 1);
    return true;
  }

  Status PutAnswer(std::string_view partner, std::string_view key, std::string_view request_hash,
                   std::string_view answer, int64_t at) override {
    if (at - pruned_at_ >= 60) {
      pg::Params old;
      old.Add(at - kAnswerSeconds);
      ZICHT_RETURN_IF_ERROR(db_->Query("DELETE FROM barrier_answer WHERE at < $1", old).status());
      pruned_at_ = at;
    }
    pg::Params p;
    p.Add(partner).Add(key).AddBytes(request_hash).Add(answer).Add(at);
    return db_->Query("INSERT INTO barrier_answer (partner, idem_key, request_hash, answer, at) "
                      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (partner, idem_key) DO UPDATE "
                      "SET request_hash = EXCLUDED.request_hash, answer = EXCLUDED.answer, at = EXCLUDED.at", p)
        .status();
  }

  Result<int64_t> Count(std::string_view partner) override {
    pg::Params p;
    p.Add(partner);
    ZICHT_ASSIGN_OR_RETURN(auto rows, db_->Query("SELECT COUNT(*) FROM barrier_account WHERE partner = $1", p));
    return rows.size() > 0 ? rows.Int(0, 0) : int64_t{0};
  }

 private:
  std::unique_ptr<pg::Connection> db_;
  bool in_transaction_ = false;  // inside Locked()
  int64_t pruned_at_ = 0;        // when PutAnswer last forgot old answers
};

}  // namespace

Result<std::unique_ptr<BarrierStateStore>> OpenPgBarrierStateStore(const std::string& url, Durability durability) {
  ZICHT_ASSIGN_OR_RETURN(auto db, OpenPgDatabase(url, durability));
  return std::unique_ptr<BarrierStateStore>(new PgBarrierStateStore(std::move(db)));
}

}  // namespace zicht::store

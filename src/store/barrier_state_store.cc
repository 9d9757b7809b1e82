#include "store/barrier_state_store.h"

#include "store/pg_db.h"
#include "store/sqlite_db.h"

namespace zicht::store {
namespace {

// WITHOUT ROWID: the primary key is the only way the table is read, and a
// clustered key keeps a state beside its key (one B-tree, one page read per
// reload). A state is ~70 bytes plus 8 per remembered beneficiary.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS barrier_account (
  partner TEXT NOT NULL,
  account TEXT NOT NULL,
  state   BLOB NOT NULL,
  PRIMARY KEY (partner, account)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS barrier_answer (
  partner      TEXT    NOT NULL,
  idem_key     TEXT    NOT NULL,
  request_hash BLOB    NOT NULL,
  answer       TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (partner, idem_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS barrier_answer_at ON barrier_answer (at);
)sql";

class SqliteBarrierStateStore final : public BarrierStateStore {
 public:
  explicit SqliteBarrierStateStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
  Status Put(std::span<const BarrierStateRow> rows) override;
  Status Locked(const std::function<Status()>& fn) override;
  Result<bool> Get(std::string_view partner, std::string_view account, std::string* state) override;
  Result<int64_t> Count(std::string_view partner) override;
  Result<bool> GetAnswer(std::string_view partner, std::string_view key, std::string* request_hash,
                         std::string* answer) override;
  Status PutAnswer(std::string_view partner, std::string_view key, std::string_view request_hash,
                   std::string_view answer, int64_t at) override;

 private:
  std::unique_ptr<sqlite::Database> db_;
  int64_t pruned_at_ = 0;  // when PutAnswer last forgot old answers
  std::unique_ptr<sqlite::Statement> get_;  // prepared once: Get runs on every reload
  bool in_transaction_ = false;              // inside Locked()
};

}  // namespace

Result<std::unique_ptr<BarrierStateStore>> BarrierStateStore::Open(const std::string& location,
                                                                   Durability durability) {
  if (pg::IsPostgresUrl(location)) return OpenPgBarrierStateStore(location, durability);
  ZICHT_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(location, false, durability));
  ZICHT_RETURN_IF_ERROR(db->Exec(kSchema));
  return std::unique_ptr<BarrierStateStore>(new SqliteBarrierStateStore(std::move(db)));
}

Status SqliteBarrierStateStore::Put(std::span<const BarrierStateRow> rows) {
  if (rows.empty()) return Status::Ok();
  auto write = [&]() -> Status {
    ZICHT_ASSIGN_OR_RETURN(auto stmt,
                           db_->Prepare("INSERT OR REPLACE INTO barrier_account(partner, account, state) VALUES (?,?,?)"));
    for (const BarrierStateRow& row : rows) {
      stmt.BindNoCopy(1, row.partner).BindNoCopy(2, row.account).BindBlob(3, row.state.data(), row.state.size());
      ZICHT_RETURN_IF_ERROR(stmt.Run());
    }
    return Status::Ok();
  };
  return in_transaction_ ? write() : db_->Transaction(write);
}

Status SqliteBarrierStateStore::Locked(const std::function<Status()>& fn) {
  in_transaction_ = true;
  Status s = db_->Transaction(fn);
  in_transaction_ = false;
  return s;
}

Result<bool> SqliteBarrierStateStore::Get(std::string_view partner, std::string_view account, std::string* state) {
  if (!get_) {
    ZICHT_ASSIGN_OR_RETURN(auto stmt,
                           db_->Prepare("SELECT state FROM barrier_account WHERE partner = ? AND account = ?"));
    get_ = std::make_unique<sqlite::Statement>(std::move(stmt));
  }
  get_->Bind(1, partner).Bind(2, account);
  Result<bool> row = get_->Step();
  if (row.ok() && *row) state->assign(get_->Text(0));
  get_->Reset();
  return row;
}

Result<int64_t> SqliteBarrierStateStore::Count(std::string_view partner) {
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT COUNT(*) FROM barrier_account WHERE partner = ?"));
  stmt.Bind(1, partner);
  ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : int64_t{0};
}

Result<bool> SqliteBarrierStateStore::GetAnswer(std::string_view partner, std::string_view key,
                                                std::string* request_hash, std::string* answer) {
  ZICHT_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare("SELECT request_hash, answer FROM barrier_answer WHERE partner = ? AND idem_key = ?"));
  stmt.Bind(1, partner).Bind(2, key);
  ZICHT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return false;
  request_hash->assign(stmt.Text(0));
  answer->assign(stmt.Text(1));
  return true;
}

Status SqliteBarrierStateStore::PutAnswer(std::string_view partner, std::string_view key,
                                          std::string_view request_hash, std::string_view answer, int64_t at) {
  if (at - pruned_at_ >= 60) {
    ZICHT_ASSIGN_OR_RETURN(auto prune, db_->Prepare("DELETE FROM barrier_answer WHERE at < ?"));
    prune.Bind(1, at - kAnswerSeconds);
    ZICHT_RETURN_IF_ERROR(prune.Run());
    pruned_at_ = at;
  }
  ZICHT_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("INSERT OR REPLACE INTO barrier_answer"
                                                 "(partner, idem_key, request_hash, answer, at) VALUES (?,?,?,?,?)"));
  stmt.Bind(1, partner).Bind(2, key).BindBlob(3, request_hash.data(), request_hash.size()).Bind(4, answer).Bind(5, at);
  return stmt.Run();
}

}  // namespace zicht::store

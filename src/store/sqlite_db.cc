#include "store/sqlite_db.h"

#include <mutex>

namespace zicht::store::sqlite {
namespace {

Status Error(sqlite3* db, std::string_view what) {
  std::string m(what);
  m += ": ";
  m += db ? sqlite3_errmsg(db) : "out of memory";
  return Status::IOError(std::move(m));
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, bool read_only, Durability durability) {
  // SQLite's memory statistics take a global mutex on every allocation; Zicht
  // never reads them. Only possible before SQLite initialises, hence once,
  // here; a later call would fail harmlessly.
  static std::once_flag no_memstatus;
  std::call_once(no_memstatus, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // one connection per thread (see header)
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = Error(db, "cannot open database '" + path + "'");
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Database> out(new Database(db, path));
  sqlite3_busy_timeout(db, 5000);
  // WAL: readers never block the writer and a crash mid-batch rolls back
  // cleanly; synchronous=NORMAL is durable across process crashes (kill -9)
  // and only risks the last commits on power loss; FULL syncs every commit
  // (durability.h).
  //
  // secure_delete=ON on every writable connection: deleted and overwritten
  // rows (an erasure, a retention run, a corrected report) are zeroed in
  // the page that held them and freed pages are zeroed too, so an erased
  // IBAN or report text does not linger in the file's free space
  // (docs/privacy.md, "Erasure and correction"). Debian's SQLite has it on
  // by default (SQLITE_SECURE_DELETE); upstream's default is off, so it is
  // set here rather than trusted. Inserts, the bulk of the work, do not pay
  // for it; a delete or update writes the zeroed page it writes anyway,
  // plus each freed overflow page.
  std::string_view pragmas =
      read_only ? "PRAGMA foreign_keys=ON;"
      : durability == Durability::kFull
          ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
          : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
  ZICHT_RETURN_IF_ERROR(out->Exec(pragmas));
  return out;
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Exec(std::string_view sql) {
  std::string owned(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string m = "SQL failed on '" + path_ + "': ";
    m += err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status::IOError(std::move(m));
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return Status::Internal("cannot prepare SQL: " + std::string(sqlite3_errmsg(db_)) + " in: " +
                            std::string(sql.substr(0, 200)));
  }
  return Statement(stmt, db_);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNoCopy(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::BindBlob(int index, const void* data, size_t size) {
  sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(db_, "SQL step failed");
}

Status Statement::Run() {
  auto r = Step();
  Reset();
  if (!r.ok()) return r.status();
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string_view Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string_view();
}

}  // namespace zicht::store::sqlite

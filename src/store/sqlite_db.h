#pragma once
// A thin RAII wrapper over the SQLite C API: a connection and prepared
// statements, with every failure turned into a Status. Everything in store/
// that touches SQLite goes through here; nothing outside store/ includes it.
//
// Thread-safety: a Database (and its Statements) must be used by one thread
// at a time; open one connection per thread. SQLite itself is built
// thread-safe on Debian, and WAL mode lets readers run beside one writer.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/durability.h"

namespace zicht::store::sqlite {

class Statement;

class Database {
 public:
  //! Opens (creating if needed) the database at `path` (":memory:" allowed),
  //! sets WAL mode, synchronous NORMAL or FULL (durability.h), foreign keys
  //! on, a 5 s busy timeout. On failure: kIOError naming the path and
  //! SQLite's message.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool read_only = false,
                                                Durability durability = Durability::kNormal);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  //! Runs one or more SQL statements without results.
  Status Exec(std::string_view sql);

  //! Compiles `sql`. On failure: kInternal with SQLite's message (a bug: our SQL is fixed).
  Result<Statement> Prepare(std::string_view sql);

  //! Runs `fn` inside BEGIN IMMEDIATE … COMMIT; rolls back if `fn` fails.
  template <typename Fn>
  Status Transaction(Fn&& fn) {
    ZICHT_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = fn();
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    return Exec("COMMIT");
  }

  int64_t LastInsertRowId() const;
  int Changes() const;
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

//! A prepared statement. Bind indexes are 1-based, column indexes 0-based.
class Statement {
 public:
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  //! Binds without copying: `text` must stay valid and unchanged until the
  //! statement is reset or rebound (the hot ingest path, where the report
  //! outlives its INSERT).
  Statement& BindNoCopy(int index, std::string_view text);
  Statement& BindBlob(int index, const void* data, size_t size);
  Statement& BindNull(int index);
  template <typename T>
  Statement& BindOptional(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  //! Advances: true with a row, false when done; errors as kIOError.
  Result<bool> Step();
  //! Steps once expecting no row (INSERT/UPDATE/DELETE), then resets.
  Status Run();
  //! Resets for re-execution and clears bindings.
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string_view Text(int col) const;  // valid until the next Step/Reset

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

}  // namespace zicht::store::sqlite

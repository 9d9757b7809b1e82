#pragma once
// A thin RAII wrapper over libpq (PostgreSQL's C client): a connection,
// parameterised queries, COPY FROM STDIN, results, with every failure
// turned into a Status. Everything in store/ that talks to PostgreSQL goes
// through here; nothing outside store/ includes it (docs/dependencies.md
// says why libpq and not libpqxx).
//
// Errors carry PostgreSQL's primary message and SQLSTATE only, never its
// DETAIL (which quotes key values, e.g. a report id) nor the connection
// string (which may hold a password). Server NOTICEs are dropped instead of
// printed on stderr.
//
// A connection that broke (PostgreSQL restarted, network cut) is reset
// (PQreset) and its session settings (SetSession) applied again, so a
// long-running process recovers without a restart of its own. Which
// statement pays for the break: a connection idle while the server went
// away learns it only from the next statement. When that statement is safe
// to run again — no transaction was open, and it only reads (SELECT) or
// opens one (a BEGIN script without COMMIT, whose work the broken
// connection rolled back) — it is run again once on the reset connection,
// so the first request after a restart is answered. Any other statement
// fails (its transaction is lost or its outcome unknown) and the next call
// resets the connection first.
//
// Thread-safety: a Connection (and its results) is used by one thread at a
// time; open one connection per thread.
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

struct pg_conn;
struct pg_result;

namespace zicht::store::pg {

//! True when `location` names a PostgreSQL database (`postgresql://…` or
//! `postgres://…`) rather than a SQLite file.
bool IsPostgresUrl(std::string_view location);

//! Query parameters, in text format ($1, $2, …), owned by this object.
class Params {
 public:
  Params& Add(std::string_view text);
  Params& Add(int64_t value);
  Params& AddNull();
  template <typename T>
  Params& AddOptional(const std::optional<T>& value) {
    return value ? Add(*value) : AddNull();
  }
  //! Binary data (a bytea parameter): sent as bytes, not as text.
  Params& AddBytes(std::string_view bytes);

 private:
  friend class Connection;
  std::deque<std::string> storage_;  // deque: pointers into it stay valid
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

//! A query's result rows, in text format. Row and column indexes are 0-based.
class Rows {
 public:
  Rows() = default;
  explicit Rows(pg_result* res);
  Rows(Rows&& other) noexcept;
  Rows& operator=(Rows&& other) noexcept;
  ~Rows();

  int size() const;
  bool IsNull(int row, int col) const;
  std::string_view Text(int row, int col) const;  // valid while this Rows lives
  int64_t Int(int row, int col) const;            // 0 for NULL or non-numbers
  bool Bool(int row, int col) const;              // 't'
  //! A bytea column (text output `\x…` hex) decoded to its bytes.
  std::string Bytes(int row, int col) const;
  //! Rows changed by an INSERT/UPDATE/DELETE.
  int64_t Affected() const;

 private:
  pg_result* res_ = nullptr;
};

//! One row of a Rows, with the accessor names sqlite::Statement has, so
//! that store/report_row.h decodes both alike.
class RowRef {
 public:
  RowRef(const Rows& rows, int row) : rows_(rows), row_(row) {}
  bool IsNull(int col) const { return rows_.IsNull(row_, col); }
  std::string_view Text(int col) const { return rows_.Text(row_, col); }
  int64_t Int(int col) const { return rows_.Int(row_, col); }

 private:
  const Rows& rows_;
  int row_;
};

class Connection {
 public:
  //! Connects to `url` (a libpq connection URI). On failure: kIOError naming
  //! host and database (never the password) and libpq's reason.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  //! Runs one or more SQL statements without parameters or results.
  Status Exec(std::string_view sql);

  //! Runs `sql` (a SET, a LISTEN) now and again after every reset, so the
  //! session keeps it across reconnects.
  Status SetSession(std::string sql);

  //! Runs one statement with `params`; its rows (none for a write).
  Result<Rows> Query(std::string_view sql, const Params& params = Params());

  //! Runs `copy_sql` (COPY … FROM STDIN) and sends `data` in COPY's text
  //! format. On failure the COPY is aborted and nothing of `data` is stored.
  Status CopyIn(std::string_view copy_sql, std::string_view data);
  //! As above, `pieces` sent one after the other as one COPY's data (for
  //! sending parts of an encoded buffer without joining them first).
  Status CopyIn(std::string_view copy_sql, const std::vector<std::string_view>& pieces);

  //! Waits up to `timeout` for notifications on the channels this session
  //! LISTENs to (SetSession("LISTEN …")): true when one or more came (all
  //! are consumed), false on timeout. A broken connection: kIOError, and
  //! the next call resets it (and so listens again).
  Result<bool> WaitForNotification(std::chrono::milliseconds timeout);

  //! Runs `fn` inside BEGIN … COMMIT; rolls back if `fn` fails.
  template <typename Fn>
  Status Transaction(Fn&& fn) {
    ZICHT_RETURN_IF_ERROR(Exec("BEGIN"));
    Status s = fn();
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    return Exec("COMMIT");
  }

  //! "host/database", for messages.
  const std::string& name() const { return name_; }

 private:
  Connection(pg_conn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  //! Resets a broken connection before the next statement.
  void ReconnectIfBroken();
  //! Runs `run` (one libpq call returning a result) and, when it failed
  //! because the connection broke and `sql` is safe to repeat (see the top
  //! of this file), resets the connection and runs it once more.
  template <typename Run>
  pg_result* WithRetry(std::string_view sql, Run run);
  std::vector<std::string> session_;  // SetSession's statements, in order
  bool session_lost_ = false;         // a reset could not apply session_
  //! kIOError for `res` (or the connection when `res` is null).
  Status Error(pg_result* res, std::string_view what) const;
  pg_conn* conn_;
  std::string name_;
};

//! Appends `value` to `out` escaped for COPY's text format (backslash,
//! tab, newline, carriage return).
void AppendCopyText(std::string* out, std::string_view value);

}  // namespace zicht::store::pg

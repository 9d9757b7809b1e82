#include "store/pg_db.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace zicht::store::pg {
namespace {

void IgnoreNotice(void*, const char*) {}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// True when `sql` may run again after its connection broke with no
// transaction open: it only reads, or it opens a transaction and does not
// commit it (the break rolled its work back).
bool SafeToRepeat(std::string_view sql) {
  size_t at = sql.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos) return false;
  auto starts = [&](std::string_view word) {
    if (sql.size() - at < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(sql[at + i])) != word[i]) return false;
    }
    return true;
  };
  if (starts("SELECT")) return true;
  return starts("BEGIN") && sql.find("COMMIT") == std::string_view::npos;
}

}  // namespace

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Params& Params::Add(std::string_view text) {
  const std::string& s = storage_.emplace_back(text);
  values_.push_back(s.c_str());
  lengths_.push_back(static_cast<int>(s.size()));
  formats_.push_back(0);
  return *this;
}

Params& Params::Add(int64_t value) { return Add(std::string_view(std::to_string(value))); }

Params& Params::AddNull() {
  values_.push_back(nullptr);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}

Params& Params::AddBytes(std::string_view bytes) {
  const std::string& s = storage_.emplace_back(bytes);
  values_.push_back(s.data());
  lengths_.push_back(static_cast<int>(s.size()));
  formats_.push_back(1);
  return *this;
}

Rows::Rows(pg_result* res) : res_(res) {}
Rows::Rows(Rows&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (res_) PQclear(res_);
    res_ = other.res_;
    other.res_ = nullptr;
  }
  return *this;
}
Rows::~Rows() {
  if (res_) PQclear(res_);
}

int Rows::size() const { return res_ ? PQntuples(res_) : 0; }
bool Rows::IsNull(int row, int col) const { return PQgetisnull(res_, row, col) != 0; }
std::string_view Rows::Text(int row, int col) const {
  return std::string_view(PQgetvalue(res_, row, col), static_cast<size_t>(PQgetlength(res_, row, col)));
}
int64_t Rows::Int(int row, int col) const {
  std::string_view t = Text(row, col);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}
bool Rows::Bool(int row, int col) const { return Text(row, col) == "t"; }
std::string Rows::Bytes(int row, int col) const {
  std::string_view t = Text(row, col);
  std::string out;
  if (t.size() < 2 || t[0] != '\\' || t[1] != 'x') return out;
  out.reserve((t.size() - 2) / 2);
  for (size_t i = 2; i + 1 < t.size(); i += 2) {
    out.push_back(static_cast<char>(HexValue(t[i]) * 16 + HexValue(t[i + 1])));
  }
  return out;
}
int64_t Rows::Affected() const {
  const char* n = res_ ? PQcmdTuples(res_) : "";
  int64_t v = 0;
  std::from_chars(n, n + std::strlen(n), v);
  return v;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return Status::IOError("cannot connect to PostgreSQL: out of memory");
  std::string name = std::string(PQhost(conn) ? PQhost(conn) : "") + "/" + (PQdb(conn) ? PQdb(conn) : "");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string reason = PQerrorMessage(conn);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    PQfinish(conn);
    return Status::IOError("cannot connect to PostgreSQL database '" + name + "': " + reason);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  PQsetErrorVerbosity(conn, PQERRORS_TERSE);
  std::unique_ptr<Connection> out(new Connection(conn, std::move(name)));
  // UTC so that timestamps computed in SQL (Stats' months) do not depend on
  // the server's time zone.
  ZICHT_RETURN_IF_ERROR(out->SetSession("SET TIME ZONE 'UTC'"));
  return out;
}

Status Connection::SetSession(std::string sql) {
  ZICHT_RETURN_IF_ERROR(Exec(sql));
  session_.push_back(std::move(sql));
  return Status::Ok();
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::ReconnectIfBroken() {
  if (PQstatus(conn_) != CONNECTION_BAD && !session_lost_) return;
  PQreset(conn_);
  session_lost_ = PQstatus(conn_) != CONNECTION_OK;
  for (size_t i = 0; i < session_.size() && !session_lost_; ++i) {
    PGresult* res = PQexec(conn_, session_[i].c_str());
    // A session that could not be set up as asked is reset again before
    // the next statement.
    session_lost_ = PQresultStatus(res) != PGRES_COMMAND_OK;
    PQclear(res);
  }
}

template <typename Run>
pg_result* Connection::WithRetry(std::string_view sql, Run run) {
  ReconnectIfBroken();
  const bool was_idle = PQtransactionStatus(conn_) == PQTRANS_IDLE;
  PGresult* res = run();
  ExecStatusType st = PQresultStatus(res);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || PQstatus(conn_) != CONNECTION_BAD || !was_idle ||
      !SafeToRepeat(sql)) {
    return res;
  }
  PQclear(res);
  ReconnectIfBroken();
  return run();
}

Status Connection::Error(pg_result* res, std::string_view what) const {
  std::string m(what);
  m += " (" + name_ + "): ";
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (primary != nullptr) {
    m += primary;
    if (state != nullptr) m += std::string(" [SQLSTATE ") + state + "]";
  } else {
    std::string reason = PQerrorMessage(conn_);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    m += reason.empty() ? "connection lost" : reason;
  }
  return Status::IOError(std::move(m));
}

Status Connection::Exec(std::string_view sql) {
  std::string owned(sql);
  // PQexec returns the last statement's result; an error stops the rest
  // and is the result returned.
  PGresult* res = WithRetry(sql, [&] { return PQexec(conn_, owned.c_str()); });
  ExecStatusType st = PQresultStatus(res);
  Status out = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? Status::Ok() : Error(res, "SQL failed");
  PQclear(res);
  return out;
}

Result<Rows> Connection::Query(std::string_view sql, const Params& params) {
  std::string owned(sql);
  PGresult* res = WithRetry(sql, [&] {
    return PQexecParams(conn_, owned.c_str(), static_cast<int>(params.values_.size()), nullptr,
                        params.values_.data(), params.lengths_.data(), params.formats_.data(), 0);
  });
  ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status s = Error(res, "SQL failed");
    PQclear(res);
    return s;
  }
  return Rows(res);
}

Result<bool> Connection::WaitForNotification(std::chrono::milliseconds timeout) {
  ReconnectIfBroken();
  if (PQstatus(conn_) != CONNECTION_OK || session_lost_) return Error(nullptr, "waiting for a notification failed");
  auto drain = [&] {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      PQfreemem(n);
      any = true;
    }
    return any;
  };
  if (drain()) return true;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) return Status::IOError(std::string("waiting for a notification: ") + std::strerror(errno));
  if (ready <= 0) return false;
  // Readable: notifications, or the end of a connection the server closed
  // (PQconsumeInput fails, the connection is BAD and the next call resets it).
  if (PQconsumeInput(conn_) == 0) return Error(nullptr, "waiting for a notification failed");
  return drain();
}

Status Connection::CopyIn(std::string_view copy_sql, std::string_view data) {
  return CopyIn(copy_sql, std::vector<std::string_view>{data});
}

Status Connection::CopyIn(std::string_view copy_sql, const std::vector<std::string_view>& pieces) {
  ReconnectIfBroken();
  std::string owned(copy_sql);
  PGresult* res = PQexec(conn_, owned.c_str());
  if (PQresultStatus(res) != PGRES_COPY_IN) {
    Status s = Error(res, "COPY failed");
    PQclear(res);
    return s;
  }
  PQclear(res);
  // Blocking connection: PQputCopyData sends in as few writes as it can;
  // chunks keep the length within int.
  constexpr size_t kChunk = 1 << 20;
  bool sent = true;
  for (std::string_view data : pieces) {
    for (size_t at = 0; at < data.size() && sent; at += kChunk) {
      size_t n = std::min(kChunk, data.size() - at);
      sent = PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) == 1;
    }
  }
  if (PQputCopyEnd(conn_, sent ? nullptr : "zicht: sending COPY data failed") != 1) {
    return Error(nullptr, "COPY failed");
  }
  Status out = Status::Ok();
  while ((res = PQgetResult(conn_)) != nullptr) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK && out.ok()) out = Error(res, "COPY failed");
    PQclear(res);
  }
  return out;
}

void AppendCopyText(std::string* out, std::string_view value) {
  // Runs without a special character are appended whole: a bulk load
  // escapes every field of every row, and most have nothing to escape.
  size_t run = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
    out->append(value.data() + run, i - run);
    out->push_back('\\');
    out->push_back(c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
    run = i + 1;
  }
  out->append(value.data() + run, value.size() - run);
}

}  // namespace zicht::store::pg

#include "testutil/store_query.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>

namespace zicht::testutil {
namespace {

std::optional<std::string> QuerySqlite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::optional<std::string> out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    // A writer in another process may hold the lock for a moment.
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      std::string rows;
      int rc;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
          const unsigned char* t = sqlite3_column_text(st, i);
          rows += (i ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "");
        }
        rows += "\n";
      }
      if (rc == SQLITE_DONE) out = std::move(rows);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

std::optional<std::string> QueryPostgres(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::optional<std::string> out;
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
      std::string rows;
      for (int r = 0; r < PQntuples(res); ++r) {
        for (int c = 0; c < PQnfields(res); ++c) rows += (c ? "|" : "") + std::string(PQgetvalue(res, r, c));
        rows += "\n";
      }
      out = std::move(rows);
    }
    PQclear(res);
  }
  PQfinish(conn);
  return out;
}

}  // namespace

std::optional<std::string> QueryStore(const std::string& location, const std::string& sql) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) return QueryPostgres(location, sql);
  return QuerySqlite(location, sql);
}

int64_t QueryNumber(const std::string& location, const std::string& sql) {
  std::optional<std::string> rows = QueryStore(location, sql);
  if (!rows || rows->empty()) return -1;
  return std::strtoll(rows->c_str(), nullptr, 10);
}

}  // namespace zicht::testutil

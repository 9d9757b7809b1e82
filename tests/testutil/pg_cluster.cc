#include "testutil/pg_cluster.h"

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "testutil/testutil.h"

namespace zicht::testutil {
namespace {

std::string FindBindir() {
  if (const char* env = std::getenv("ZICHT_PG_BINDIR"); env != nullptr && *env != '\0') return env;
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    if (std::filesystem::exists(entry.path() / "bin" / "initdb")) found.push_back(entry.path() / "bin");
  }
  if (found.empty()) return "";
  // Newest major version: compare as numbers ("15" after "9.6").
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::atof(a.parent_path().filename().c_str()) < std::atof(b.parent_path().filename().c_str());
  });
  return found.back().string();
}

// Runs `sql` on database `db` as the superuser; "" on success, else the error.
std::string SuperuserExec(const PgCluster& c, const std::string& db, const std::string& sql) {
  PGconn* conn = PQconnectdb(c.Url(db, "postgres").c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK) error = PQresultErrorMessage(res);
    PQclear(res);
  }
  PQfinish(conn);
  return error;
}

}  // namespace

std::string PgCluster::RunAsOwner(const std::vector<std::string>& argv) const {
  std::vector<std::string> full;
  if (as_postgres_) full = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  full.insert(full.end(), argv.begin(), argv.end());
  CommandResult r = Run(full);
  if (r.exit_code == 0) return "";
  return "'" + argv[0] + "' exited " + std::to_string(r.exit_code) + ": " + r.err + r.out;
}

std::unique_ptr<PgCluster> PgCluster::Start(std::string* error, const std::string& options) {
  std::unique_ptr<PgCluster> c(new PgCluster());
  c->bindir_ = FindBindir();
  if (c->bindir_.empty()) {
    *error = "PostgreSQL binaries not found (no /usr/lib/postgresql/*/bin/initdb, ZICHT_PG_BINDIR unset): "
             "install the `postgresql` package (scripts/bootstrap does)";
    return nullptr;
  }
  // A short path: the socket's path must fit in 107 bytes.
  char tmpl[] = "/tmp/zicht-pg-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    *error = "cannot create a temporary directory for PostgreSQL";
    return nullptr;
  }
  c->dir_ = tmpl;
  if (geteuid() == 0) {
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      *error = "running as root, but there is no `postgres` user to run PostgreSQL as (install `postgresql`)";
      return nullptr;
    }
    if (chown(tmpl, pw->pw_uid, pw->pw_gid) != 0) {
      *error = "cannot give " + c->dir_.string() + " to the postgres user";
      return nullptr;
    }
    c->as_postgres_ = true;
  }
  const std::string data = (c->dir_ / "data").string();
  *error = c->RunAsOwner({c->bindir_ + "/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                          "--locale=C", "--no-sync"});
  if (!error->empty()) return nullptr;
  c->options_ = options;
  *error = c->StartServer();
  if (!error->empty()) return nullptr;
  c->started_ = true;
  *error = SuperuserExec(*c, "postgres", "CREATE ROLE zicht LOGIN");
  if (!error->empty()) return nullptr;
  return c;
}

std::string PgCluster::StartServer() {
  std::string error = RunAsOwner({bindir_ + "/pg_ctl", "-D", (dir_ / "data").string(), "-l", (dir_ / "log").string(),
                                  "-w", "-t", "60", "-o",
                                  "-k " + dir_.string() +
                                      " -c listen_addresses='' -c fsync=off -c full_page_writes=off"
                                      " -c shared_buffers=32MB -c max_connections=200 " + options_,
                                  "start"});
  if (!error.empty()) error += "\n" + ReadFile((dir_ / "log").string());
  return error;
}

std::string PgCluster::Stop() {
  std::string error = RunAsOwner({bindir_ + "/pg_ctl", "-D", (dir_ / "data").string(), "-m", "fast", "-w", "stop"});
  if (error.empty()) started_ = false;
  return error;
}

std::string PgCluster::Restart() {
  std::string error = StartServer();
  if (error.empty()) started_ = true;
  return error;
}

PgCluster::~PgCluster() {
  if (started_) {
    (void)RunAsOwner({bindir_ + "/pg_ctl", "-D", (dir_ / "data").string(), "-m", "immediate", "-w", "stop"});
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string PgCluster::Url(const std::string& name, const std::string& user) const {
  return "postgresql://" + user + "@/" + name + "?host=" + dir_.string();
}

std::string PgCluster::CreateDatabase(std::string* error) {
  std::string name = "zicht_test_" + std::to_string(++databases_);
  *error = SuperuserExec(*this, "postgres", "CREATE DATABASE " + name + " OWNER zicht");
  if (!error->empty()) return "";
  // The schema's owner is the database owner, as a deployment would set it up.
  *error = SuperuserExec(*this, name, "ALTER SCHEMA public OWNER TO zicht");
  return error->empty() ? Url(name) : "";
}

}  // namespace zicht::testutil

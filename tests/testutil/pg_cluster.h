#pragma once
// A throw-away PostgreSQL cluster for tests and benchmarks: `initdb` in a
// fresh directory under /tmp, `pg_ctl start` listening only on a unix
// socket in that directory (no TCP port, so parallel test binaries never
// collide), and on destruction `pg_ctl stop` and the directory removed.
//
// PostgreSQL refuses to run as root, and tests and CI run as root: then
// every server command runs as the `postgres` system user (runuser), which
// owns the directory. Run as any other user, the commands run as that user.
//
// The binaries come from $ZICHT_PG_BINDIR, else the newest
// /usr/lib/postgresql/<version>/bin (Debian's `postgresql` package).
//
// The cluster is tuned for throw-away use: fsync off (a crash of the
// machine loses it, which does not matter here). Tests connect as the role
// `zicht`, a plain (non-superuser) login role like a deployment's service
// role, which owns each database CreateDatabase makes.
//
// Test-only; never linked into the product. Thread-safety: one thread.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace zicht::testutil {

class PgCluster {
 public:
  //! Starts a new cluster. On failure returns null and sets *error to what
  //! went wrong (e.g. "PostgreSQL binaries not found: install postgresql").
  //! `options` are extra server settings ("-c name=value …").
  static std::unique_ptr<PgCluster> Start(std::string* error, const std::string& options = "");
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  //! Creates a new empty database owned by role `zicht` and returns its URL
  //! (postgresql://zicht@/NAME?host=DIR). Empty and *error set on failure.
  std::string CreateDatabase(std::string* error);

  //! The URL of database `name` as role `user`.
  std::string Url(const std::string& name, const std::string& user = "zicht") const;

  //! Stops the server as an operator's restart does (`pg_ctl stop -m fast`:
  //! open connections are cut, their transactions rolled back). "" on
  //! success, else what failed.
  std::string Stop();
  //! Starts a stopped server again, with the settings of Start(). "" on
  //! success, else what failed (with the server's log).
  std::string Restart();

  //! The directory holding the data, the log and the socket.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  PgCluster() = default;
  //! Runs a server command (as `postgres` when we are root); "" on success,
  //! else its output.
  std::string RunAsOwner(const std::vector<std::string>& argv) const;
  //! `pg_ctl start` with options_; "" on success.
  std::string StartServer();
  std::filesystem::path dir_;
  std::string bindir_;
  std::string options_;
  bool as_postgres_ = false;
  bool started_ = false;
  int databases_ = 0;
};

}  // namespace zicht::testutil

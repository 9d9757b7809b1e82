#pragma once
// Test-only: a tiny blocking HTTP/1.1 client over a raw TCP socket, and a
// `zicht serve` child process on an ephemeral port. Enough for the server
// tests (Content-Length bodies, keep-alive), nothing more.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace zicht::server::testing {

struct Response {
  int status = 0;  // 0 when the connection failed or closed without an answer
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class Connection {
 public:
  //! Connects to 127.0.0.1:`port`, from `source_ip` when given (any
  //! 127.x.y.z address works on Linux: tests act as many clients).
  explicit Connection(int port, const std::string& source_ip = "");
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool ok() const { return fd_ >= 0; }
  //! Sends raw bytes.
  bool SendRaw(const std::string& bytes);
  //! Sends a request and reads its response.
  Response Request(const std::string& method, const std::string& target, const std::string& body = "",
                   const std::vector<std::pair<std::string, std::string>>& headers = {});
  //! Reads one response (after SendRaw).
  Response ReadResponse();
  //! True when the server has closed the connection (read returns 0 within `seconds`).
  bool WaitClosed(int seconds);

 private:
  int fd_ = -1;
  std::string pending_;
};

//! One request on a fresh connection.
Response Call(int port, const std::string& method, const std::string& target, const std::string& body = "",
              const std::vector<std::pair<std::string, std::string>>& headers = {});

//! One request on a fresh connection from `source_ip` (127.x.y.z).
Response CallFrom(const std::string& source_ip, int port, const std::string& method, const std::string& target,
                  const std::string& body = "", const std::vector<std::pair<std::string, std::string>>& headers = {});

//! `zicht serve --listen 127.0.0.1:0 ARGS...` (ARGS may name its own
//! --listen), started and waited for until it prints "listening on";
//! stopped with SIGTERM on destruction.
class ServerProcess {
 public:
  //! `open_files`: when > 0, the child's open-file limit (soft and hard),
  //! as `ulimit -n` would set it.
  explicit ServerProcess(const std::vector<std::string>& args, long open_files = 0);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  //! Sends `sig` and waits for exit; returns the exit status (128+N if killed).
  int Stop(int sig);
  //! Everything the server wrote to stderr (after Stop()).
  std::string Stderr() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_ = -1;
  std::string stderr_path_;
};

}  // namespace zicht::server::testing

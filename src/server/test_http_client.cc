#include "server/test_http_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "testutil/testutil.h"

namespace zicht::server::testing {
namespace {

// Every answered request is appended, as one JSON line
// {"method","target","status","content_type","body"}, to
// ZICHT_HTTP_RECORD_DIR/<pid>.jsonl (set by src/server/CMakeLists.txt), so
// that the CTest step openapi_responses can check each response the server
// tests saw against docs/openapi.yaml, status code included.
void Record(const std::string& method, const std::string& target, const Response& r) {
#ifdef ZICHT_HTTP_RECORD_DIR
  if (r.status == 0) return;  // no answer: nothing to check
  // A test that talks through a load balancer also sees the balancer's own
  // answers (a 503 page while no node is up): not the server's contract.
  if (std::getenv("ZICHT_HTTP_NO_RECORD") != nullptr) return;
  static std::mutex mu;
  rapidjson::StringBuffer line;
  rapidjson::Writer<rapidjson::StringBuffer> w(line);
  w.StartObject();
  w.Key("method");
  w.String(method.c_str(), static_cast<rapidjson::SizeType>(method.size()));
  w.Key("target");
  w.String(target.c_str(), static_cast<rapidjson::SizeType>(target.size()));
  w.Key("status");
  w.Int(r.status);
  auto type = r.headers.find("content-type");
  w.Key("content_type");
  if (type == r.headers.end()) {
    w.Null();
  } else {
    w.String(type->second.c_str(), static_cast<rapidjson::SizeType>(type->second.size()));
  }
  w.Key("body");
  w.String(r.body.c_str(), static_cast<rapidjson::SizeType>(r.body.size()));
  w.EndObject();
  std::lock_guard<std::mutex> lock(mu);
  std::error_code ignored;
  std::filesystem::create_directories(ZICHT_HTTP_RECORD_DIR, ignored);
  std::ofstream out(std::string(ZICHT_HTTP_RECORD_DIR) + "/" + std::to_string(::getpid()) + ".jsonl", std::ios::app);
  out << line.GetString() << '\n';
#else
  (void)method;
  (void)target;
  (void)r;
#endif
}

}  // namespace

Connection::Connection(int port, const std::string& source_ip) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (!source_ip.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source_ip.c_str(), &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
  timeval tv{30, 0};
  if (fd_ >= 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::SendRaw(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

Response Connection::Request(const std::string& method, const std::string& target, const std::string& body,
                             const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  if (!SendRaw(req)) return {};
  Response response = ReadResponse();
  Record(method, target, response);
  return response;
}

Response Connection::ReadResponse() {
  Response r;
  char buf[65536];
  auto fill = [&]() -> bool {
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending_.append(buf, static_cast<size_t>(n));
    return true;
  };
  size_t end;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return r;
  }
  std::string head = pending_.substr(0, end);
  pending_.erase(0, end + 4);
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  if (line.size() >= 12) r.status = std::atoi(line.c_str() + 9);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t v = line.find_first_not_of(' ', colon + 1);
    r.headers[name] = v == std::string::npos ? "" : line.substr(v);
  }
  size_t length = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
  while (pending_.size() < length) {
    if (!fill()) break;
  }
  r.body = pending_.substr(0, length);
  pending_.erase(0, std::min(length, pending_.size()));
  return r;
}

bool Connection::WaitClosed(int seconds) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, seconds * 1000) <= 0) return false;
  char c;
  return ::recv(fd_, &c, 1, 0) <= 0;
}

Response Call(int port, const std::string& method, const std::string& target, const std::string& body,
              const std::vector<std::pair<std::string, std::string>>& headers) {
  Connection c(port);
  return c.Request(method, target, body, headers);
}

Response CallFrom(const std::string& source_ip, int port, const std::string& method, const std::string& target,
                  const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
  Connection c(port, source_ip);
  return c.Request(method, target, body, headers);
}

ServerProcess::ServerProcess(const std::vector<std::string>& args, long open_files) {
  int out[2];
  if (::pipe(out) != 0) return;
  char tmpl[] = "/tmp/zicht-serve-stderr.XXXXXX";
  int err_fd = ::mkstemp(tmpl);
  stderr_path_ = tmpl;
  std::vector<std::string> argv = {testutil::ZichtBin(), "serve", "--threads", "2"};
  // An ephemeral port unless the test names one (a node restarted behind a
  // load balancer must come back on its port).
  if (std::find(args.begin(), args.end(), "--listen") == args.end()) {
    argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
  }
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    if (open_files > 0) {
      rlimit limit{static_cast<rlim_t>(open_files), static_cast<rlim_t>(open_files)};
      ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    ::dup2(out[1], 1);
    ::dup2(err_fd, 2);
    ::close(out[0]);
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err_fd);
  // The first stdout line is "listening on 127.0.0.1:PORT".
  std::string line;
  char c;
  pollfd p{out[0], POLLIN, 0};
  while (::poll(&p, 1, 60000) > 0 && ::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  size_t colon = line.rfind(':');
  if (line.rfind("listening on ", 0) == 0 && colon != std::string::npos) port_ = std::atoi(line.c_str() + colon + 1);
}

ServerProcess::~ServerProcess() {
  if (exit_ < 0 && pid_ > 0) Stop(SIGTERM);
  if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

int ServerProcess::Stop(int sig) {
  if (exit_ >= 0 || pid_ <= 0) return exit_;
  ::kill(pid_, sig);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_;
}

std::string ServerProcess::Stderr() const { return testutil::ReadFile(stderr_path_); }

}  // namespace zicht::server::testing

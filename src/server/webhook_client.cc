#include "server/webhook_client.h"

#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>

namespace zicht::server {
namespace {

using Clock = std::chrono::steady_clock;

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string path;
};

Result<Url> ParseUrl(const std::string& text) {
  Url u;
  std::string_view rest = text;
  if (rest.starts_with("http://")) rest.remove_prefix(7);
  else if (rest.starts_with("https://")) rest.remove_prefix(8), u.tls = true;
  else return Status::InvalidArgument("webhook URL must be http:// or https://");
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  u.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.starts_with('[')) {  // [::1]:8080
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("webhook URL has a malformed host");
    u.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (authority.starts_with(':')) u.port = std::string(authority.substr(1));
  } else {
    size_t colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) u.port = std::string(authority.substr(colon + 1));
  }
  if (u.host.empty()) return Status::InvalidArgument("webhook URL names no host");
  if (u.port.empty()) u.port = u.tls ? "443" : "80";
  return u;
}

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Waits until `fd` is ready for `events` or the deadline passes.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    int left = RemainingMs(deadline);
    if (left == 0) return false;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, left);
    if (n > 0) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Status Connect(const Url& u, Clock::time_point deadline, Fd* out) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(u.host.c_str(), u.port.c_str(), &hints, &found) != 0 || found == nullptr) {
    return Status::IOError("cannot resolve the webhook host");
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, ::freeaddrinfo);
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    Fd holder{fd};
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno != EINPROGRESS) continue;
    if (rc != 0) {
      if (!WaitFor(fd, POLLOUT, deadline)) {
        if (RemainingMs(deadline) == 0) return Status::IOError("webhook receiver: connect timed out");
        continue;
      }
      int err = 0;
      socklen_t len = sizeof err;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) continue;
    }
    out->fd = std::exchange(holder.fd, -1);
    return Status::Ok();
  }
  return Status::IOError("webhook receiver: connection refused or unreachable");
}

// Plain or TLS I/O on a non-blocking socket, each call bounded by the deadline.
class Channel {
 public:
  Channel(int fd, Clock::time_point deadline) : fd_(fd), deadline_(deadline) {}
  ~Channel() {
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
  }

  Status StartTls(const std::string& host, const std::string& ca_file) {
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (!ctx_) return Status::Internal("TLS context");
    SSL_CTX_set_default_verify_paths(ctx_);
    if (!ca_file.empty() && SSL_CTX_load_verify_locations(ctx_, ca_file.c_str(), nullptr) != 1) {
      ERR_clear_error();
      return Status::IOError("webhook CA file '" + ca_file + "' cannot be read");
    }
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
    ssl_ = SSL_new(ctx_);
    if (!ssl_) return Status::Internal("TLS session");
    SSL_set_fd(ssl_, fd_);
    SSL_set_tlsext_host_name(ssl_, host.c_str());
    SSL_set1_host(ssl_, host.c_str());  // OpenSSL 3: an IP literal is matched against the IP addresses
    for (;;) {
      int rc = SSL_connect(ssl_);
      if (rc == 1) return Status::Ok();
      if (!WaitSsl(rc)) {
        if (RemainingMs(deadline_) == 0) return Status::IOError("webhook receiver: TLS hand-shake timed out");
        const long verify = SSL_get_verify_result(ssl_);
        if (verify != X509_V_OK) {
          return Status::IOError(std::string("webhook receiver: TLS certificate not trusted: ") +
                                 X509_verify_cert_error_string(verify) +
                                 " (a private CA: zicht serve --webhook-ca-file; docs/alerts.md)");
        }
        return Status::IOError("webhook receiver: TLS hand-shake failed");
      }
    }
  }

  Status SendAll(const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      if (ssl_) {
        int n = SSL_write(ssl_, data.data() + sent, static_cast<int>(data.size() - sent));
        if (n > 0) sent += static_cast<size_t>(n);
        else if (!WaitSsl(n)) return Status::IOError("webhook receiver: sending failed or timed out");
      } else {
        ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n > 0) sent += static_cast<size_t>(n);
        else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
          if (!WaitFor(fd_, POLLOUT, deadline_)) return Status::IOError("webhook receiver: sending timed out");
        } else {
          return Status::IOError("webhook receiver: the connection closed while sending");
        }
      }
    }
    return Status::Ok();
  }

  // Reads some bytes; 0 at end of stream; -1 on error or timeout.
  ssize_t Read(char* buf, size_t size) {
    for (;;) {
      if (ssl_) {
        int n = SSL_read(ssl_, buf, static_cast<int>(size));
        if (n > 0) return n;
        if (SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN) return 0;
        if (!WaitSsl(n)) return -1;
      } else {
        ssize_t n = ::recv(fd_, buf, size, 0);
        if (n >= 0) return n;
        if (errno != EAGAIN && errno != EINTR) return -1;
        if (!WaitFor(fd_, POLLIN, deadline_)) return -1;
      }
    }
  }

 private:
  bool WaitSsl(int rc) {
    int err = SSL_get_error(ssl_, rc);
    ERR_clear_error();
    if (err == SSL_ERROR_WANT_READ) return WaitFor(fd_, POLLIN, deadline_);
    if (err == SSL_ERROR_WANT_WRITE) return WaitFor(fd_, POLLOUT, deadline_);
    return false;
  }

  int fd_;
  Clock::time_point deadline_;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
};

}  // namespace

Result<int> PostWebhook(const WebhookPost& post) {
  ZICHT_ASSIGN_OR_RETURN(Url u, ParseUrl(post.url));
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(post.timeout_ms);
  Fd fd;
  ZICHT_RETURN_IF_ERROR(Connect(u, deadline, &fd));
  Channel channel(fd.fd, deadline);
  if (u.tls) ZICHT_RETURN_IF_ERROR(channel.StartTls(u.host, post.ca_file));
  std::string request = "POST " + u.path + " HTTP/1.1\r\nHost: " + u.host +
                        "\r\nUser-Agent: zicht-alerts\r\nContent-Type: application/json\r\nContent-Length: " +
                        std::to_string(post.body.size()) + "\r\nConnection: close\r\n";
  for (const auto& [name, value] : post.headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  request += post.body;
  ZICHT_RETURN_IF_ERROR(channel.SendAll(request));
  // Only the status line matters: "HTTP/1.1 204 No Content".
  std::string head;
  char buf[1024];
  while (head.find("\r\n") == std::string::npos) {
    ssize_t n = channel.Read(buf, sizeof buf);
    if (n < 0) {
      return Status::IOError(RemainingMs(deadline) == 0 ? "webhook receiver: no answer within the timeout"
                                                         : "webhook receiver: reading the answer failed");
    }
    if (n == 0) return Status::IOError("webhook receiver: the connection closed before an answer");
    head.append(buf, static_cast<size_t>(n));
    if (head.size() > 8192) break;
  }
  if (!head.starts_with("HTTP/1.") || head.size() < 12) return Status::IOError("webhook receiver: not an HTTP answer");
  int status = std::atoi(head.c_str() + 9);
  if (status < 100 || status > 599) return Status::IOError("webhook receiver: not an HTTP status");
  return status;
}

Status CheckWebhookCaFile(const std::string& path) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  if (!ctx) return Status::Internal("TLS context");
  if (SSL_CTX_load_verify_locations(ctx.get(), path.c_str(), nullptr) != 1) {
    ERR_clear_error();
    return Status::InvalidArgument("--webhook-ca-file '" + path + "': no PEM certificate could be loaded from it");
  }
  return Status::Ok();
}

}  // namespace zicht::server

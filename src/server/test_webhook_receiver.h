#pragma once
// Test-only: a webhook receiver on 127.0.0.1 (an ephemeral port) whose
// answer the test decides per request — a status, a hang (no answer until
// the sender gives up), or a connection closed without an answer — and
// which records every request it read: headers and body. Header-only; one
// thread accepts and serves one connection at a time, like a small
// receiver would.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace zicht::server::testing {

struct ReceivedWebhook {
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  int answered = 0;  // the status sent; 0 when it hung or closed
};

class WebhookReceiver {
 public:
  //! What to do with the n-th request (0-based): a status (200…599), or
  //! kHang (hold the connection until the sender closes it) or kClose.
  static constexpr int kHang = -1;
  static constexpr int kClose = -2;
  using Policy = std::function<int(size_t n)>;

  explicit WebhookReceiver(Policy policy) : policy_(std::move(policy)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~WebhookReceiver() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }

  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<ReceivedWebhook> received() const {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }
  void set_policy(Policy p) {
    std::lock_guard<std::mutex> lock(mu_);
    policy_ = std::move(p);
  }

  //! Waits (polling, up to `seconds`) until `done(received())` holds.
  bool WaitFor(const std::function<bool(const std::vector<ReceivedWebhook>&)>& done, int seconds = 30) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done(received())) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done(received());
  }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      Handle(c);
      ::close(c);
    }
  }

  void Handle(int c) {
    std::string data;
    char buf[4096];
    size_t header_end = std::string::npos;
    size_t length = 0;
    while (header_end == std::string::npos || data.size() < header_end + 4 + length) {
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) return;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      data.append(buf, static_cast<size_t>(n));
      if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
        ReceivedWebhook r = ParseHead(data.substr(0, header_end));
        length = std::strtoul(r.headers["content-length"].c_str(), nullptr, 10);
      }
    }
    ReceivedWebhook r = ParseHead(data.substr(0, header_end));
    r.body = data.substr(header_end + 4, length);
    int action;
    {
      std::lock_guard<std::mutex> lock(mu_);
      action = policy_(received_.size());
      r.answered = action > 0 ? action : 0;
      received_.push_back(r);
    }
    if (action == kHang) {
      // Until the sender gives up and closes (or the receiver stops).
      while (!stop_) {
        pollfd p{c, POLLIN, 0};
        if (::poll(&p, 1, 50) > 0 && ::recv(c, buf, sizeof buf, 0) <= 0) return;
      }
      return;
    }
    if (action == kClose) return;
    std::string answer = "HTTP/1.1 " + std::to_string(action) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
  }

  static ReceivedWebhook ParseHead(const std::string& head) {
    ReceivedWebhook r;
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos) {
      size_t next = head.find("\r\n", pos + 2);
      std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        size_t v = line.find_first_not_of(' ', colon + 1);
        r.headers[name] = v == std::string::npos ? "" : line.substr(v);
      }
      pos = next;
    }
    return r;
  }

  mutable std::mutex mu_;
  Policy policy_;
  std::vector<ReceivedWebhook> received_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace zicht::server::testing

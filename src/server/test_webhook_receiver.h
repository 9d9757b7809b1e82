#pragma once
// Test-only: a webhook receiver on 127.0.0.1 (an ephemeral port) whose
// answer the test decides per request — a status, a hang (no answer until
// the sender gives up), or a connection closed without an answer — and
// which records every request it read: headers and body. Header-only; one
// thread accepts and serves one connection at a time, like a small
// receiver would. With TlsFiles it speaks HTTPS (OpenSSL) and counts the
// hand-shakes the sender broke off (an untrusted certificate);
// WriteSelfSignedCert makes such a certificate for 127.0.0.1.
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace zicht::server::testing {

struct ReceivedWebhook {
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  int answered = 0;  // the status sent; 0 when it hung or closed
};

//! Writes a new P-256 key and a self-signed certificate (CN and subject
//! alternative name IP:127.0.0.1, valid for a day) as PEM files; false on
//! any failure.
inline bool WriteSelfSignedCert(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key != nullptr && cert != nullptr;
  if (ok) {
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1,
                               0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                              std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
      ok = ok && ext != nullptr && X509_add_ext(cert, ext, -1) == 1;
      X509_EXTENSION_free(ext);
    }
    ok = ok && X509_sign(cert, key, EVP_sha256()) > 0;
  }
  if (ok) {
    FILE* c = std::fopen(cert_path.c_str(), "w");
    FILE* k = std::fopen(key_path.c_str(), "w");
    ok = c != nullptr && k != nullptr && PEM_write_X509(c, cert) == 1 &&
         PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (c) std::fclose(c);
    if (k) std::fclose(k);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

class WebhookReceiver {
 public:
  //! PEM certificate (chain) and key: the receiver speaks HTTPS.
  struct TlsFiles {
    std::string cert;
    std::string key;
  };

  //! What to do with the n-th request (0-based): a status (200…599), or
  //! kHang (hold the connection until the sender closes it) or kClose.
  static constexpr int kHang = -1;
  static constexpr int kClose = -2;
  using Policy = std::function<int(size_t n)>;

  explicit WebhookReceiver(Policy policy, const TlsFiles* tls = nullptr) : policy_(std::move(policy)) {
    if (tls != nullptr) {
      // SSL_write has no MSG_NOSIGNAL: a sender gone mid-answer must not
      // kill the test with SIGPIPE.
      std::signal(SIGPIPE, SIG_IGN);
      ctx_ = SSL_CTX_new(TLS_server_method());
      if (SSL_CTX_use_certificate_chain_file(ctx_, tls->cert.c_str()) != 1 ||
          SSL_CTX_use_PrivateKey_file(ctx_, tls->key.c_str(), SSL_FILETYPE_PEM) != 1) {
        std::fprintf(stderr, "WebhookReceiver: cannot load %s / %s\n", tls->cert.c_str(), tls->key.c_str());
      }
    }
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
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  }

  std::string url(const std::string& path = "/hook") const {
    return (ctx_ != nullptr ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) + path;
  }
  //! TLS hand-shakes that failed (the sender refused the certificate).
  size_t handshake_failures() const { return handshake_failures_.load(); }
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
      SSL* ssl = nullptr;
      if (ctx_ != nullptr) {
        timeval two_seconds{2, 0};  // a sender that stalls the hand-shake
        ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &two_seconds, sizeof two_seconds);
        ssl = SSL_new(ctx_);
        SSL_set_fd(ssl, c);
        if (SSL_accept(ssl) != 1) {
          ++handshake_failures_;
          SSL_free(ssl);
          ::close(c);
          continue;
        }
      }
      Handle(c, ssl);
      if (ssl != nullptr) {
        SSL_shutdown(ssl);
        SSL_free(ssl);
      }
      ::close(c);
    }
  }

  void Handle(int c, SSL* ssl) {
    std::string data;
    char buf[4096];
    size_t header_end = std::string::npos;
    size_t length = 0;
    while (header_end == std::string::npos || data.size() < header_end + 4 + length) {
      ssize_t n;
      if (ssl != nullptr) {
        n = SSL_read(ssl, buf, sizeof buf);  // SO_RCVTIMEO bounds it
      } else {
        pollfd p{c, POLLIN, 0};
        if (::poll(&p, 1, 2000) <= 0) return;
        n = ::recv(c, buf, sizeof buf, 0);
      }
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
    if (ssl != nullptr) SSL_write(ssl, answer.data(), static_cast<int>(answer.size()));
    else ::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
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
  SSL_CTX* ctx_ = nullptr;
  std::atomic<size_t> handshake_failures_{0};
  std::thread thread_;
};

}  // namespace zicht::server::testing

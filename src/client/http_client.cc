#include "client/http_client.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace zicht::client {
namespace {

// Larger answers are refused: a bucket at 10M identifiers is ~30 KB.
constexpr size_t kMaxReply = 16 * 1024 * 1024;

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<HttpClient> HttpClient::ForUrl(const std::string& base_url) {
  constexpr std::string_view kScheme = "http://";
  std::string_view url = base_url;
  if (!url.starts_with(kScheme)) {
    return Status::InvalidArgument("--url must start with http:// (put a TLS proxy in front for https)");
  }
  url.remove_prefix(kScheme.size());
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (url.find('/') != std::string_view::npos) return Status::InvalidArgument("--url must be http://host:port");
  size_t colon = url.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == url.size()) {
    return Status::InvalidArgument("--url must be http://host:port");
  }
  std::string host(url.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return HttpClient(host, std::string(url.substr(colon + 1)));
}

HttpClient::HttpClient(HttpClient&& other) noexcept
    : host_(std::move(other.host_)), port_(std::move(other.port_)), fd_(std::exchange(other.fd_, -1)) {}

HttpClient& HttpClient::operator=(HttpClient&& other) noexcept {
  if (this != &other) {
    Close();
    host_ = std::move(other.host_);
    port_ = std::move(other.port_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status HttpClient::Connect() {
  Close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found) != 0 || found == nullptr) {
    return Status::IOError("cannot resolve '" + host_ + "'");
  }
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      fd_ = fd;
      break;
    }
    ::close(fd);
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) return Status::IOError("cannot connect to " + host_ + ":" + port_);
  return Status::Ok();
}

Result<HttpReply> HttpClient::Post(const std::string& path, const std::string& body,
                                   const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + host_ + ":" + port_ +
                        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n" + body;
  const bool reused = fd_ >= 0;
  if (!reused) ZICHT_RETURN_IF_ERROR(Connect());
  auto reply = PostOnce(request);
  if (!reply.ok() && reused) {  // the hub closed the idle connection
    ZICHT_RETURN_IF_ERROR(Connect());
    reply = PostOnce(request);
  }
  if (!reply.ok()) Close();
  return reply;
}

Result<HttpReply> HttpClient::PostOnce(const std::string& request) {
  if (!SendAll(fd_, request)) return Status::IOError("could not send the request to " + host_ + ":" + port_);
  std::string data;
  char buf[16 * 1024];
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  HttpReply reply;
  bool close_after = false;
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string head = data.substr(0, header_end);
        if (!head.starts_with("HTTP/1.1 ") || head.size() < 12) return Status::IOError("not an HTTP/1.1 answer");
        reply.status = std::atoi(head.c_str() + 9);
        size_t pos = head.find("\r\n");
        while (pos != std::string::npos) {
          size_t next = head.find("\r\n", pos + 2);
          std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
          size_t colon = line.find(':');
          if (colon != std::string::npos) {
            std::string name = Lower(line.substr(0, colon));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            if (name == "content-length") content_length = std::strtoull(value.c_str(), nullptr, 10);
            if (name == "retry-after") reply.retry_after = value;
            if (name == "connection" && Lower(value) == "close") close_after = true;
          }
          pos = next;
        }
        if (content_length > kMaxReply) return Status::IOError("the hub's answer is too large");
      }
    }
    if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return Status::IOError("the connection to " + host_ + ":" + port_ + " closed before an answer");
    data.append(buf, static_cast<size_t>(n));
  }
  reply.body = data.substr(header_end + 4, content_length);
  if (close_after) Close();
  return reply;
}

}  // namespace zicht::client

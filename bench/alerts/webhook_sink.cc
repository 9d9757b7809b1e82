// A webhook receiver for the alert bench (bench/parts/80-alerts.sh): listens
// on 127.0.0.1:PORT, reads each POST (headers and Content-Length body),
// answers `204 No Content` and closes, and prints one line per request on
// stdout, flushed at once:
//   <CLOCK_MONOTONIC ns when the body was read> <the body's "normalized">
// so that the driver (alert_bench.py, which reads the lines) measures
// Zicht's delivery and not the cost of a receiver in Python. One thread,
// one connection at a time, like a small receiver; `zicht serve` opens one
// connection per alert (server/webhook_client.h).
//   webhook_sink PORT MAX_REQUESTS
// Exits after MAX_REQUESTS requests, or when stdout is closed. Loopback only.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>

namespace {

long long NowNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

// Reads one request from `fd`: its body, or false when the peer closed early.
bool ReadRequest(int fd, std::string* body) {
  std::string buf;
  char chunk[8192];
  size_t header_end = std::string::npos;
  size_t length = 0;
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = buf.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string lower(buf.substr(0, header_end));
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t at = lower.find("content-length:");
        if (at != std::string::npos) length = std::strtoul(lower.c_str() + at + 15, nullptr, 10);
        header_end += 4;
      }
    }
    if (header_end != std::string::npos && buf.size() >= header_end + length) {
      *body = buf.substr(header_end, length);
      return true;
    }
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
  }
}

std::string_view Normalized(std::string_view body) {
  constexpr std::string_view kKey = "\"normalized\":\"";
  size_t at = body.find(kKey);
  if (at == std::string_view::npos) return "-";
  at += kKey.size();
  size_t end = body.find('"', at);
  return end == std::string_view::npos ? "-" : body.substr(at, end - at);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: webhook_sink PORT MAX_REQUESTS\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const long long max_requests = std::atoll(argv[2]);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 512) != 0) {
    std::perror("webhook_sink: bind/listen");
    return 1;
  }
  std::printf("ready\n");
  std::fflush(stdout);
  constexpr std::string_view kAnswer = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
  for (long long served = 0; served < max_requests;) {
    int c = ::accept(fd, nullptr, nullptr);
    if (c < 0) continue;
    std::string body;
    if (ReadRequest(c, &body)) {
      const long long at = NowNs();
      (void)!::write(c, kAnswer.data(), kAnswer.size());
      std::string_view normalized = Normalized(body);
      if (std::printf("%lld %.*s\n", at, static_cast<int>(normalized.size()), normalized.data()) < 0 ||
          std::fflush(stdout) != 0) {
        ::close(c);
        break;  // the driver went away
      }
      ++served;
    }
    ::close(c);
  }
  ::close(fd);
  return 0;
}

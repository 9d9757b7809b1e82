#pragma once
// A minimal blocking HTTP/1.1 client for the blind-check client library:
// POST a JSON body to an `http://host:port` hub over one keep-alive
// connection and read the Content-Length answer. Plain HTTP only: in a
// deployment the hub sits behind a TLS-terminating proxy, and a partner
// reaches it through its own TLS tunnel (docs/privacy.md, "Blind
// look-ups", limits). What it sends reveals nothing of the identifier
// checked: a blinded element and a 2-byte prefix.
//
// Thread-safety: one HttpClient per thread.
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace zicht::client {

struct HttpReply {
  int status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, when sent
};

class HttpClient {
 public:
  //! `base_url`: "http://host:port" (a trailing '/' is ignored).
  //! kInvalidArgument for another scheme or a malformed URL.
  static Result<HttpClient> ForUrl(const std::string& base_url);
  HttpClient(HttpClient&& other) noexcept;
  HttpClient& operator=(HttpClient&& other) noexcept;
  ~HttpClient();

  //! POSTs `body` (JSON) to `path` with `headers`; reconnects once when
  //! the kept-alive connection was closed. kIOError when the hub cannot
  //! be reached or answers something that is not HTTP/1.1.
  Result<HttpReply> Post(const std::string& path, const std::string& body,
                         const std::vector<std::pair<std::string, std::string>>& headers);

 private:
  HttpClient(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}
  Status Connect();
  void Close();
  Result<HttpReply> PostOnce(const std::string& request);

  std::string host_;
  std::string port_;
  int fd_ = -1;
};

}  // namespace zicht::client

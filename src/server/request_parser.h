#pragma once
// The HTTP/1.1 request parser of `zicht serve`: Beast's basic_parser, with
// callbacks that keep only what the service reads (method, target, three
// headers, body) and that refuse the requests a front end and Zicht could
// read two ways (request smuggling, RFC 9112 §6.3 and §3.2). Besides
// those, Accept-Encoding and If-None-Match for the web app's files.
//
// What is refused, each with a 400 and the connection closed:
// - Transfer-Encoding other than exactly `chunked` (gzip, `xchunked`,
//   `identity`, `chunked, gzip`, two TE fields): with any of these Beast
//   took the body as empty and ran the bytes after the headers as a second
//   request on the same connection. RFC 9112 §6.3: "the server MUST respond
//   with 400 and then close the connection".
// - Transfer-Encoding together with Content-Length, and Transfer-Encoding in
//   an HTTP/1.0 request (§6.1).
// - An HTTP/1.1 request without Host, or with more than one (§3.2).
// A request in absolute form (`POST http://host/v1/check`) is read as its
// path (§3.2.2), as a server must.
//
// The body limit is set per request from the route (RequestBodyLimit in
// router.h) as soon as the request line is in, so the public form's 64 KiB
// limit applies before a single body byte is buffered.
//
// Per-connection storage: RequestData's strings keep their capacity from
// request to request, so a keep-alive connection stops allocating once it
// has seen its largest request. Beast's request_parser<string_body> would
// allocate a node for every header field of every request.
//
// Thread-safety: one parser per connection, used by its loop's thread.

// GCC 12 with -fsanitize=address reports -Wmaybe-uninitialized inside
// Beast's parser (a boost::optional it returns empty); a false positive in
// the library's code, silenced for its headers only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/beast/http/basic_parser.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/http_message.h"

namespace zicht::server {

struct RequestData {
  Method method = Method::kOther;
  int version = 11;  // 10 or 11
  std::string target;
  std::string authorization;
  std::string purpose;
  std::string content_type;
  std::string accept_encoding;  // for the web app's pre-compressed files
  std::string if_none_match;    // for the web app's files
  std::string idempotency_key;  // Idempotency-Key (POST /v1/payments/evaluate)
  std::string body;
  bool has_authorization = false, has_purpose = false, has_content_type = false;
  int host_fields = 0;
  int transfer_encoding_fields = 0;
  bool has_content_length = false;
  //! Why the request was refused (a fixed text of this file); empty while it
  //! is acceptable. Set together with a parse error, so parsing stops.
  std::string_view refused;

  void Clear();
};

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  //! `max_body` is the configured limit of the largest bodies (reports);
  //! the route of each request decides its own, never larger.
  RequestParser(RequestData& data, size_t max_body);

 private:
  void on_request_impl(boost::beast::http::verb method, boost::beast::string_view method_string,
                       boost::beast::string_view target, int version, boost::beast::error_code& ec) override;
  void on_response_impl(int, boost::beast::string_view, int, boost::beast::error_code&) override {}
  void on_field_impl(boost::beast::http::field name, boost::beast::string_view name_string,
                     boost::beast::string_view value, boost::beast::error_code& ec) override;
  void on_header_impl(boost::beast::error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, boost::beast::error_code&) override;
  size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code&) override;
  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view, boost::beast::error_code&) override {}
  size_t on_chunk_body_impl(std::uint64_t, boost::beast::string_view body, boost::beast::error_code&) override;
  void on_finish_impl(boost::beast::error_code&) override {}

  void Refuse(std::string_view why, boost::beast::error_code& ec);

  RequestData& data_;
  const size_t max_body_;
};

}  // namespace zicht::server

// libFuzzer target: the bytes a client sends on one connection, parsed the
// way http_server.cc parses them (request after request, with the parser's
// per-route body limits and the smuggling checks of request_parser.h), and
// then each parsed body through the shared JSON parser with its limits.
// Properties checked: no crash, no sanitizer report, and a request the
// parser accepted never carries a Transfer-Encoding other than chunked or a
// missing Host in HTTP/1.1.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "common/json_parse.h"
#include "server/request_parser.h"

namespace {

constexpr size_t kMaxBody = 10 * 1024 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  using zicht::server::RequestData;
  using zicht::server::RequestParser;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  RequestData request;
  std::string buffer;  // received, not yet parsed: carries over to the next request
  // Up to 8 requests from one connection's bytes, arriving in small pieces
  // (as reads do), as a keep-alive client would send them.
  for (int n = 0; n < 8; ++n) {
    RequestParser parser(request, kMaxBody);
    parser.header_limit(16 * 1024);
    parser.eager(true);
    beast::error_code ec;
    for (;;) {
      if (!buffer.empty()) {
        const size_t used = parser.put(boost::asio::buffer(buffer.data(), buffer.size()), ec);
        buffer.erase(0, used);
        if (ec == http::error::need_more) {
          ec = {};
        } else if (ec || parser.is_done()) {
          break;
        } else if (used != 0) {
          continue;
        }
      }
      if (input.empty()) break;
      const size_t piece = std::min<size_t>(input.size(), 1 + static_cast<unsigned char>(input.front()) % 61);
      buffer.append(input.substr(0, piece));
      input.remove_prefix(piece);
    }
    if (ec || !parser.is_done()) return 0;  // the server answers 400/413/431 and closes
    if (!request.refused.empty()) std::abort();  // a refusal must end the parse with an error
    if (request.version >= 11 && request.host_fields != 1) std::abort();
    if (request.transfer_encoding_fields > 1) std::abort();
    rapidjson::Document doc;
    (void)zicht::ParseJson(request.body, doc);
  }
  return 0;
}

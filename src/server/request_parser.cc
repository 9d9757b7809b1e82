#include "server/request_parser.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cctype>

#include "server/router.h"

namespace zicht::server {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

Method ToMethod(http::verb v) {
  switch (v) {
    case http::verb::get: return Method::kGet;
    case http::verb::head: return Method::kHead;
    case http::verb::post: return Method::kPost;
    case http::verb::put: return Method::kPut;
    case http::verb::delete_: return Method::kDelete;
    case http::verb::patch: return Method::kPatch;
    case http::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The path (and query) of an absolute-form target "http://host:port/p?q";
// "/" when it has none. Other targets are returned unchanged.
std::string_view OriginForm(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() && EqualsIgnoreCase(target.substr(0, scheme.size()), scheme)) {
      std::string_view rest = target.substr(scheme.size());
      size_t slash = rest.find_first_of("/?");
      return slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    }
  }
  return target;
}

}  // namespace

void RequestData::Clear() {
  method = Method::kOther;
  version = 11;
  target.clear();
  authorization.clear();
  purpose.clear();
  content_type.clear();
  accept_encoding.clear();
  if_none_match.clear();
  idempotency_key.clear();
  body.clear();
  has_authorization = has_purpose = has_content_type = false;
  host_fields = 0;
  transfer_encoding_fields = 0;
  has_content_length = false;
  refused = {};
}

RequestParser::RequestParser(RequestData& data, size_t max_body) : data_(data), max_body_(max_body) {
  data_.Clear();
}

void RequestParser::Refuse(std::string_view why, beast::error_code& ec) {
  data_.refused = why;
  ec = http::error::bad_field;  // any parse error: it stops the parser
}

void RequestParser::on_request_impl(http::verb method, beast::string_view, beast::string_view target, int version,
                                    beast::error_code&) {
  data_.method = ToMethod(method);
  data_.version = version;
  std::string_view t = OriginForm(std::string_view(target.data(), target.size()));
  data_.target.assign(t.data(), t.size());
  body_limit(RequestBodyLimit(data_.method, data_.target, max_body_));
}

// The first occurrence of a header counts (as fields::find would give).
void RequestParser::on_field_impl(http::field name, beast::string_view name_string, beast::string_view value,
                                  beast::error_code& ec) {
  switch (name) {
    case http::field::authorization:
      if (!data_.has_authorization) data_.authorization.assign(value.data(), value.size());
      data_.has_authorization = true;
      return;
    case http::field::content_type:
      if (!data_.has_content_type) data_.content_type.assign(value.data(), value.size());
      data_.has_content_type = true;
      return;
    case http::field::accept_encoding:
      if (data_.accept_encoding.empty()) data_.accept_encoding.assign(value.data(), value.size());
      return;
    case http::field::if_none_match:
      if (data_.if_none_match.empty()) data_.if_none_match.assign(value.data(), value.size());
      return;
    case http::field::host:
      if (++data_.host_fields > 1) Refuse("more than one Host header", ec);
      return;
    case http::field::content_length:
      data_.has_content_length = true;
      if (data_.transfer_encoding_fields > 0) Refuse("both Transfer-Encoding and Content-Length", ec);
      return;
    case http::field::transfer_encoding:
      ++data_.transfer_encoding_fields;
      if (data_.version < 11) return Refuse("Transfer-Encoding in an HTTP/1.0 request", ec);
      if (data_.has_content_length) return Refuse("both Transfer-Encoding and Content-Length", ec);
      if (data_.transfer_encoding_fields > 1 ||
          !EqualsIgnoreCase(Trim(std::string_view(value.data(), value.size())), "chunked")) {
        return Refuse("Transfer-Encoding other than 'chunked' is not supported", ec);
      }
      return;
    case http::field::unknown:
      if (beast::iequals(name_string, "X-Purpose")) {
        if (!data_.has_purpose) data_.purpose.assign(value.data(), value.size());
        data_.has_purpose = true;
      } else if (beast::iequals(name_string, "Idempotency-Key")) {
        if (data_.idempotency_key.empty()) data_.idempotency_key.assign(value.data(), value.size());
      }
      return;
    default:
      return;
  }
}

void RequestParser::on_header_impl(beast::error_code& ec) {
  if (data_.version >= 11 && data_.host_fields == 0) Refuse("missing Host header (required in HTTP/1.1)", ec);
}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& length, beast::error_code&) {
  // The parser has already refused a length over body_limit.
  if (length) data_.body.reserve(static_cast<size_t>(*length));
}

size_t RequestParser::on_body_impl(beast::string_view body, beast::error_code&) {
  data_.body.append(body.data(), body.size());
  return body.size();
}

size_t RequestParser::on_chunk_body_impl(std::uint64_t, beast::string_view body, beast::error_code&) {
  data_.body.append(body.data(), body.size());
  return body.size();
}

}  // namespace zicht::server

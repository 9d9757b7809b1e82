#include "server/error_response.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "common/client_text.h"

namespace zicht::server {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthorized: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kCorruption:
    case StatusCode::kIOError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

void WriteError(HttpResponse& res, int http_status, std::string_view code, std::string_view raw_message) {
  // Messages often quote what the client sent; whatever a handler put in,
  // the answer stays short valid UTF-8 (a 10 MB `kind` once came back whole).
  const std::string message = SanitizeText(raw_message, kMaxErrorMessageBytes);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  w.EndObject();
  res.status = http_status;
  res.content_type = "application/json";
  res.body.assign(buf.GetString(), buf.GetSize());
}

void WriteError(HttpResponse& res, const Status& status) {
  WriteError(res, HttpStatusFor(status.code()), StatusCodeName(status.code()), status.message());
}

}  // namespace zicht::server

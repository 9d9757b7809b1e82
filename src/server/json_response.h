#pragma once
// A 200 answer whose body a RapidJSON writer built (the analyst's reads).
#include <rapidjson/stringbuffer.h>

#include "server/http_message.h"

namespace zicht::server {

inline void WriteJsonResponse(HttpResponse& res, const rapidjson::StringBuffer& buf) {
  res.status = 200;
  res.content_type = "application/json";
  res.body.assign(buf.GetString(), buf.GetSize());
}

}  // namespace zicht::server

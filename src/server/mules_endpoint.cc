// GET /v1/mules: the accounts most likely to be money mules, with the
// cluster each sits in (docs/design.md "HTTP API"; docs/api.md).
#include <rapidjson/stringbuffer.h>

#include "link/export.h"
#include "link/verdict_json.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleMules(const EndpointCall& call) {
  Service& service = call.service;
  HttpResponse& res = call.res;
  std::string_view query = call.query;
  auto top = PositiveQueryParam(query, "top", kDefaultTop, kMaxTop);
  if (!top.ok()) return WriteError(res, top.status());
  std::vector<link::IdentifierNode> mules = service.engine().Mules(*top);
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  w.StartObject();
  w.Key("mules");
  w.StartArray();
  for (const link::IdentifierNode& n : mules) {
    w.StartObject();
    link::WriteIdentifierNodeFields(w, n);
    // The cluster the IBAN sits in, so the dashboard can link to it.
    w.Key("cluster");
    link::WriteClusterRefJson(w, service.engine().Check(n.kind, n.canonical).cluster);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  WriteJsonResponse(res, buf);
}

ZICHT_REGISTER_ROUTE(mules, {.method = Method::kGet, .path = "/v1/mules", .name = "mules",
                             .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                             .handler = HandleMules});

}  // namespace
}  // namespace zicht::server

// DELETE /v1/reports/{source}/{id}: erasure (AVG/GDPR art. 17) of one
// report from the store and the index (docs/privacy.md, "Erasure").
//
// Who may erase: an analyst any report; a reporter key only reports of the
// sources its partner writes (Principal::MayWrite, the same rule as for
// POST /v1/reports); a checker nothing (the route's right). Every attempt is
// audited — who, when, which report key, erased or not_found — never the
// report's contents.
//
// The erasure itself, and the order in which store and index change, is
// Service::EraseReport (service_writes.cc).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

void HandleEraseReport(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  const Principal& who = *call.who;
  Service& service = call.service;
  HttpResponse& res = call.res;
  std::optional<std::string> source = PercentDecode(call.path_param);
  std::optional<std::string> id = PercentDecode(call.path_param2);
  if (!source || !id) return WriteError(res, 400, "invalid_argument", "malformed percent-escape in the path");
  if (!model::IsValidSource(*source)) {
    return WriteError(res, 400, "invalid_argument", "{source} must match [a-z0-9_-]{1,32}");
  }
  if (who.role != Role::kAnalyst && !who.MayWrite(*source)) {
    return WriteError(res, 403, "permission_denied",
                      "partner '" + who.partner + "' may not erase reports of another source (this key may write " +
                          who.WritableSources() + ")");
  }
  constexpr std::string_view kEndpoint = "DELETE /v1/reports/{source}/{id}";
  Result<int64_t> erased = service.EraseReport({*source, *id});
  const bool found = erased.ok();
  if (found || erased.status().IsNotFound()) {
    res.audit_ticket = service.Audit(who, req, kEndpoint, "report", std::string(), *source + "/" + *id,
                                     found ? "erased" : "not_found");
  }
  if (!found) {
    Status s = erased.status();
    if (s.IsNotFound()) s = Status::NotFound(s.message() + "; nothing changed");
    return WriteError(res, s);
  }
  service.metrics().AddErased(1);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  w.StartObject();
  w.Key("status");
  w.String("erased");
  w.Key("source");
  w.String(source->c_str(), static_cast<rapidjson::SizeType>(source->size()));
  w.Key("id");
  w.String(id->c_str(), static_cast<rapidjson::SizeType>(id->size()));
  w.EndObject();
  res.status = 200;
  res.body.assign(out.GetString(), out.GetSize());
}

// A reporter key may erase only its own partner's sources (checked above,
// Principal::MayWrite), an analyst any.
ZICHT_REGISTER_ROUTE(erase_report, {.method = Method::kDelete, .path = "/v1/reports/{source}/{id}",
                                    .name = "erase_report",
                                    .access = Access::kKey, .right = Right::kSubmit, .body = BodySize::kNone,
                                    .handler = HandleEraseReport});

}  // namespace
}  // namespace zicht::server

// POST /form/report: the public report form (docs/design.md "Web app").
// One report, no key: it is filed under the form partner's reporter key
// (--form-partner), with the source and a readable reference assigned here,
// through the same Service::Ingest as POST /v1/reports. Rate-limited per
// client address.
#include <openssl/rand.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>

#include "ingest/ingest_summary.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/service.h"

namespace zicht::server {
namespace {

// "MF-2026-7K2QX9PA": MF (meldformulier), the year, 8 random characters
// from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read
// out on the phone. 40 bits: collisions are negligible at form volumes, and
// a repeat would be an `updated`, never a lost report.
std::string NewFormReference() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  unsigned char raw[8];
  if (RAND_bytes(raw, sizeof raw) != 1) return std::string();
  std::string year = FormatDate(SystemClock().Now()).substr(0, 4);
  std::string out = "MF-" + year + "-";
  for (unsigned char c : raw) out += kAlphabet[c % (sizeof kAlphabet - 1)];
  return out;
}

void HandleFormReport(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  Service& service = call.service;
  HttpResponse& res = call.res;
  const std::optional<Principal> form_principal = service.FormPrincipal();
  if (!form_principal) {
    return WriteError(res, 503, "unavailable",
                      service.options().form_partner.empty()
                          ? "the public report form is not enabled on this server (start it with --form-partner)"
                          : "the public report form is closed: its partner has no active reporter key");
  }
  if (!service.form_limiter().Allow(req.client_ip, std::chrono::steady_clock::now())) {
    res.retry_after = 60;
    return WriteError(res, 429, "rate_limited", "too many reports from this address; try again in a minute");
  }
  StackJson json;
  Status s = json.Parse(req.body);
  if (!s.ok()) return WriteError(res, s);
  JsonDocument& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be one report as a JSON object");
  for (const char* field : {"source", "id"}) {
    if (doc.HasMember(field)) {
      return WriteError(res, 400, "invalid_argument",
                        std::string("field '") + field + "' is assigned by the server; leave it out");
    }
  }
  std::string reference = NewFormReference();
  if (reference.empty()) return WriteError(res, 500, "internal", "could not create a reference");
  auto& alloc = doc.GetAllocator();
  doc.AddMember("source", rapidjson::Value(form_principal->partner.c_str(), alloc), alloc);
  doc.AddMember("id", rapidjson::Value(reference.c_str(), alloc), alloc);
  rapidjson::StringBuffer line;
  rapidjson::Writer<rapidjson::StringBuffer> w(line);
  doc.Accept(w);
  Result<ingest::IngestSummary> summary =
      service.Ingest(req, std::string_view(line.GetString(), line.GetSize()), *form_principal, "POST /form/report",
                     false, &res.audit_ticket);
  if (!summary.ok()) return WriteError(res, summary.status());
  if (summary->rejected > 0) {
    std::string message = "report rejected";
    if (!summary->rejections.empty()) {
      const ingest::Rejection& r = summary->rejections.front();
      message = r.field.empty() ? r.reason : "field '" + r.field + "': " + r.reason;
    }
    return WriteError(res, 400, "invalid_argument", message);
  }
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> ow(out);
  ow.StartObject();
  ow.Key("reference");
  ow.String(reference.c_str(), static_cast<rapidjson::SizeType>(reference.size()));
  ow.Key("status");
  ow.String("accepted");
  ow.EndObject();
  res.status = 200;
  res.body.assign(out.GetString(), out.GetSize());
}


ZICHT_REGISTER_ROUTE(form_report, {.method = Method::kPost, .path = "/form/report", .name = "form_report",
                                   .access = Access::kPublic, .right = Right::kCheck, .body = BodySize::kPublic,
                                   .handler = HandleFormReport});

}  // namespace
}  // namespace zicht::server

// GET /v1/marks: the identifiers partners reported back on (docs/alerts.md,
// "Outcomes and disputes"; docs/api.md) — confirmed mules (a bank blocked
// or closed the account), open disputes and upheld ones, with the reason
// codes a check adds for them (alert/marks.h), and every outcome partners
// reported, summed up per outcome (alert/outcome_summary.h: euros frozen
// and recovered, why nothing was done) — so the dashboard can show them
// next to the identifiers of a cluster, its reports and the mule list
// without a check per identifier. Analysts with scope detail only (it names
// identifiers and the partners that reported on them); audited with the
// number listed, never the identifiers.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <utility>

#include "alert/cluster_outcomes.h"
#include "alert/outcome_summary.h"
#include "link/json_writer.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_response.h"
#include "server/service.h"

namespace zicht::server {
namespace {

// In the order alert::Marks::Apply adds them to a verdict.
enum MarkBit : unsigned { kConfirmedMule = 1, kDisputed = 2, kDisputeUpheld = 4 };

void HandleMarks(const EndpointCall& call) {
  HttpResponse& res = call.res;
  auto marks = call.service.alerts().IdentifierMarks();
  if (!marks.ok()) return WriteError(res, marks.status());
  auto feedback = call.service.alerts().FeedbackRows();
  if (!feedback.ok()) return WriteError(res, feedback.status());
  const alert::OutcomesByIdentifier outcomes = alert::SummarizeOutcomes(*feedback);
  std::map<std::pair<std::string, std::string>, unsigned> by_identifier;  // ordered by kind, then value
  for (const auto& [list, bit] : {std::pair{&marks->confirmed_mule, kConfirmedMule},
                                  std::pair{&marks->disputed, kDisputed},
                                  std::pair{&marks->dispute_upheld, kDisputeUpheld}}) {
    for (const store::IdentifierMark& m : *list) by_identifier[{m.kind, m.normalized}] |= bit;
  }
  // Outcomes that mark nothing (funds frozen, no action) list their identifier too.
  for (const auto& entry : outcomes) by_identifier.try_emplace(entry.first, 0u);
  static const std::vector<alert::OutcomeSummary> kNone;
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("marks");
  w.StartArray();
  for (const auto& [identifier, bits] : by_identifier) {
    w.StartObject();
    w.Key("kind");
    link::WriteString(w, identifier.first);
    w.Key("value");
    link::WriteString(w, identifier.second);
    w.Key("reasons");
    w.StartArray();
    if (bits & kConfirmedMule) w.String("CONFIRMED_MULE");
    if (bits & kDisputed) w.String("DISPUTED");
    if (bits & kDisputeUpheld) w.String("DISPUTE_UPHELD");
    w.EndArray();
    w.Key("outcomes");
    auto found = outcomes.find(identifier);
    alert::WriteOutcomeSummaries(w, found == outcomes.end() ? kNone : found->second);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  res.audit_ticket = call.service.Audit(*call.who, call.req, "GET /v1/marks", std::string(), std::string(), "marks",
                                        std::to_string(by_identifier.size()));
  WriteJsonResponse(res, buf);
}

ZICHT_REGISTER_ROUTE(marks, {.method = Method::kGet, .path = "/v1/marks", .name = "marks",
                             .access = Access::kKey, .right = Right::kReadContents, .body = BodySize::kNone,
                             .handler = HandleMarks});

}  // namespace
}  // namespace zicht::server

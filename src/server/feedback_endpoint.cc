// POST /v1/feedback: what a partner did with an alert or an identifier
// (docs/alerts.md, "Outcomes"; docs/api.md):
//   {"alert_id":"al_…" | "identifier":{"kind","value"},
//    "outcome":"account_blocked|account_closed|funds_frozen|funds_recovered|false_positive|no_action",
//    "amount_eur":N (funds_frozen, funds_recovered), "reason":"…" (no_action; optional for false_positive)}
// An alert must be the caller's partner's: another partner's alert and an
// unknown id get the same 404, so alert ids cannot be probed. A confirmed
// block (account_blocked, account_closed) makes the IBAN a confirmed mule
// in checks; a false_positive opens a dispute for an analyst. Stored and
// audited (the alert id or the identifier's kind; never its value).
#include <algorithm>
#include <cmath>

#include "alert/outcome_summary.h"
#include "common/time.h"
#include "server/alert_service.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/identifier_field.h"
#include "server/json_body.h"
#include "server/service.h"

namespace zicht::server {
namespace {

constexpr size_t kMaxReason = 500;
constexpr double kMaxEuro = 1e12;

std::string OutcomeList() {
  std::string out;
  for (std::string_view o : alert::kOutcomeNames) (out.empty() ? out : out += ", ") += o;
  return out;
}

void HandleFeedback(const EndpointCall& call) {
  HttpResponse& res = call.res;
  const Principal& who = *call.who;
  StackJson json;
  if (Status s = json.Parse(call.req.body); !s.ok()) return WriteError(res, s);
  const JsonDocument& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be a JSON object");
  store::Feedback f;
  f.partner = who.partner;
  f.created_at = SystemClock().Now();
  auto outcome = doc.FindMember("outcome");
  if (outcome == doc.MemberEnd() || !outcome->value.IsString()) {
    return WriteError(res, 400, "invalid_argument", "field 'outcome' is required: one of " + OutcomeList());
  }
  f.outcome = std::string(JsonString(outcome->value));
  if (std::find(alert::kOutcomeNames.begin(), alert::kOutcomeNames.end(), f.outcome) == alert::kOutcomeNames.end()) {
    return WriteError(res, 400, "invalid_argument",
                      "field 'outcome': unknown outcome '" + f.outcome + "'; one of " + OutcomeList());
  }
  if (auto reason = doc.FindMember("reason"); reason != doc.MemberEnd()) {
    if (!reason->value.IsString() || reason->value.GetStringLength() > kMaxReason) {
      return WriteError(res, 400, "invalid_argument", "field 'reason' must be a string of at most 500 bytes");
    }
    f.reason = std::string(JsonString(reason->value));
  }
  if (f.outcome == "no_action" && f.reason.empty()) {
    return WriteError(res, 400, "invalid_argument", "field 'reason' is required with outcome no_action");
  }
  const bool money = alert::OutcomeHasAmount(f.outcome);
  auto amount = doc.FindMember("amount_eur");
  if (money) {
    if (amount == doc.MemberEnd() || !amount->value.IsNumber() || !(amount->value.GetDouble() > 0) ||
        amount->value.GetDouble() > kMaxEuro) {
      return WriteError(res, 400, "invalid_argument",
                        "field 'amount_eur' is required with outcome " + f.outcome + ": a positive number of euros");
    }
    f.amount_cents = std::llround(amount->value.GetDouble() * 100);
  } else if (amount != doc.MemberEnd()) {
    return WriteError(res, 400, "invalid_argument", "field 'amount_eur' belongs to funds_frozen and funds_recovered");
  }
  auto alert_id = doc.FindMember("alert_id");
  auto identifier = doc.FindMember("identifier");
  if ((alert_id == doc.MemberEnd()) == (identifier == doc.MemberEnd())) {
    return WriteError(res, 400, "invalid_argument", "give exactly one of 'alert_id' and 'identifier'");
  }
  AlertService& alerts = call.service.alerts();
  if (alert_id != doc.MemberEnd()) {
    if (!alert_id->value.IsString()) return WriteError(res, 400, "invalid_argument", "field 'alert_id' must be a string");
    f.alert_id = std::string(JsonString(alert_id->value));
    auto a = alerts.GetAlert(f.alert_id);
    if (!a.ok() || a->partner != who.partner) {
      if (!a.ok() && !a.status().IsNotFound()) return WriteError(res, a.status());
      return WriteError(res, 404, "not_found",
                        "no alert '" + f.alert_id + "' for partner '" + who.partner + "' (field 'alert_id')");
    }
    f.kind = a->kind;
    f.normalized = a->normalized;
  } else {
    auto field = ReadIdentifierField(identifier->value, "identifier");
    if (!field.ok()) return WriteError(res, field.status());
    f.kind = std::string(model::kIdentifierKindNames.Name(field->kind));
    f.normalized = field->normalized;
  }
  auto dispute = alerts.AddFeedback(f);
  if (!dispute.ok()) return WriteError(res, dispute.status());
  res.audit_ticket = call.service.Audit(who, call.req, "POST /v1/feedback", f.kind, std::string(),
                                        f.alert_id.empty() ? "identifier" : f.alert_id, f.outcome);
  res.status = 200;
  res.content_type = "application/json";
  res.body = "{\"status\":\"stored\",\"outcome\":\"" + f.outcome + "\",\"dispute_id\":" +
             (*dispute > 0 ? std::to_string(*dispute) : std::string("null")) + "}";
}

ZICHT_REGISTER_ROUTE(feedback, {.method = Method::kPost, .path = "/v1/feedback", .name = "feedback",
                                .access = Access::kKey, .right = Right::kCheck, .body = BodySize::kQuery,
                                .handler = HandleFeedback});

}  // namespace
}  // namespace zicht::server

// The alert endpoints (docs/alerts.md; docs/api.md).
//
// GET /v1/alerts?after=CURSOR&limit=N: the pull feed of alerts for the
// caller's partner (docs/alerts.md, "Pull feed"; docs/api.md). Any key of
// the partner reads it; the evidence in each alert is cut to the key's
// scope. `next` is the cursor to pass as `after` next time: the sequence
// number of the last alert returned (or `after` itself on an empty page),
// so the feed is durable, in order and resumable. Every read is audited
// (how many alerts were handed out; never the identifiers).
//
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
//
// POST /v1/disputes: a partner contests an identifier it believes is
// wrongly flagged — {"kind","value","reason"} (docs/alerts.md, "Disputes";
// docs/api.md). While the dispute is open, checks show DISPUTED among the
// reasons; an analyst resolves it (`zicht disputes resolve`). Audited with
// the identifier's kind and the dispute id, never its value.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "alert/alert_json.h"
#include "common/time.h"
#include "server/alert_service.h"
#include "server/error_response.h"
#include "server/identifier_field.h"
#include "server/json_body.h"
#include "server/query_string.h"
#include "server/service.h"

namespace zicht::server {
namespace {

constexpr size_t kDefaultAlertsLimit = 100;
constexpr size_t kMaxAlertsLimit = 1000;
constexpr std::string_view kOutcomes[] = {"account_blocked", "account_closed", "funds_frozen",
                                          "funds_recovered", "false_positive", "no_action"};
constexpr size_t kMaxReason = 500;
constexpr double kMaxEuro = 1e12;

std::string OutcomeList() {
  std::string out;
  for (std::string_view o : kOutcomes) (out.empty() ? out : out += ", ") += o;
  return out;
}

}  // namespace

void Service::HandleAlerts(const HttpRequest& req, std::string_view query, const Principal& who, HttpResponse& res) {
  int64_t after = 0;
  if (std::optional<std::string> text = QueryParam(query, "after"); text && !text->empty()) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), after);
    if (ec != std::errc() || end != text->data() + text->size() || after < 0) {
      return WriteError(res, 400, "invalid_argument", "after must be a cursor: the 'next' of an earlier answer");
    }
  }
  std::optional<size_t> limit = kDefaultAlertsLimit;
  if (std::optional<std::string> text = QueryParam(query, "limit"); text) {
    size_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    limit = ec == std::errc() && end == text->data() + text->size() && n >= 1 && n <= kMaxAlertsLimit
                ? std::optional<size_t>(n)
                : std::nullopt;
  }
  if (!limit) return WriteError(res, 400, "invalid_argument", "limit must be a whole number from 1 to 1000");
  auto alerts = alerts_->AlertsAfter(who.partner, after, static_cast<int64_t>(*limit));
  if (!alerts.ok()) return WriteError(res, alerts.status());
  std::string& body = res.body;
  body.assign("{\"alerts\":[");
  for (size_t i = 0; i < alerts->size(); ++i) {
    if (i) body.push_back(',');
    alert::AppendAlertJson((*alerts)[i], who.scope, &body);
  }
  const int64_t next = alerts->empty() ? after : alerts->back().seq;
  body.append("],\"next\":\"").append(std::to_string(next)).append("\"}");
  res.status = 200;
  res.content_type = "application/json";
  res.audit_ticket = Audit(who, req, "GET /v1/alerts", std::string(), std::string(),
                                        "after " + std::to_string(after), std::to_string(alerts->size()) + " alerts");
}

void Service::HandleFeedback(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  StackJson json;
  if (Status s = json.Parse(req.body); !s.ok()) return WriteError(res, s);
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
  if (std::find(std::begin(kOutcomes), std::end(kOutcomes), f.outcome) == std::end(kOutcomes)) {
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
  const bool money = f.outcome == "funds_frozen" || f.outcome == "funds_recovered";
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
  AlertService& alerts = *alerts_;
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
  res.audit_ticket = Audit(who, req, "POST /v1/feedback", f.kind, std::string(),
                                        f.alert_id.empty() ? "identifier" : f.alert_id, f.outcome);
  res.status = 200;
  res.content_type = "application/json";
  res.body = "{\"status\":\"stored\",\"outcome\":\"" + f.outcome + "\",\"dispute_id\":" +
             (*dispute > 0 ? std::to_string(*dispute) : std::string("null")) + "}";
}

void Service::HandleOpenDispute(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  StackJson json;
  if (Status s = json.Parse(req.body); !s.ok()) return WriteError(res, s);
  const JsonDocument& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be a JSON object {kind, value, reason}");
  auto field = ReadIdentifierField(doc, "");
  if (!field.ok()) {
    // "field '.kind'" → "field 'kind'": the identifier is the body itself.
    std::string message = field.status().message();
    if (auto at = message.find("'."); at != std::string::npos) message.erase(at + 1, 1);
    return WriteError(res, 400, "invalid_argument", message);
  }
  auto reason = doc.FindMember("reason");
  if (reason == doc.MemberEnd() || !reason->value.IsString() || reason->value.GetStringLength() == 0 ||
      reason->value.GetStringLength() > kMaxReason) {
    return WriteError(res, 400, "invalid_argument",
                      "field 'reason' is required: why the identifier is wrongly flagged (1 to 500 bytes)");
  }
  store::Dispute d;
  d.partner = who.partner;
  d.kind = std::string(model::kIdentifierKindNames.Name(field->kind));
  d.normalized = field->normalized;
  d.reason = std::string(JsonString(reason->value));
  d.opened_at = SystemClock().Now();
  auto id = alerts_->OpenDispute(d);
  if (!id.ok()) return WriteError(res, id.status());
  res.audit_ticket = Audit(who, req, "POST /v1/disputes", d.kind, std::string(),
                                        "dispute/" + std::to_string(*id), "open");
  res.status = 200;
  res.content_type = "application/json";
  res.body = "{\"id\":" + std::to_string(*id) + ",\"state\":\"open\"}";
}

}  // namespace zicht::server

// POST /form/validate: the public report form checks an IBAN, phone number
// or amount (kind "damage_eur": "1.250,50", "€ 450", ingest/euro_amount.h)
// as the victim types it (docs/design.md "Web app"). No key: it answers only
// "is this well-formed", never whether the value is known from fraud.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "ingest/euro_amount.h"
#include "normalize/normalize.h"
#include "server/endpoint.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/service.h"

namespace zicht::server {
namespace {

// Dutch wording for the form, chosen from the English reason the normaliser
// gives; a generic sentence when no pattern fits.
std::string DutchMessage(model::IdentifierKind kind, std::string_view english) {
  auto has = [&](std::string_view word) { return english.find(word) != std::string_view::npos; };
  if (kind == model::IdentifierKind::kIban) {
    if (has("empty")) return "vul een IBAN in";
    if (has("placeholder")) return "deze IBAN klopt niet: vul het echte rekeningnummer in";
    if (has("check digit")) return "deze IBAN klopt niet: de controlecijfers wijken af";
    if (has("length") || has("long") || has("short") || has("characters")) {
      return "deze IBAN klopt niet: het aantal tekens past niet bij het land";
    }
    if (has("country")) return "deze IBAN klopt niet: onbekende landcode (bijvoorbeeld NL)";
    return "deze IBAN klopt niet: controleer het nummer";
  }
  if (has("empty")) return "vul een telefoonnummer in";
  if (has("placeholder")) return "dit telefoonnummer klopt niet: vul het echte nummer in";
  if (has("short")) return "dit telefoonnummer klopt niet: te weinig cijfers";
  if (has("long")) return "dit telefoonnummer klopt niet: te veel cijfers";
  return "dit telefoonnummer klopt niet: controleer het nummer";
}

void WriteAnswer(HttpResponse& res, bool valid, std::string_view normalized, std::string_view nl,
                 std::string_view en) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("valid");
  w.Bool(valid);
  w.Key("normalized");
  w.String(normalized.data(), static_cast<rapidjson::SizeType>(normalized.size()));
  w.Key("message");
  w.String(nl.data(), static_cast<rapidjson::SizeType>(nl.size()));
  w.Key("message_en");
  w.String(en.data(), static_cast<rapidjson::SizeType>(en.size()));
  w.EndObject();
  res.status = 200;
  res.body.assign(buf.GetString(), buf.GetSize());
}

// "1250.50" for the answer's `normalized`: what the form may send as a number.
void ValidateAmount(std::string_view value, HttpResponse& res) {
  auto cents = ingest::ParseEuroAmountCents(value);
  if (!cents.ok()) {
    return WriteAnswer(res, false, "", "dit bedrag klopt niet: schrijf het als 1250 of 1.250,50",
                       "this amount is not valid (" + cents.status().message() + ")");
  }
  std::string frac = std::to_string(*cents % 100);
  std::string normalized = std::to_string(*cents / 100) + "." + (frac.size() == 1 ? "0" : "") + frac;
  WriteAnswer(res, true, normalized, "dit bedrag klopt", "this amount is valid");
}

void HandleFormValidate(const EndpointCall& call) {
  const HttpRequest& req = call.req;
  HttpResponse& res = call.res;
  StackJson json;
  Status s = json.Parse(req.body);
  if (!s.ok()) return WriteError(res, s);
  const auto& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be a JSON object");
  auto kind_it = doc.FindMember("kind");
  auto value_it = doc.FindMember("value");
  if (kind_it == doc.MemberEnd() || !kind_it->value.IsString()) {
    return WriteError(res, 400, "invalid_argument", "field 'kind' is required: \"iban\", \"phone\" or \"damage_eur\"");
  }
  std::string_view kind_text = JsonString(kind_it->value);
  if (kind_text == "damage_eur") {
    if (value_it == doc.MemberEnd() || !value_it->value.IsString()) {
      return WriteError(res, 400, "invalid_argument", "field 'value' is required and must be a string");
    }
    return ValidateAmount(JsonString(value_it->value), res);
  }
  model::IdentifierKind kind;
  if (kind_text == "iban") {
    kind = model::IdentifierKind::kIban;
  } else if (kind_text == "phone") {
    kind = model::IdentifierKind::kPhone;
  } else {
    return WriteError(res, 400, "invalid_argument",
                      "field 'kind' must be \"iban\", \"phone\" or \"damage_eur\", not '" + std::string(kind_text) + "'");
  }
  if (value_it == doc.MemberEnd() || !value_it->value.IsString()) {
    return WriteError(res, 400, "invalid_argument", "field 'value' is required and must be a string");
  }
  auto normalized = normalize::Normalize(kind, JsonString(value_it->value));
  const bool iban = kind == model::IdentifierKind::kIban;
  std::string nl = normalized.ok() ? (iban ? "deze IBAN klopt" : "dit telefoonnummer klopt")
                                   : DutchMessage(kind, normalized.status().message());
  std::string en = normalized.ok() ? (iban ? "this IBAN is valid" : "this phone number is valid")
                                   : normalized.status().message();
  WriteAnswer(res, normalized.ok(), normalized.ok() ? std::string_view(normalized->canonical) : "", nl, en);
}

ZICHT_REGISTER_ROUTE(form_validate, {.method = Method::kPost, .path = "/form/validate", .name = "form_validate",
                                     .access = Access::kPublic, .right = Right::kCheck, .body = BodySize::kPublic,
                                     .handler = HandleFormValidate});

}  // namespace
}  // namespace zicht::server

// POST /form/validate: the public report form checks an IBAN or phone number
// as the victim types it (docs/design.md "Web app"). No key: it answers only
// "is this well-formed", never whether the value is known from fraud.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "normalize/normalize.h"
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

}  // namespace

void Service::HandleFormValidate(const HttpRequest& req, HttpResponse& res) {
  StackJson json;
  Status s = json.Parse(req.body);
  if (!s.ok()) return WriteError(res, s);
  const auto& doc = json.doc();
  if (!doc.IsObject()) return WriteError(res, 400, "invalid_argument", "body must be a JSON object");
  auto kind_it = doc.FindMember("kind");
  auto value_it = doc.FindMember("value");
  if (kind_it == doc.MemberEnd() || !kind_it->value.IsString()) {
    return WriteError(res, 400, "invalid_argument", "field 'kind' is required: \"iban\" or \"phone\"");
  }
  std::string_view kind_text = JsonString(kind_it->value);
  model::IdentifierKind kind;
  if (kind_text == "iban") {
    kind = model::IdentifierKind::kIban;
  } else if (kind_text == "phone") {
    kind = model::IdentifierKind::kPhone;
  } else {
    return WriteError(res, 400, "invalid_argument",
                      "field 'kind' must be \"iban\" or \"phone\", not '" + std::string(kind_text) + "'");
  }
  if (value_it == doc.MemberEnd() || !value_it->value.IsString()) {
    return WriteError(res, 400, "invalid_argument", "field 'value' is required and must be a string");
  }
  auto normalized = normalize::Normalize(kind, JsonString(value_it->value));
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("valid");
  w.Bool(normalized.ok());
  w.Key("normalized");
  if (normalized.ok()) {
    w.String(normalized->canonical.c_str(), static_cast<rapidjson::SizeType>(normalized->canonical.size()));
  } else {
    w.String("");
  }
  const bool iban = kind == model::IdentifierKind::kIban;
  std::string nl = normalized.ok() ? (iban ? "deze IBAN klopt" : "dit telefoonnummer klopt")
                                   : DutchMessage(kind, normalized.status().message());
  std::string en = normalized.ok() ? (iban ? "this IBAN is valid" : "this phone number is valid")
                                   : normalized.status().message();
  w.Key("message");
  w.String(nl.c_str(), static_cast<rapidjson::SizeType>(nl.size()));
  w.Key("message_en");
  w.String(en.c_str(), static_cast<rapidjson::SizeType>(en.size()));
  w.EndObject();
  res.status = 200;
  res.body.assign(buf.GetString(), buf.GetSize());
}

}  // namespace zicht::server

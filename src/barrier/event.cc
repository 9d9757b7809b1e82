#include "barrier/event.h"

#include <rapidjson/document.h>
#include "common/json_parse.h"

#include <cmath>

#include "barrier/event_json.h"

namespace zicht::barrier {

namespace {

// Amounts above this are a mistake in the data, not a payment (and would
// overflow cents arithmetic long before): €1e12.
constexpr double kMaxEuro = 1e12;

Status FieldError(std::string_view field, std::string_view what) {
  return Status::InvalidArgument(std::string(field) + ": " + std::string(what));
}

// A required (or, with `required` false, optional) string member.
Status GetString(const rapidjson::Value& obj, const char* name, bool required, std::string* out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    return required ? FieldError(name, "missing") : Status::Ok();
  }
  if (!it->value.IsString()) return FieldError(name, "must be a string");
  out->assign(it->value.GetString(), it->value.GetStringLength());
  if (required && out->empty()) return FieldError(name, "must not be empty");
  return Status::Ok();
}

// Euro amount → cents. `found` tells whether the member was there.
Status GetEuro(const rapidjson::Value& obj, const char* name, bool required, bool allow_zero, int64_t* cents) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    return required ? FieldError(name, "missing") : Status::Ok();
  }
  if (!it->value.IsNumber()) return FieldError(name, "must be a number (euro)");
  double euro = it->value.GetDouble();
  if (!std::isfinite(euro) || euro < 0 || (!allow_zero && euro == 0)) {
    return FieldError(name, allow_zero ? "must be a number ≥ 0" : "must be a number > 0");
  }
  if (euro > kMaxEuro) return FieldError(name, "too large");
  *cents = std::llround(euro * 100);
  return Status::Ok();
}

}  // namespace

Result<Event> EventFromJson(const rapidjson::Value& value) {
  if (!value.IsObject()) return Status::InvalidArgument("event: must be a JSON object");
  Event event;
  std::string text;
  ZICHT_RETURN_IF_ERROR(GetString(value, "type", true, &text));
  auto type = kEventTypeNames.Parse(text);
  if (!type) return FieldError("type", "unknown event type '" + text + "' (" + kEventTypeNames.Joined() + ")");
  event.type = *type;
  ZICHT_RETURN_IF_ERROR(GetString(value, "account", true, &event.account));
  ZICHT_RETURN_IF_ERROR(GetString(value, "at", true, &text));
  auto at = ParseRfc3339(text);
  if (!at.ok()) return FieldError("at", at.status().message());
  if (at->date_only) return FieldError("at", "needs a date-time, not only a date");
  event.at = at->seconds;

  switch (event.type) {
    case EventType::kLogin:
      ZICHT_RETURN_IF_ERROR(GetString(value, "device", true, &event.device));
      break;
    case EventType::kContactChange:
      ZICHT_RETURN_IF_ERROR(GetString(value, "field", false, &event.field));
      break;
    case EventType::kLimitChange:
      ZICHT_RETURN_IF_ERROR(GetEuro(value, "old_limit_eur", false, true, &event.old_limit_cents));
      ZICHT_RETURN_IF_ERROR(GetEuro(value, "new_limit_eur", true, true, &event.new_limit_cents));
      break;
    case EventType::kPayment: {
      ZICHT_RETURN_IF_ERROR(GetEuro(value, "amount_eur", true, false, &event.amount_cents));
      ZICHT_RETURN_IF_ERROR(GetString(value, "beneficiary_iban", true, &event.beneficiary_iban));
      ZICHT_RETURN_IF_ERROR(GetString(value, "beneficiary_name", false, &event.beneficiary_name));
      ZICHT_RETURN_IF_ERROR(GetString(value, "device", false, &event.device));
      ZICHT_RETURN_IF_ERROR(GetString(value, "channel", false, &event.channel));
      auto it = value.FindMember("new_beneficiary");
      if (it != value.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsBool()) return FieldError("new_beneficiary", "must be true or false");
        event.new_beneficiary = it->value.GetBool() ? 1 : 0;
      }
      break;
    }
  }
  return event;
}

Result<Event> ParseEvent(std::string_view json) {
  rapidjson::Document doc;
  ZICHT_RETURN_IF_ERROR(ParseJson(json, doc));
  return EventFromJson(doc);
}

}  // namespace zicht::barrier

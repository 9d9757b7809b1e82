#include "ingest/validator.h"

#include <cmath>
#include <string_view>

#include "ingest/euro_amount.h"
#include "normalize/normalize.h"

namespace zicht::ingest {
namespace {

using rapidjson::Value;

std::string_view View(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

// Characters, not bytes: the 128 limit is on what a person sees.
size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A message that may quote input, made printable ASCII so no broken UTF-8
// reaches a terminal or a JSON summary.
std::string SanitizeText(std::string_view text) {
  constexpr size_t kMaxShown = 200;
  std::string out;
  for (char c : text.substr(0, kMaxShown)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

FieldError Err(std::string field, std::string reason) { return FieldError{std::move(field), std::move(reason)}; }

// A value from a closed list. Wrong values are echoed: they are vocabulary,
// not personal data, and seeing "'Phishing'" tells the partner what to fix.
template <typename Enum, size_t N>
std::optional<FieldError> ParseEnum(const Value& v, const std::string& field, const char* what,
                                    const model::EnumNames<Enum, N>& names, Enum* out) {
  if (!v.IsString()) return Err(field, "must be a string");
  auto e = names.Parse(View(v));
  if (!e) {
    return Err(field, "'" + SanitizeFieldName(View(v)) + "' is not " + what + " (allowed: " + names.Joined() + ")");
  }
  *out = *e;
  return std::nullopt;
}

std::optional<FieldError> ParseTime(const Value& v, const std::string& field, std::string* text,
                                    UnixSeconds* seconds) {
  if (!v.IsString()) return Err(field, "must be an RFC 3339 date or date-time string");
  auto t = ParseRfc3339(View(v));
  if (!t.ok()) return Err(field, SanitizeText(t.status().message()));
  text->assign(View(v));
  if (seconds) *seconds = t->seconds;
  return std::nullopt;
}

std::optional<FieldError> ParseVictim(const Value& v, ValidatedReport* out) {
  if (!v.IsObject()) return Err("victim", "must be an object with age_band and region");
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    std::string_view name = View(m->name);
    if (m->value.IsNull()) continue;
    if (name == "age_band") {
      model::AgeBand a{};
      if (auto e = ParseEnum(m->value, "victim.age_band", "an age band", model::kAgeBandNames, &a)) return e;
      out->report.victim.age_band = a;
    } else if (name == "region") {
      model::Region r{};
      if (auto e = ParseEnum(m->value, "victim.region", "an ISO 3166-2:NL region", model::kRegionNames, &r)) return e;
      out->report.victim.region = r;
    } else {
      out->unknown_fields.push_back("victim." + SanitizeFieldName(name));
    }
  }
  return std::nullopt;
}

std::optional<FieldError> ParseIdentifier(const Value& v, size_t index, ValidatedReport* out) {
  const std::string prefix = "identifiers[" + std::to_string(index) + "]";
  if (!v.IsObject()) return Err(prefix, "must be an object with kind, value and role");
  const Value* kind = nullptr;
  const Value* value = nullptr;
  const Value* role = nullptr;
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    std::string_view name = View(m->name);
    if (name == "kind") kind = &m->value;
    else if (name == "value") value = &m->value;
    else if (name == "role") role = &m->value;
    else out->unknown_fields.push_back("identifiers[]." + SanitizeFieldName(name));
  }
  model::Identifier id;
  if (!kind || kind->IsNull()) return Err(prefix + ".kind", "missing");
  if (auto e = ParseEnum(*kind, prefix + ".kind", "an identifier kind", model::kIdentifierKindNames, &id.kind)) return e;
  if (!value || value->IsNull()) return Err(prefix + ".value", "missing");
  if (!value->IsString()) return Err(prefix + ".value", "must be a string");
  id.value.assign(View(*value));
  id.role = model::DefaultRole(id.kind);
  if (role && !role->IsNull()) {
    if (auto e = ParseEnum(*role, prefix + ".role", "a role", model::kRoleNames, &id.role)) return e;
  }
  normalize::NormalizeIdentifier(id);
  if (!id.valid) ++out->invalid_identifiers;
  out->report.identifiers.push_back(std::move(id));
  return std::nullopt;
}

}  // namespace

std::string SanitizeFieldName(std::string_view name) {
  constexpr size_t kMaxShown = 64;
  std::string out;
  out.reserve(std::min(name.size(), kMaxShown));
  for (char c : name.substr(0, kMaxShown)) out += (c >= 0x20 && c < 0x7f && c != '\'') ? c : '?';
  return out;
}

std::optional<FieldError> ValidateReport(const Value& v, ValidatedReport* out) {
  if (!v.IsObject()) return Err("", "not a JSON object");
  *out = ValidatedReport{};
  model::Report& r = out->report;

  // One pass over the members to find the known ones; then each is checked
  // in a fixed order, so the reason for a line with several faults does not
  // depend on the order its fields were written in.
  const Value* id = nullptr;
  const Value* source = nullptr;
  const Value* reported_at = nullptr;
  const Value* occurred_at = nullptr;
  const Value* fraud_type = nullptr;
  const Value* outcome = nullptr;
  const Value* damage = nullptr;
  const Value* channel = nullptr;
  const Value* victim = nullptr;
  const Value* identifiers = nullptr;
  const Value* text = nullptr;
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    std::string_view name = View(m->name);
    const Value* val = m->value.IsNull() ? nullptr : &m->value;
    if (name == "id") id = val;
    else if (name == "source") source = val;
    else if (name == "reported_at") reported_at = val;
    else if (name == "occurred_at") occurred_at = val;
    else if (name == "fraud_type") fraud_type = val;
    else if (name == "outcome") outcome = val;
    else if (name == "damage_eur") damage = val;
    else if (name == "channel") channel = val;
    else if (name == "victim") victim = val;
    else if (name == "identifiers") identifiers = val;
    else if (name == "text") text = val;
    else out->unknown_fields.push_back(SanitizeFieldName(name));
  }

  if (!id) return Err("id", "missing");
  if (!id->IsString()) return Err("id", "must be a string");
  if (id->GetStringLength() == 0) return Err("id", "must not be empty");
  if (Utf8Length(View(*id)) > model::kMaxIdLength) return Err("id", "longer than 128 characters");
  r.key.id.assign(View(*id));

  if (!source) return Err("source", "missing");
  if (!source->IsString()) return Err("source", "must be a string");
  if (!model::IsValidSource(View(*source))) {
    return Err("source", "must be 1 to 32 characters of a-z, 0-9, '_' or '-'");
  }
  r.key.source.assign(View(*source));

  if (!reported_at) return Err("reported_at", "missing");
  if (auto e = ParseTime(*reported_at, "reported_at", &r.reported_at, &r.reported_at_seconds)) return e;

  if (!fraud_type) return Err("fraud_type", "missing");
  if (auto e = ParseEnum(*fraud_type, "fraud_type", "a fraud type", model::kFraudTypeNames, &r.fraud_type)) return e;

  if (occurred_at) {
    std::string t;
    if (auto e = ParseTime(*occurred_at, "occurred_at", &t, nullptr)) return e;
    r.occurred_at = std::move(t);
  }

  if (damage && damage->IsString()) {
    // As people type it: "1.250,50", "€ 450" (euro_amount.h).
    auto cents = ParseEuroAmountCents(View(*damage));
    if (!cents.ok()) {
      const std::string& why = cents.status().message();
      return Err("damage_eur", why == "not an amount" || why == "negative" ? why : "not an amount: " + why);
    }
    r.damage_cents = *cents;
  } else if (damage) {
    if (!damage->IsNumber()) return Err("damage_eur", "not a number");
    double eur = damage->GetDouble();
    if (!std::isfinite(eur)) return Err("damage_eur", "not a number");
    if (eur < 0) return Err("damage_eur", "negative");
    if (eur > kMaxDamageEur) return Err("damage_eur", "larger than 1e12");
    r.damage_cents = std::llround(eur * 100.0);
  }

  r.outcome = model::DefaultOutcome(r.damage_cents);
  if (outcome) {
    if (auto e = ParseEnum(*outcome, "outcome", "an outcome", model::kOutcomeNames, &r.outcome)) return e;
  }

  if (channel) {
    model::Channel c{};
    if (auto e = ParseEnum(*channel, "channel", "a channel", model::kChannelNames, &c)) return e;
    r.channel = c;
  }

  if (victim) {
    if (auto e = ParseVictim(*victim, out)) return e;
  }

  if (identifiers) {
    if (!identifiers->IsArray()) return Err("identifiers", "must be an array");
    if (identifiers->Size() > model::kMaxIdentifiersPerReport) {
      return Err("identifiers", "more than " + std::to_string(model::kMaxIdentifiersPerReport) + " identifiers");
    }
    r.identifiers.reserve(identifiers->Size());
    for (rapidjson::SizeType i = 0; i < identifiers->Size(); ++i) {
      if (auto e = ParseIdentifier((*identifiers)[i], i, out)) return e;
    }
  }

  if (text) {
    if (!text->IsString()) return Err("text", "must be a string");
    if (Utf8Length(View(*text)) > model::kMaxTextChars) {
      return Err("text", "longer than " + std::to_string(model::kMaxTextChars) + " characters");
    }
    r.text.assign(View(*text));
  }
  return std::nullopt;
}

}  // namespace zicht::ingest

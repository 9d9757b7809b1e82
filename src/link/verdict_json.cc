#include "link/verdict_json.h"

namespace zicht::link {
namespace {

// An RFC 3339 string, or null; without building a std::string per value.
void WriteTime(JsonWriter& w, const std::optional<UnixSeconds>& t) {
  if (!t) {
    w.Null();
    return;
  }
  Rfc3339Chars c = FormatRfc3339Chars(*t);
  w.String(c.data(), static_cast<rapidjson::SizeType>(c.size()));
}

}  // namespace

void WriteVerdictJson(JsonWriter& w, const Verdict& v) {
  w.StartObject();
  w.Key("kind");
  WriteString(w, model::kIdentifierKindNames.Name(v.kind));
  w.Key("value");
  if (v.pseudonym.empty()) WriteString(w, v.value);
  else w.Null();
  if (!v.pseudonym.empty()) {
    w.Key("pseudonym");
    WriteString(w, v.pseudonym);
  }
  w.Key("normalized");
  if (v.normalized.empty()) w.Null();
  else WriteString(w, v.normalized);
  w.Key("valid");
  w.Bool(v.valid);
  w.Key("known");
  w.Bool(v.known);
  w.Key("risk");
  WriteString(w, kRiskNames.Name(v.risk));
  w.Key("reasons");
  w.StartArray();
  for (const auto& r : v.reasons) WriteString(w, r);
  w.EndArray();
  w.Key("reports");
  w.Int64(v.reports);
  w.Key("losses");
  w.Int64(v.losses);
  w.Key("damage_eur");
  WriteEuro(w, v.damage_cents);
  w.Key("first_seen");
  WriteTime(w, v.first_seen);
  w.Key("last_seen");
  WriteTime(w, v.last_seen);
  w.Key("fraud_types");
  w.StartArray();
  for (auto t : v.fraud_types) WriteString(w, model::kFraudTypeNames.Name(t));
  w.EndArray();
  w.Key("cluster");
  WriteClusterRefJson(w, v.cluster);
  w.EndObject();
}

void WriteClusterRefJson(JsonWriter& w, const std::optional<ClusterRef>& c) {
  if (!c) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("id");
  WriteString(w, c->id);
  w.Key("reports");
  w.Int64(c->reports);
  w.EndObject();
}

std::string VerdictJson(const Verdict& v) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteVerdictJson(w, v);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace zicht::link

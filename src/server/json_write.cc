#include "server/json_write.h"

namespace zicht::server {

void WriteReport(JsonWriter& w, const store::StoredReport& stored) {
  const model::Report& r = stored.report;
  w.StartObject();
  w.Key("id");
  WriteStr(w, r.key.id);
  w.Key("source");
  WriteStr(w, r.key.source);
  w.Key("reported_at");
  WriteStr(w, r.reported_at);
  if (r.occurred_at) {
    w.Key("occurred_at");
    WriteStr(w, *r.occurred_at);
  }
  w.Key("fraud_type");
  WriteStr(w, model::kFraudTypeNames.Name(r.fraud_type));
  w.Key("outcome");
  WriteStr(w, model::kOutcomeNames.Name(r.outcome));
  if (r.damage_cents) {
    w.Key("damage_eur");
    WriteEuros(w, *r.damage_cents);
  }
  if (r.channel) {
    w.Key("channel");
    WriteStr(w, model::kChannelNames.Name(*r.channel));
  }
  if (r.victim.age_band || r.victim.region) {
    w.Key("victim");
    w.StartObject();
    if (r.victim.age_band) {
      w.Key("age_band");
      WriteStr(w, model::kAgeBandNames.Name(*r.victim.age_band));
    }
    if (r.victim.region) {
      w.Key("region");
      WriteStr(w, model::kRegionNames.Name(*r.victim.region));
    }
    w.EndObject();
  }
  w.Key("identifiers");
  w.StartArray();
  for (const model::Identifier& id : r.identifiers) {
    w.StartObject();
    w.Key("kind");
    WriteStr(w, model::kIdentifierKindNames.Name(id.kind));
    w.Key("value");
    WriteStr(w, id.value);
    w.Key("role");
    WriteStr(w, model::kRoleNames.Name(id.role));
    w.Key("normalized");
    if (id.valid) WriteStr(w, id.canonical); else w.Null();
    w.Key("valid");
    w.Bool(id.valid);
    if (!id.valid && !id.invalid_reason.empty()) {
      w.Key("invalid_reason");
      WriteStr(w, id.invalid_reason);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("text");
  WriteStr(w, r.text);
  w.EndObject();
}

void WriteClusterSummaryFields(JsonWriter& w, const link::ClusterSummary& c, std::string_view reports_key) {
  w.Key("id");
  WriteStr(w, c.id);
  w.Key(reports_key.data(), static_cast<rapidjson::SizeType>(reports_key.size()));
  w.Int64(c.reports);
  w.Key("sources");
  w.Int64(c.sources);
  w.Key("losses");
  w.Int64(c.losses);
  w.Key("damage_eur");
  WriteEuros(w, c.damage_cents);
  w.Key("first_seen");
  WriteStr(w, FormatRfc3339(c.first_seen));
  w.Key("last_seen");
  WriteStr(w, FormatRfc3339(c.last_seen));
  w.Key("mules");
  w.Int64(c.mules);
  w.Key("leads");
  w.Int64(c.leads);
  w.Key("fraud_types");
  w.StartArray();
  for (const auto& [type, count] : c.fraud_types) {
    w.StartObject();
    w.Key("fraud_type");
    WriteStr(w, model::kFraudTypeNames.Name(type));
    w.Key("reports");
    w.Int64(count);
    w.EndObject();
  }
  w.EndArray();
  w.Key("score");
  w.Double(c.score);
  w.Key("explanation");
  w.StartArray();
  for (const std::string& e : c.explanation) WriteStr(w, e);
  w.EndArray();
}

void WriteIdentifierNodeFields(JsonWriter& w, const link::IdentifierNode& n) {
  w.Key("kind");
  WriteStr(w, model::kIdentifierKindNames.Name(n.kind));
  w.Key("canonical");
  WriteStr(w, n.canonical);
  w.Key("roles");
  w.StartArray();
  for (model::Role r : n.roles) WriteStr(w, model::kRoleNames.Name(r));
  w.EndArray();
  w.Key("reports");
  w.Int64(n.reports);
  w.Key("mule");
  w.Bool(n.mule);
  w.Key("linkable");
  w.Bool(n.linkable);
}

}  // namespace zicht::server

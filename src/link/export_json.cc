#include "link/export.h"

namespace zicht::link {

std::string JoinExplanation(const ClusterSummary& s) {
  std::string out;
  for (size_t i = 0; i < s.explanation.size(); ++i) {
    if (i) out += ", ";
    out += s.explanation[i];
  }
  return out;
}

void WriteClusterSummaryJson(JsonWriter& w, const ClusterSummary& s) {
  w.StartObject();
  w.Key("id");
  WriteString(w, s.id);
  w.Key("score");
  w.Double(s.score);
  w.Key("reports");
  w.Int64(s.reports);
  w.Key("sources");
  w.Int64(s.sources);
  w.Key("losses");
  w.Int64(s.losses);
  w.Key("damage_eur");
  WriteEuro(w, s.damage_cents);
  w.Key("first_seen");
  WriteString(w, FormatRfc3339(s.first_seen));
  w.Key("last_seen");
  WriteString(w, FormatRfc3339(s.last_seen));
  w.Key("mules");
  w.Int64(s.mules);
  w.Key("leads");
  w.Int64(s.leads);
  w.Key("fraud_types");
  w.StartArray();
  for (const auto& [type, count] : s.fraud_types) {
    w.StartObject();
    w.Key("fraud_type");
    WriteString(w, model::kFraudTypeNames.Name(type));
    w.Key("reports");
    w.Int64(count);
    w.EndObject();
  }
  w.EndArray();
  w.Key("explanation");
  w.StartArray();
  for (const std::string& e : s.explanation) WriteString(w, e);
  w.EndArray();
  w.EndObject();
}

void WriteIdentifierNodeFields(JsonWriter& w, const IdentifierNode& n) {
  w.Key("kind");
  WriteString(w, model::kIdentifierKindNames.Name(n.kind));
  w.Key("canonical");
  WriteString(w, n.canonical);
  w.Key("domain");
  w.Bool(n.domain);
  w.Key("roles");
  w.StartArray();
  for (auto r : n.roles) WriteString(w, model::kRoleNames.Name(r));
  w.EndArray();
  w.Key("reports");
  w.Int64(n.reports);
  w.Key("mule");
  w.Bool(n.mule);
  w.Key("linkable");
  w.Bool(n.linkable);
  w.Key("warning_listed");
  w.Bool(n.warning_listed);
}

void WriteIdentifierNodeJson(JsonWriter& w, const IdentifierNode& n) {
  w.StartObject();
  WriteIdentifierNodeFields(w, n);
  w.EndObject();
}

void WriteLinkWarningJson(JsonWriter& w, const LinkWarning& l) {
  w.StartObject();
  w.Key("kind");
  WriteString(w, model::kIdentifierKindNames.Name(l.kind));
  w.Key("value");
  WriteString(w, l.canonical);
  w.Key("domain");
  w.Bool(l.domain);
  w.Key("reports");
  w.Int64(l.reports);
  w.Key("fraud_types");
  w.StartObject();
  for (const auto& [type, count] : l.fraud_types) {
    WriteKey(w, model::kFraudTypeNames.Name(type));
    w.Int64(count);
  }
  w.EndObject();
  w.Key("cluster_id");
  WriteString(w, l.cluster_id);
  w.Key("message");
  WriteString(w, l.message);
  w.EndObject();
}

void WriteReportJson(JsonWriter& w, const store::StoredReport& sr) {
  const model::Report& r = sr.report;
  w.StartObject();
  w.Key("source");
  WriteString(w, r.key.source);
  w.Key("id");
  WriteString(w, r.key.id);
  w.Key("reported_at");
  WriteString(w, r.reported_at);
  if (r.occurred_at) {
    w.Key("occurred_at");
    WriteString(w, *r.occurred_at);
  }
  w.Key("fraud_type");
  WriteString(w, model::kFraudTypeNames.Name(r.fraud_type));
  w.Key("outcome");
  WriteString(w, model::kOutcomeNames.Name(r.outcome));
  // Unknown damage is null, not 0: "no loss reported" is not "€ 0".
  w.Key("damage_eur");
  if (r.damage_cents) {
    WriteEuro(w, *r.damage_cents);
  } else {
    w.Null();
  }
  if (r.channel) {
    w.Key("channel");
    WriteString(w, model::kChannelNames.Name(*r.channel));
  }
  if (r.victim.age_band || r.victim.region) {
    w.Key("victim");
    w.StartObject();
    if (r.victim.age_band) {
      w.Key("age_band");
      WriteString(w, model::kAgeBandNames.Name(*r.victim.age_band));
    }
    if (r.victim.region) {
      w.Key("region");
      WriteString(w, model::kRegionNames.Name(*r.victim.region));
    }
    w.EndObject();
  }
  w.Key("identifiers");
  w.StartArray();
  for (const auto& id : r.identifiers) {
    w.StartObject();
    w.Key("kind");
    WriteString(w, model::kIdentifierKindNames.Name(id.kind));
    w.Key("value");
    WriteString(w, id.value);
    w.Key("normalized");
    if (id.valid) WriteString(w, id.canonical);
    else w.Null();
    w.Key("role");
    WriteString(w, model::kRoleNames.Name(id.role));
    w.Key("valid");
    w.Bool(id.valid);
    if (!id.valid && !id.invalid_reason.empty()) {
      w.Key("invalid_reason");
      WriteString(w, id.invalid_reason);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("text");
  WriteString(w, r.text);
  w.EndObject();
}

std::string ClusterDetailJson(const ClusterDetail& d, const IdentifierNodeExtra& extra) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("cluster");
  WriteClusterSummaryJson(w, d.summary);
  w.Key("reports");
  w.StartArray();
  for (const auto& r : d.reports) WriteReportJson(w, r);
  w.EndArray();
  w.Key("identifiers");
  w.StartArray();
  for (const auto& n : d.identifiers) {
    w.StartObject();
    WriteIdentifierNodeFields(w, n);
    if (extra) extra(w, n);
    w.EndObject();
  }
  w.EndArray();
  w.Key("mules");
  w.StartArray();
  for (const auto& n : d.identifiers) {
    if (n.mule) WriteString(w, n.canonical);
  }
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (const auto& e : d.edges) {
    w.StartObject();
    w.Key("report");
    w.Uint64(e.report);
    w.Key("identifier");
    w.Uint64(e.identifier);
    w.Key("role");
    WriteString(w, model::kRoleNames.Name(e.role));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace zicht::link

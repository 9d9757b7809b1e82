// MISP event export of one cluster (link/export.h; mapping in
// docs/linking.md, "MISP"). MISP is what CERTs and many fraud teams run;
// an event in its core JSON format is what "Add event → Populate from JSON"
// and the /events/add API take.
//
// The event is deterministic (uuids are UUIDv5 of the cluster id and the
// values), so exporting the same cluster twice updates one MISP event
// instead of creating a second. Distribution defaults to 0 ("your
// organisation only"): what Zicht knows came from partners under agreement,
// and sharing it wider is the analyst's decision in MISP. Numbers are
// strings where MISP writes strings (threat_level_id, analysis,
// distribution, timestamp).
#include "link/export.h"

namespace zicht::link {
namespace {

struct MispType {
  const char* type;
  const char* category;
};

// A Bitcoin address: base58 starting with 1 or 3, or bech32 "bc1".
bool LooksBitcoin(std::string_view v) {
  return v.starts_with("bc1") || ((v.starts_with('1') || v.starts_with('3')) && v.size() >= 26 && v.size() <= 35);
}

MispType TypeOf(const IdentifierNode& n) {
  if (n.domain) return {"domain", "Network activity"};
  switch (n.kind) {
    case model::IdentifierKind::kIban: return {"iban", "Financial fraud"};
    case model::IdentifierKind::kPhone: return {"phone-number", "Person"};
    case model::IdentifierKind::kEmail: return {"email-src", "Payload delivery"};
    case model::IdentifierKind::kUrl: return {"url", "Network activity"};
    case model::IdentifierKind::kCrypto:
      if (LooksBitcoin(n.canonical)) return {"btc", "Financial fraud"};
      if ((n.canonical.starts_with('4') || n.canonical.starts_with('8')) && n.canonical.size() == 95) {
        return {"xmr", "Financial fraud"};
      }
      return {"text", "Financial fraud"};
    case model::IdentifierKind::kDevice: return {"text", "Other"};
    case model::IdentifierKind::kHandle: return {"text", "Social network"};
  }
  return {"text", "Other"};
}

void Str(JsonWriter& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  WriteString(w, value);
}

}  // namespace

std::string ClusterMisp(const ClusterDetail& d) {
  const std::string timestamp = std::to_string(d.summary.last_seen);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("Event");
  w.StartObject();
  Str(w, "uuid", UuidV5("zicht-misp-event:" + d.summary.id));
  std::string types;
  for (const auto& [type, count] : d.summary.fraud_types) {
    types += (types.empty() ? "" : ", ") + std::string(model::kFraudTypeNames.Name(type));
  }
  Str(w, "info", "Zicht cluster " + d.summary.id + ": " + std::to_string(d.summary.reports) + " reports (" + types +
                     "), " + std::to_string(d.summary.sources) + " sources");
  Str(w, "date", FormatDate(d.summary.first_seen));
  // 1 high, 2 medium: money mules mean money is moving now.
  Str(w, "threat_level_id", d.summary.mules > 0 ? "1" : "2");
  Str(w, "analysis", "1");  // ongoing: the cluster grows with new reports
  Str(w, "distribution", "0");
  w.Key("published");
  w.Bool(false);
  Str(w, "timestamp", timestamp);
  w.Key("Tag");
  w.StartArray();
  w.StartObject();
  Str(w, "name", "tlp:amber");
  w.EndObject();
  for (const auto& [type, count] : d.summary.fraud_types) {
    w.StartObject();
    Str(w, "name", "zicht:fraud-type=\"" + std::string(model::kFraudTypeNames.Name(type)) + "\"");
    w.EndObject();
  }
  w.EndArray();
  w.Key("Attribute");
  w.StartArray();
  for (const auto& n : d.identifiers) {
    // Only identifiers that link: a warning-listed or spoofed value is
    // someone else's legitimate one (a bank's number, a marketplace), an
    // invalid one is noise; neither belongs in an IOC feed.
    if (!n.linkable) continue;
    MispType t = TypeOf(n);
    w.StartObject();
    Str(w, "uuid", UuidV5("zicht-misp-attribute:" + d.summary.id + ":" + std::string(t.type) + ":" + n.canonical));
    Str(w, "type", t.type);
    Str(w, "category", t.category);
    Str(w, "value", n.canonical);
    w.Key("to_ids");
    w.Bool(true);
    Str(w, "distribution", "5");  // inherit the event's
    std::string comment = "zicht " + std::string(model::kIdentifierKindNames.Name(n.kind)) + "; roles:";
    for (model::Role r : n.roles) comment += " " + std::string(model::kRoleNames.Name(r));
    comment += "; in " + std::to_string(n.reports) + " reports";
    if (n.mule) comment += "; money-mule candidate";
    Str(w, "comment", comment);
    Str(w, "timestamp", timestamp);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace zicht::link

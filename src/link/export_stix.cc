// STIX 2.1 export of one cluster (link/export.h; mapping in docs/linking.md).
//
// Identifiers become cyber-observable objects (SCOs): url, email-addr,
// domain-name (a URL's registrable domain) from STIX core, and for kinds
// STIX 2.1 has no object for, new SCOs zicht-iban, zicht-phone,
// zicht-device, zicht-handle and zicht-crypto defined by one
// `extension-definition` object (extension type `new-sco`) in the bundle,
// which each of them names in its `extensions` — the STIX 2.1 way (§7.3)
// that replaced custom `x-` objects. SCO ids are UUIDv5
// over {"value":…} in the STIX namespace, as the spec prescribes for
// deterministic ids, so the same IBAN gets the same id in every bundle and
// a TIP can merge bundles. Linkable identifiers also get an indicator
// (pattern "[zicht-iban:value = '…']"); reports become incident objects
// (name "source/id", no victim data); relationships tie incidents to the
// observables they name (with the role) and indicators to their observable.
#include <openssl/sha.h>

#include <utility>

#include "common/encoding.h"
#include "link/export.h"

namespace zicht::link {
namespace {

// STIX 2.1 §2.9: the namespace for deterministic SCO identifiers.
constexpr unsigned char kStixNamespace[16] = {0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c,
                                              0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7};

}  // namespace

std::string UuidV5(std::string_view name) {
  std::string data(reinterpret_cast<const char*>(kStixNamespace), 16);
  data.append(name);
  unsigned char h[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), h);
  h[6] = static_cast<unsigned char>((h[6] & 0x0f) | 0x50);
  h[8] = static_cast<unsigned char>((h[8] & 0x3f) | 0x80);
  // The UUID's 8-4-4-4-12 groups of hex digits.
  std::string out;
  static constexpr std::pair<int, int> kGroups[] = {{0, 4}, {4, 6}, {6, 8}, {8, 10}, {10, 16}};
  for (auto [from, to] : kGroups) {
    if (from != 0) out.push_back('-');
    AppendHex({h + from, static_cast<size_t>(to - from)}, &out);
  }
  return out;
}

namespace {

std::string StixTime(UnixSeconds t) {
  std::string s = FormatRfc3339(t);  // "…:SSZ"
  s.insert(s.size() - 1, ".000");
  return s;
}

std::string ScoType(const IdentifierNode& n) {
  if (n.domain) return "domain-name";
  switch (n.kind) {
    case model::IdentifierKind::kUrl: return "url";
    case model::IdentifierKind::kEmail: return "email-addr";
    case model::IdentifierKind::kIban: return "zicht-iban";
    case model::IdentifierKind::kPhone: return "zicht-phone";
    case model::IdentifierKind::kDevice: return "zicht-device";
    case model::IdentifierKind::kHandle: return "zicht-handle";
    case model::IdentifierKind::kCrypto: return "zicht-crypto";
  }
  return "zicht-identifier";
}

// The SCO types the extension definition adds (all but url, email-addr and
// domain-name, which STIX core has).
bool IsExtensionType(std::string_view type) { return type.starts_with("zicht-"); }

// The value of a {"value": …} object as JSON, for the UUIDv5 name.
std::string ValueJson(std::string_view value) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("value");
  WriteString(w, value);
  w.EndObject();
  return buffer.GetString();
}

// STIX patterning string literal: quote and backslash escaped.
std::string PatternLiteral(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

void Common(JsonWriter& w, const std::string& type, const std::string& id, const std::string& created,
            const std::string& creator) {
  w.Key("type");
  WriteString(w, type);
  w.Key("spec_version");
  WriteString(w, "2.1");
  w.Key("id");
  WriteString(w, id);
  w.Key("created");
  WriteString(w, created);
  w.Key("modified");
  WriteString(w, created);
  if (!creator.empty()) {
    w.Key("created_by_ref");
    WriteString(w, creator);
  }
}

void Relationship(JsonWriter& w, const std::string& type, const std::string& source, const std::string& target,
                  const std::string& created, const std::string& creator, std::string_view description) {
  std::string id = "relationship--" + UuidV5("zicht-relationship:" + type + ":" + source + ":" + target + ":" +
                                             std::string(description));
  w.StartObject();
  Common(w, "relationship", id, created, creator);
  w.Key("relationship_type");
  WriteString(w, type);
  w.Key("source_ref");
  WriteString(w, source);
  w.Key("target_ref");
  WriteString(w, target);
  if (!description.empty()) {
    w.Key("description");
    WriteString(w, description);
  }
  w.EndObject();
}

}  // namespace

std::string ClusterStix(const ClusterDetail& d) {
  const std::string created = StixTime(d.summary.last_seen);
  const std::string identity = "identity--" + UuidV5("zicht-identity:Zicht");
  // Fixed: the definition is the same in every bundle, so a TIP that knows
  // it once knows every Zicht export.
  const std::string extension = "extension-definition--" + UuidV5("zicht-extension:fraud-identifiers:1.0.0");
  std::vector<std::string> sco_ids, indicator_ids, incident_ids;
  for (const auto& n : d.identifiers) sco_ids.push_back(ScoType(n) + "--" + UuidV5(ValueJson(n.canonical)));

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("type");
  w.String("bundle");
  w.Key("id");
  WriteString(w, "bundle--" + UuidV5("zicht-bundle:" + d.summary.id + ":" + created));
  w.Key("objects");
  w.StartArray();

  w.StartObject();
  Common(w, "identity", identity, "2024-01-01T00:00:00.000Z", "");
  w.Key("name");
  w.String("Zicht");
  w.Key("identity_class");
  w.String("system");
  w.EndObject();

  w.StartObject();
  Common(w, "extension-definition", extension, "2024-01-01T00:00:00.000Z", identity);
  w.Key("name");
  w.String("Zicht fraud identifiers");
  w.Key("description");
  w.String("Observables for the identifiers of fraud reports that STIX 2.1 has no object for.");
  w.Key("schema");
  w.String(
      "New SCOs zicht-iban (an IBAN, ISO 13616, upper case without spaces), zicht-phone (E.164), zicht-device "
      "(a device fingerprint), zicht-handle (a social-media or marketplace handle, lower case) and zicht-crypto "
      "(a cryptocurrency address). Each has one required property: value (string, the canonical form). Ids are "
      "UUIDv5 of {\"value\": ...} in the STIX namespace.");
  w.Key("version");
  w.String("1.0.0");
  w.Key("extension_types");
  w.StartArray();
  w.String("new-sco");
  w.EndArray();
  w.EndObject();

  for (size_t i = 0; i < d.identifiers.size(); ++i) {
    const auto& n = d.identifiers[i];
    w.StartObject();
    w.Key("type");
    WriteString(w, ScoType(n));
    w.Key("spec_version");
    w.String("2.1");
    w.Key("id");
    WriteString(w, sco_ids[i]);
    w.Key("value");
    WriteString(w, n.canonical);
    if (IsExtensionType(ScoType(n))) {
      w.Key("extensions");
      w.StartObject();
      w.Key(extension.c_str(), static_cast<rapidjson::SizeType>(extension.size()));
      w.StartObject();
      w.Key("extension_type");
      w.String("new-sco");
      w.EndObject();
      w.EndObject();
    }
    w.EndObject();
    if (!n.linkable) {
      indicator_ids.emplace_back();
      continue;
    }
    std::string id = "indicator--" + UuidV5("zicht-indicator:" + sco_ids[i]);
    indicator_ids.push_back(id);
    w.StartObject();
    Common(w, "indicator", id, created, identity);
    w.Key("name");
    WriteString(w, ScoType(n) + " " + n.canonical);
    w.Key("indicator_types");
    w.StartArray();
    w.String("malicious-activity");
    w.EndArray();
    w.Key("pattern");
    WriteString(w, "[" + ScoType(n) + ":value = " + PatternLiteral(n.canonical) + "]");
    w.Key("pattern_type");
    w.String("stix");
    w.Key("valid_from");
    WriteString(w, StixTime(d.summary.first_seen));
    if (n.mule) {
      w.Key("labels");
      w.StartArray();
      w.String("money-mule-candidate");
      w.EndArray();
    }
    w.EndObject();
    Relationship(w, "related-to", id, sco_ids[i], created, identity, "");
  }

  for (const auto& sr : d.reports) {
    const auto& r = sr.report;
    std::string id = "incident--" + UuidV5("zicht-incident:" + r.key.source + "/" + r.key.id);
    incident_ids.push_back(id);
    w.StartObject();
    Common(w, "incident", id, StixTime(r.reported_at_seconds), identity);
    w.Key("name");
    WriteString(w, r.key.source + "/" + r.key.id);
    w.Key("description");
    WriteString(w, std::string(model::kFraudTypeNames.Name(r.fraud_type)) + ", " +
                       std::string(model::kOutcomeNames.Name(r.outcome)));
    w.EndObject();
  }
  for (const auto& e : d.edges) {
    Relationship(w, "related-to", incident_ids[e.report], sco_ids[e.identifier], created, identity,
                 model::kRoleNames.Name(e.role));
  }

  w.StartObject();
  Common(w, "grouping", "grouping--" + UuidV5("zicht-grouping:" + d.summary.id), created, identity);
  w.Key("name");
  WriteString(w, "Zicht cluster " + d.summary.id);
  w.Key("description");
  WriteString(w, JoinExplanation(d.summary));
  w.Key("context");
  w.String("suspicious-activity");
  w.Key("object_refs");
  w.StartArray();
  for (const auto& id : incident_ids) WriteString(w, id);
  for (const auto& id : sco_ids) WriteString(w, id);
  for (const auto& id : indicator_ids) {
    if (!id.empty()) WriteString(w, id);
  }
  w.EndArray();
  w.EndObject();

  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace zicht::link

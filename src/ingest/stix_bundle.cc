#include "ingest/stix_bundle.h"

#include <cctype>
#include <set>
#include <string_view>
#include <utility>

namespace zicht::ingest {
namespace {

using rapidjson::Value;

std::string_view StringMember(const Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  return it != obj.MemberEnd() && it->value.IsString()
             ? std::string_view(it->value.GetString(), it->value.GetStringLength())
             : std::string_view();
}

// The Zicht kind of a STIX observable type; host: a domain-name.
struct Mapped {
  const char* kind = nullptr;
  bool host = false;
};

Mapped MapType(std::string_view type) {
  if (type.starts_with("x-")) type.remove_prefix(2);  // the older custom x-zicht-* objects
  if (type == "url") return {"url"};
  if (type == "domain-name") return {"url", true};
  if (type == "email-addr") return {"email"};
  if (type == "zicht-iban") return {"iban"};
  if (type == "zicht-phone") return {"phone"};
  if (type == "zicht-device") return {"device"};
  if (type == "zicht-handle") return {"handle"};
  if (type == "zicht-crypto") return {"crypto"};
  return {};
}

// Every `TYPE:value = 'literal'` comparison in a STIX pattern, unescaped.
std::vector<std::pair<std::string, std::string>> Comparisons(std::string_view pattern) {
  std::vector<std::pair<std::string, std::string>> out;
  constexpr std::string_view kProp = ":value";
  for (size_t at = pattern.find(kProp); at != std::string_view::npos; at = pattern.find(kProp, at + 1)) {
    size_t start = at;
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(pattern[start - 1])) || pattern[start - 1] == '-')) {
      --start;
    }
    std::string type(pattern.substr(start, at - start));
    size_t i = at + kProp.size();
    while (i < pattern.size() && pattern[i] == ' ') ++i;
    if (i >= pattern.size() || pattern[i] != '=') continue;
    ++i;
    while (i < pattern.size() && pattern[i] == ' ') ++i;
    if (i >= pattern.size() || pattern[i] != '\'') continue;
    std::string literal;
    bool closed = false;
    for (++i; i < pattern.size(); ++i) {
      if (pattern[i] == '\\' && i + 1 < pattern.size()) {
        literal += pattern[++i];
      } else if (pattern[i] == '\'') {
        closed = true;
        break;
      } else {
        literal += pattern[i];
      }
    }
    if (closed) out.emplace_back(std::move(type), std::move(literal));
  }
  return out;
}

}  // namespace

bool IsStixBundle(const Value& doc) {
  if (!doc.IsObject() || StringMember(doc, "type") != "bundle") return false;
  auto objects = doc.FindMember("objects");
  return objects != doc.MemberEnd() && objects->value.IsArray();
}

void StixBundleToReport(const Value& doc, rapidjson::Document* out, std::vector<std::string>* dropped) {
  auto& a = out->GetAllocator();
  out->SetObject();
  auto str = [&](std::string_view s) { return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a); };
  if (std::string_view id = StringMember(doc, "id"); !id.empty()) out->AddMember("id", str(id), a);
  out->AddMember("source", "stix", a);
  std::string earliest;
  std::set<std::pair<std::string, std::string>> seen;
  Value identifiers(rapidjson::kArrayType);
  auto add = [&](const Mapped& m, std::string_view value) {
    if (!m.kind || value.empty()) return;
    std::string v = m.host ? "http://" + std::string(value) + "/" : std::string(value);
    if (!seen.emplace(m.kind, v).second) return;
    Value ident(rapidjson::kObjectType);
    ident.AddMember("kind", Value(m.kind, a), a);
    ident.AddMember("value", str(v), a);
    identifiers.PushBack(ident, a);
  };
  for (const auto& o : doc["objects"].GetArray()) {
    if (!o.IsObject()) continue;
    std::string_view type = StringMember(o, "type");
    std::string_view created = StringMember(o, "created");
    if (created.size() >= 10 && (earliest.empty() || created.substr(0, 10) < earliest)) {
      earliest = std::string(created.substr(0, 10));
    }
    if (type == "indicator") {
      if (StringMember(o, "pattern_type") != "stix") continue;
      for (const auto& [t, v] : Comparisons(StringMember(o, "pattern"))) add(MapType(t), v);
      continue;
    }
    Mapped m = MapType(type);
    if (m.kind) {
      add(m, StringMember(o, "value"));
    } else if (type != "bundle" && type != "identity" && type != "relationship" && type != "grouping" &&
               type != "incident" && type != "extension-definition" && type != "marking-definition") {
      dropped->push_back("objects[].type=" + std::string(type.substr(0, 40)));
    }
  }
  if (!earliest.empty()) out->AddMember("reported_at", str(earliest), a);
  out->AddMember("fraud_type", "overig", a);
  out->AddMember("identifiers", identifiers, a);
}

}  // namespace zicht::ingest

#include "ingest/misp_event.h"

#include <string_view>

namespace zicht::ingest {
namespace {

using rapidjson::Value;

std::string_view View(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

std::string_view StringMember(const Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  return it != obj.MemberEnd() && it->value.IsString() ? View(it->value) : std::string_view();
}

struct Mapped {
  const char* kind = nullptr;  // nullptr: not a Zicht identifier
  bool host = false;           // a bare host: becomes http://host/
};

Mapped MapType(std::string_view type) {
  if (type == "iban") return {"iban"};
  if (type == "phone-number" || type == "whois-registrant-phone") return {"phone"};
  if (type == "email" || type == "email-src" || type == "whois-registrant-email") return {"email"};
  if (type == "url" || type == "uri" || type == "link") return {"url"};
  if (type == "domain" || type == "hostname" || type == "domain|ip" || type == "hostname|port") return {"url", true};
  if (type == "btc" || type == "xmr" || type == "dash" || type == "bch") return {"crypto"};
  return {};
}

void AddAttributes(const Value& list, Value* identifiers, rapidjson::Document::AllocatorType& a,
                   std::vector<std::string>* dropped) {
  if (!list.IsArray()) return;
  for (const auto& attr : list.GetArray()) {
    if (!attr.IsObject()) continue;
    std::string_view type = StringMember(attr, "type");
    std::string_view value = StringMember(attr, "value");
    if (value.empty()) continue;
    Mapped m = MapType(type);
    if (!m.kind) {
      dropped->push_back("Attribute[].type=" + std::string(type.substr(0, 40)));
      continue;
    }
    std::string v(value);
    if (m.host) {
      v = v.substr(0, v.find('|'));  // "domain|ip", "hostname|port"
      v = "http://" + v + "/";
    }
    Value id(rapidjson::kObjectType);
    id.AddMember("kind", Value(m.kind, a), a);
    id.AddMember("value", Value(v.c_str(), static_cast<rapidjson::SizeType>(v.size()), a), a);
    identifiers->PushBack(id, a);
  }
}

}  // namespace

bool IsMispEvent(const Value& doc) {
  if (!doc.IsObject()) return false;
  auto it = doc.FindMember("Event");
  return it != doc.MemberEnd() && it->value.IsObject();
}

void MispEventToReport(const Value& doc, rapidjson::Document* out, std::vector<std::string>* dropped) {
  const Value& e = doc["Event"];
  auto& a = out->GetAllocator();
  out->SetObject();
  auto str = [&](std::string_view s) { return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a); };
  if (auto uuid = e.FindMember("uuid"); uuid != e.MemberEnd()) out->AddMember("id", Value(uuid->value, a), a);
  out->AddMember("source", "misp", a);
  if (auto date = e.FindMember("date"); date != e.MemberEnd()) out->AddMember("reported_at", Value(date->value, a), a);
  std::string fraud_type = "overig";
  if (auto tags = e.FindMember("Tag"); tags != e.MemberEnd() && tags->value.IsArray()) {
    constexpr std::string_view kPrefix = "zicht:fraud-type=\"";
    for (const auto& t : tags->value.GetArray()) {
      std::string_view name = t.IsObject() ? StringMember(t, "name") : std::string_view();
      if (name.starts_with(kPrefix) && name.ends_with('"')) {
        fraud_type = std::string(name.substr(kPrefix.size(), name.size() - kPrefix.size() - 1));
        break;
      }
    }
  }
  out->AddMember("fraud_type", str(fraud_type), a);
  if (std::string_view info = StringMember(e, "info"); !info.empty()) out->AddMember("text", str(info), a);
  Value identifiers(rapidjson::kArrayType);
  if (auto attrs = e.FindMember("Attribute"); attrs != e.MemberEnd()) {
    AddAttributes(attrs->value, &identifiers, a, dropped);
  }
  if (auto objects = e.FindMember("Object"); objects != e.MemberEnd() && objects->value.IsArray()) {
    for (const auto& o : objects->value.GetArray()) {
      if (!o.IsObject()) continue;
      if (auto attrs = o.FindMember("Attribute"); attrs != o.MemberEnd()) {
        AddAttributes(attrs->value, &identifiers, a, dropped);
      }
    }
  }
  out->AddMember("identifiers", identifiers, a);
}

}  // namespace zicht::ingest

#include "client/blind_client.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>

#include "blind/oprf.h"
#include "blind/verdict_box.h"
#include "common/json_string.h"
#include "normalize/normalize.h"

namespace zicht::client {
namespace {

constexpr size_t kEvaluateBatch = 100;  // server/oprf_request.h kMaxOprfBatch

// One ask on its way through the protocol.
struct Pending {
  std::string canonical;  // empty: invalid, answered locally
  std::string input;      // OPRF input "kind:canonical"
  blind::Scalar blind{};
  blind::Element blinded{};
};

// The verdict POST /v1/check gives for a value the hub does not know (or an
// invalid one), in `scope` ("hit", "risk", "detail"); link/verdict_json.h
// writes the same fields in the same order.
std::string LocalVerdict(const BlindAsk& ask, const std::string& canonical, std::string_view scope) {
  std::string out = "{\"kind\":\"";
  out.append(model::kIdentifierKindNames.Name(ask.kind));
  out.append("\",\"value\":");
  AppendJsonString(ask.value, &out);
  out.append(",\"normalized\":");
  if (canonical.empty()) out.append("null");
  else AppendJsonString(canonical, &out);
  out.append(canonical.empty() ? ",\"valid\":false" : ",\"valid\":true");
  out.append(",\"known\":false,\"risk\":\"none\"");
  if (scope == "hit") return out + "}";
  out.append(canonical.empty() ? ",\"reasons\":[\"INVALID\"]" : ",\"reasons\":[]");
  if (scope == "risk") return out + "}";
  out.append(",\"reports\":0,\"losses\":0,\"damage_eur\":0,\"first_seen\":null,\"last_seen\":null,"
             "\"fraud_types\":[],\"cluster\":null,\"outcomes\":[]}");
  return out;
}

// The opened verdict with "value" set back to what was asked (the hub
// knows only the canonical form).
std::string WithAskedValue(const std::string& verdict_json, const std::string& value) {
  rapidjson::Document doc;
  doc.Parse(verdict_json.c_str(), verdict_json.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("value")) return verdict_json;
  doc["value"].SetString(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), doc.GetAllocator());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

Status HubRefusal(int status, const std::string& body, const std::string& retry_after) {
  std::string message = "the hub answered " + std::to_string(status);
  rapidjson::Document doc;
  doc.Parse(body.c_str(), body.size());
  if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("error") && doc["error"].IsObject() &&
      doc["error"].HasMember("message") && doc["error"]["message"].IsString()) {
    message += ": " + std::string(doc["error"]["message"].GetString());
  }
  switch (status) {
    case 400: return Status::InvalidArgument(message);
    case 401: return Status::Unauthorized(message);
    case 403: return Status::PermissionDenied(message);
    case 429: return Status::TooLarge(message + (retry_after.empty() ? "" : " (Retry-After: " + retry_after + ")"));
    default: return Status::IOError(message);
  }
}

std::optional<std::string> StringField(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return std::nullopt;
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

Result<BlindClient> BlindClient::Open(const BlindCheckOptions& options) {
  ZICHT_RETURN_IF_ERROR(blind::InitSodium());
  ZICHT_ASSIGN_OR_RETURN(HttpClient http, HttpClient::ForUrl(options.url));
  return BlindClient(options, std::move(http));
}

Result<std::string> BlindClient::Call(const std::string& path, const std::string& body) {
  ZICHT_ASSIGN_OR_RETURN(HttpReply reply, http_.Post(path, body, {{"Authorization", "Bearer " + options_.api_key},
                                                                  {"X-Purpose", options_.purpose}}));
  if (reply.status != 200) return HubRefusal(reply.status, reply.body, reply.retry_after);
  return std::move(reply.body);
}

Result<std::vector<std::string>> BlindClient::Check(const std::vector<BlindAsk>& asks) {
  std::vector<Pending> pending(asks.size());
  for (size_t i = 0; i < asks.size(); ++i) {
    auto n = normalize::Normalize(asks[i].kind, asks[i].value);
    if (!n.ok()) continue;
    Pending& p = pending[i];
    p.canonical = n->canonical;
    p.input = blind::OprfInput(model::kIdentifierKindNames.Name(asks[i].kind), p.canonical);
    p.blind = blind::RandomScalar();
    ZICHT_ASSIGN_OR_RETURN(p.blinded, blind::Blind(p.input, p.blind));
  }
  // Evaluate, in batches; remember each ask's token and the key id.
  std::vector<std::optional<blind::Output>> tokens(asks.size());
  std::string key_id;
  std::vector<size_t> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    std::string body = "{\"elements\":[";
    for (size_t j = 0; j < batch.size(); ++j) {
      if (j != 0) body.push_back(',');
      body += "\"" + blind::ToBase64Url(pending[batch[j]].blinded) + "\"";
    }
    body += "]}";
    ZICHT_ASSIGN_OR_RETURN(std::string answer, Call("/v1/oprf/evaluate", body));
    rapidjson::Document doc;
    doc.Parse(answer.c_str(), answer.size());
    auto id = StringField(doc, "key_id");
    if (!id || !doc.HasMember("evaluated") || !doc["evaluated"].IsArray() ||
        doc["evaluated"].Size() != batch.size()) {
      return Status::IOError("the hub's evaluation answer is malformed");
    }
    key_id = *id;
    for (size_t j = 0; j < batch.size(); ++j) {
      const rapidjson::Value& e = doc["evaluated"][static_cast<rapidjson::SizeType>(j)];
      auto raw = e.IsString() ? blind::FromBase64Url(std::string_view(e.GetString(), e.GetStringLength()))
                              : std::nullopt;
      if (!raw || raw->size() != blind::kElementBytes) return Status::IOError("the hub sent a malformed element");
      blind::Element z;
      std::copy(raw->begin(), raw->end(), z.begin());
      Pending& p = pending[batch[j]];
      ZICHT_ASSIGN_OR_RETURN(tokens[batch[j]], blind::Finalize(p.input, p.blind, z));
    }
    batch.clear();
    return Status::Ok();
  };
  for (size_t i = 0; i < asks.size(); ++i) {
    if (pending[i].canonical.empty()) continue;
    batch.push_back(i);
    if (batch.size() == kEvaluateBatch) ZICHT_RETURN_IF_ERROR(flush());
  }
  ZICHT_RETURN_IF_ERROR(flush());

  std::vector<std::string> verdicts(asks.size());
  std::string scope = "hit";
  for (size_t i = 0; i < asks.size(); ++i) {
    if (!tokens[i]) {
      verdicts[i] = LocalVerdict(asks[i], std::string(), scope);  // invalid: never sent
      continue;
    }
    const std::string prefix = blind::BucketPrefix(*tokens[i]);
    ZICHT_ASSIGN_OR_RETURN(std::string answer,
                           Call("/v1/blind/bucket", "{\"key_id\":\"" + key_id + "\",\"prefix\":\"" + prefix + "\"}"));
    rapidjson::Document doc;
    doc.Parse(answer.c_str(), answer.size());
    auto answered_scope = StringField(doc, "scope");
    if (!answered_scope || !doc.HasMember("entries") || !doc["entries"].IsArray()) {
      return Status::IOError("the hub's bucket answer is malformed");
    }
    scope = *answered_scope;
    const std::string context = blind::BoxContext(key_id, prefix, scope);
    std::optional<std::string> opened;
    for (const rapidjson::Value& e : doc["entries"].GetArray()) {
      if (!e.IsString()) continue;
      auto box = blind::FromBase64Url(std::string_view(e.GetString(), e.GetStringLength()));
      if (box) opened = blind::OpenVerdict(*tokens[i], context, *box);
      if (opened) break;
    }
    verdicts[i] = opened ? WithAskedValue(*opened, asks[i].value) : LocalVerdict(asks[i], pending[i].canonical, scope);
  }
  // Invalid asks before any bucket was asked got the default scope; the
  // hub's scope is known now.
  for (size_t i = 0; i < asks.size(); ++i) {
    if (!tokens[i]) verdicts[i] = LocalVerdict(asks[i], std::string(), scope);
  }
  return verdicts;
}

}  // namespace zicht::client

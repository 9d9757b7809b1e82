#include "server/oprf_request.h"

#include "blind/verdict_box.h"
#include "common/json_parse.h"
#include "server/json_body.h"

namespace zicht::server {
namespace {

// The base64url text of a 32-byte element is 43 characters; anything much
// longer is refused before decoding.
constexpr size_t kMaxElementText = 64;

}  // namespace

Status ParseOprfEvaluateRequest(const rapidjson::Value& doc, std::vector<blind::Element>* elements) {
  if (!doc.IsObject()) return Status::InvalidArgument("body must be a JSON object with 'elements'");
  auto it = doc.FindMember("elements");
  if (it == doc.MemberEnd()) return Status::InvalidArgument("field 'elements' is required");
  const rapidjson::Value& list = it->value;
  if (!list.IsArray()) {
    return Status::InvalidArgument(std::string("field 'elements' must be an array, not ") + JsonTypeName(list));
  }
  if (list.Empty()) return Status::InvalidArgument("field 'elements' must not be empty");
  if (list.Size() > kMaxOprfBatch) {
    return Status::InvalidArgument("field 'elements' holds " + std::to_string(list.Size()) + " items; at most " +
                                   std::to_string(kMaxOprfBatch) + " per request");
  }
  elements->clear();
  elements->reserve(list.Size());
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    auto where = [i] { return "elements[" + std::to_string(i) + "]"; };
    const rapidjson::Value& item = list[i];
    if (!item.IsString()) return Status::InvalidArgument(where() + " must be a string, not " + JsonTypeName(item));
    std::string_view text = JsonString(item);
    if (text.size() > kMaxElementText) {
      return Status::InvalidArgument(where() + ": an element is 32 bytes (43 base64url characters)");
    }
    auto raw = blind::FromBase64Url(text);
    if (!raw) return Status::InvalidArgument(where() + ": not base64url without padding");
    auto element = blind::DeserializeElement(
        std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(raw->data()), raw->size()));
    if (!element.ok()) return Status::InvalidArgument(where() + ": " + element.status().message());
    elements->push_back(*element);
  }
  return Status::Ok();
}

Status ParseBlindBucketRequest(const rapidjson::Value& doc, BucketAsk* ask) {
  if (!doc.IsObject()) return Status::InvalidArgument("body must be a JSON object with 'key_id' and 'prefix'");
  for (const char* field : {"key_id", "prefix"}) {
    auto it = doc.FindMember(field);
    if (it == doc.MemberEnd()) return Status::InvalidArgument(std::string("field '") + field + "' is required");
    if (!it->value.IsString()) {
      return Status::InvalidArgument(std::string("field '") + field + "' must be a string, not " +
                                     JsonTypeName(it->value));
    }
  }
  std::string_view key_id = JsonString(doc["key_id"]);
  if (key_id.empty() || key_id.size() > 64) {
    return Status::InvalidArgument("field 'key_id' must be the key id an evaluation returned");
  }
  std::string_view prefix = JsonString(doc["prefix"]);
  if (!blind::IsBucketPrefix(prefix)) {
    return Status::InvalidArgument("field 'prefix' must be " + std::to_string(blind::kPrefixHexChars) +
                                   " lower-case hex digits: the first " + std::to_string(blind::kPrefixBytes) +
                                   " bytes of the token");
  }
  ask->key_id.assign(key_id);
  ask->prefix.assign(prefix);
  return Status::Ok();
}

}  // namespace zicht::server

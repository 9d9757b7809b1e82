#include "server/identifier_field.h"

#include "normalize/normalize.h"

namespace zicht::server {

Result<IdentifierField> ReadIdentifierField(const rapidjson::Value& object, const std::string& where) {
  if (!object.IsObject()) return Status::InvalidArgument("field '" + where + "' must be an object {kind, value}");
  auto kind_it = object.FindMember("kind");
  if (kind_it == object.MemberEnd() || !kind_it->value.IsString()) {
    return Status::InvalidArgument("field '" + where + ".kind' must be one of " +
                                   model::kIdentifierKindNames.Joined());
  }
  auto kind = model::kIdentifierKindNames.Parse(JsonString(kind_it->value));
  if (!kind) {
    return Status::InvalidArgument("field '" + where + ".kind' must be one of " +
                                   model::kIdentifierKindNames.Joined());
  }
  auto value_it = object.FindMember("value");
  if (value_it == object.MemberEnd() || !value_it->value.IsString()) {
    return Status::InvalidArgument("field '" + where + ".value' must be a string");
  }
  auto n = normalize::Normalize(*kind, JsonString(value_it->value));
  if (!n.ok()) return Status::InvalidArgument("field '" + where + ".value': " + n.status().message());
  return IdentifierField{*kind, n->canonical};
}

}  // namespace zicht::server

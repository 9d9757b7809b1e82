#pragma once
// Reading `{"kind","value"}` from a request body for the alert endpoints
// (feedback, disputes): the kind by its wire name, the value normalised as
// a report's would be, errors naming the field.
#include <string>

#include "common/result.h"
#include "model/identifier.h"
#include "server/json_body.h"

namespace zicht::server {

struct IdentifierField {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string normalized;
};

//! `object` must hold "kind" (a known kind) and "value" (a valid value of
//! it). kInvalidArgument naming `where`.kind / `where`.value otherwise.
Result<IdentifierField> ReadIdentifierField(const rapidjson::Value& object, const std::string& where);

}  // namespace zicht::server

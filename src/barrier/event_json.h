#pragma once
// Internal to barrier/: event parsing from an already-parsed RapidJSON value,
// so a JSON array of events is parsed once (evaluate_json.cc).
#include <rapidjson/document.h>

#include "barrier/event.h"

namespace zicht::barrier {

//! As ParseEvent, from a value. Not an object → kInvalidArgument.
Result<Event> EventFromJson(const rapidjson::Value& value);

}  // namespace zicht::barrier

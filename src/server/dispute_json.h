#pragma once
// The one JSON form of a dispute, shared by `zicht disputes list --format
// json` and GET /v1/disputes (docs/alerts.md, "Disputes"):
//   {"id","partner","kind","value","reason","state","opened_at",
//    "resolved_at"|null,"resolution"}
// `value` is the identifier's canonical form: both readers are analysts
// with scope detail (the route needs Right::kReadContents).
//
// Thread-safety: pure functions.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string_view>

#include "store/alert_store.h"

namespace zicht::server {

//! "open", "upheld" or "rejected".
const char* DisputeStateName(store::DisputeState state);
//! The state named `name`; nullopt for any other text.
std::optional<store::DisputeState> ParseDisputeState(std::string_view name);

//! Writes `d` as one JSON object.
void WriteDisputeJson(rapidjson::Writer<rapidjson::StringBuffer>& w, const store::Dispute& d);

}  // namespace zicht::server

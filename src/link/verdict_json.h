#pragma once
// The one JSON form of a Verdict, shared by `zicht check --format json` and
// POST /v1/check (DESIGN.md): {"kind","value","normalized","valid","known",
// "risk","reasons","reports","losses","damage_eur","first_seen","last_seen",
// "fraud_types","cluster":{"id","reports"}|null}. Asked by pseudonym, the
// object has "value": null and an extra "pseudonym". Absent times and
// clusters are null; "normalized" is null when empty.
//
// Thread-safety: pure functions.
#include <optional>
#include <string>

#include "link/engine.h"
#include "link/json_writer.h"

namespace zicht::link {

void WriteVerdictJson(JsonWriter& w, const Verdict& v);

//! A verdict's "cluster" value: {"id","reports"} or null. GET /v1/mules
//! shows the same per mule.
void WriteClusterRefJson(JsonWriter& w, const std::optional<ClusterRef>& c);

//! One verdict as a compact JSON object.
std::string VerdictJson(const Verdict& v);

}  // namespace zicht::link

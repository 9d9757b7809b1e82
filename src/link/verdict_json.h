#pragma once
// The one JSON form of a Verdict, shared by `zicht check --format json` and
// POST /v1/check (docs/design.md): {"kind","value","normalized","valid","known",
// "risk","reasons","reports","losses","damage_eur","first_seen","last_seen",
// "fraud_types","cluster":{"id","reports"}|null,"outcomes":[{"outcome","count",
// "amount_eur"?}]}. Asked by pseudonym, the
// object has "value": null and an extra "pseudonym". Absent times and
// clusters are null; "normalized" is null when empty. A smaller scope
// (model/disclosure.h) ends the object early: `hit` after "risk", `risk`
// after "reasons" — the fields a key may not see are never written.
//
// Written by hand into a string rather than through a RapidJSON writer: it
// is the body of the service's hottest endpoint, the shape is fixed, and
// the writer's per-token bookkeeping was ~15 % of the CPU of a check.
// Strings go through AppendJsonString (common/json_string.h); the result
// parses as JSON (verdict tests parse it back).
//
// Thread-safety: pure functions.
#include <optional>
#include <string>

#include "link/engine.h"
#include "link/json_writer.h"
#include "model/disclosure.h"

namespace zicht::link {

//! Appends `v` as one compact JSON object to `out`, with the fields of `scope`.
void AppendVerdictJson(const Verdict& v, std::string* out, model::Scope scope = model::Scope::kDetail);

//! A verdict's "cluster" value: {"id","reports"} or null. GET /v1/mules
//! shows the same per mule.
void WriteClusterRefJson(JsonWriter& w, const std::optional<ClusterRef>& c);

//! One verdict as a compact JSON object.
std::string VerdictJson(const Verdict& v);

}  // namespace zicht::link

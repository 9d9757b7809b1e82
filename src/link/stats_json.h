#pragma once
// The one JSON form of the statistics table, shared by `zicht stats --format
// json` and GET /v1/stats (docs/api.md):
// {"by":"month"|"week","rows":[{"period","fraud_type","reports","attempts",
// "losses","damage_eur"}]}. It lives in link/ beside the other JSON writers
// (their JsonWriter and exact WriteEuro) rather than in store/, which sits
// below link/ and writes no JSON.
//
// Thread-safety: pure functions.
#include <string_view>
#include <vector>

#include "link/json_writer.h"
#include "store/store.h"

namespace zicht::link {

void WriteStatsJson(JsonWriter& w, std::string_view by, const std::vector<store::StatsRow>& rows);

}  // namespace zicht::link

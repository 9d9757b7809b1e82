#pragma once
// The analysts' cluster view with what partners reported back (docs/alerts.md,
// "Outcomes"; issue 15): GET /v1/clusters/{id} and `zicht cluster` write
// link::ClusterDetailJson with each identifier's outcomes summed up
// ("outcomes":[{"outcome","count","amount_eur"?,"partners","reasons"}], the
// shape of GET /v1/marks; [] for none), and the table names them beside the
// identifier. Both read the marks already in memory (the server's, or the
// CLI's one read), never one query per identifier.
//
// Thread-safety: pure functions.
#include <string>
#include <vector>

#include "alert/marks.h"
#include "link/engine.h"
#include "link/json_writer.h"

namespace zicht::alert {

//! `outcomes` as a JSON array (GET /v1/marks writes the same).
void WriteOutcomeSummaries(link::JsonWriter& w, const std::vector<OutcomeSummary>& outcomes);

//! link::ClusterDetailJson plus each identifier's "outcomes" from `marks`.
std::string ClusterDetailWithOutcomesJson(const link::ClusterDetail& d, const Marks& marks);

//! One line for a table: "account_blocked x1 (ing); funds_frozen x2 €1,350.50 (ing, rabo)";
//! empty for none.
std::string OutcomesText(const std::vector<OutcomeSummary>& outcomes);

}  // namespace zicht::alert

#pragma once
// Writing the API's JSON shapes (docs/api.md) with RapidJSON's SAX writer:
// reports, cluster summaries, identifier nodes. One definition per shape, so
// /v1/clusters, /v1/clusters/{id} and /v1/mules agree field for field.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

#include "link/engine.h"
#include "store/store.h"

namespace zicht::server {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void WriteStr(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

//! Euro cents as a JSON number of euros (2450.5).
inline void WriteEuros(JsonWriter& w, int64_t cents) { w.Double(static_cast<double>(cents) / 100.0); }

//! A report in DESIGN.md's shape, plus each identifier's canonical form,
//! validity and the report's row id.
void WriteReport(JsonWriter& w, const store::StoredReport& report);

//! The fields of a cluster summary, without the enclosing braces (so the
//! cluster detail can extend the same object). The report count goes under
//! `reports_key` ("reports"; the detail uses "report_count" because its
//! "reports" is the list of reports).
void WriteClusterSummaryFields(JsonWriter& w, const link::ClusterSummary& c,
                               std::string_view reports_key = "reports");

//! An identifier node's fields, without the enclosing braces.
void WriteIdentifierNodeFields(JsonWriter& w, const link::IdentifierNode& n);

}  // namespace zicht::server

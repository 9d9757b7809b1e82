#pragma once
// Exports of clusters, shared by the CLI (`zicht clusters`, `zicht cluster
// --format …`) and the server (GET /v1/clusters, /v1/clusters/{id}). The
// graph exports draw reports and identifiers as nodes and every occurrence
// of an identifier on a report as an edge labelled with its role; the
// mapping to each format is documented in docs/linking.md.
//
// Thread-safety: pure functions.
#include <string>
#include <string_view>
#include <vector>

#include "link/engine.h"
#include "link/json_writer.h"

namespace zicht::link {

//! The CLI (docs/linking.md) and the HTTP API (docs/api.md, read by the web
//! app) show the same cluster data in two documented shapes; one writer
//! serves both so a field is written in one place.
//!  kCli: summary "fraud_types" as {type:count}, "explanation" one string;
//!        identifiers "value", "domain", "warning_listed"; every report has
//!        "damage_eur" (0 when unknown) and "text" only when non-empty.
//!  kApi: summary "fraud_types" as [{"fraud_type","reports"}],
//!        "explanation" a list; identifiers "canonical"; a report has
//!        "damage_eur" only when known, always "text", and each invalid
//!        identifier its "invalid_reason".
enum class JsonShape { kCli, kApi };

//! A cluster summary's fields, without the enclosing braces (the API's
//! cluster detail extends the same object): "id","score","reports"
//! (under `reports_key`),"sources","losses","damage_eur","first_seen",
//! "last_seen","mules","leads","fraud_types","explanation".
void WriteClusterSummaryFields(JsonWriter& w, const ClusterSummary& s, JsonShape shape,
                               std::string_view reports_key = "reports");

//! The CLI's summary object (kCli).
void WriteClusterSummaryJson(JsonWriter& w, const ClusterSummary& s);

//! An identifier node's fields, without the enclosing braces: "kind",
//! "value"|"canonical","domain"?,"roles","reports","mule","linkable",
//! "warning_listed"?.
void WriteIdentifierNodeFields(JsonWriter& w, const IdentifierNode& n, JsonShape shape);

//! The CLI's identifier object (kCli).
void WriteIdentifierNodeJson(JsonWriter& w, const IdentifierNode& n);

//! A report in docs/design.md's shape plus each identifier's "normalized" (null
//! when invalid), "role" and "valid".
void WriteReportJson(JsonWriter& w, const store::StoredReport& r, JsonShape shape);

//! {"kind","value","domain","reports","fraud_types","cluster_id","message"}
void WriteLinkWarningJson(JsonWriter& w, const LinkWarning& l);

//! The summary's explanation as one sentence fragment: "a, b, c".
std::string JoinExplanation(const ClusterSummary& s);

//! Everything about one cluster. kCli: {"cluster":summary, "reports":[…],
//! "identifiers":[…], "mules":[IBAN…], "edges":[{"report","identifier","role"}]};
//! kApi: the summary's fields (the count as "report_count") plus "reports",
//! "identifiers" and "edges".
std::string ClusterDetailJson(const ClusterDetail& d, JsonShape shape = JsonShape::kCli);

//! Graphviz DOT (undirected graph).
std::string ClusterDot(const ClusterDetail& d);

//! GraphML 1.0 with node data `type`, `label`, `kind` and edge data `role`
//! (opens in Gephi and yEd).
std::string ClusterGraphml(const ClusterDetail& d);

//! A STIX 2.1 bundle: an identity (Zicht), a grouping for the cluster, one
//! observable and one indicator per linkable identifier, one incident per
//! report, and relationships. Ids are deterministic (same cluster → same
//! bundle).
std::string ClusterStix(const ClusterDetail& d);

}  // namespace zicht::link

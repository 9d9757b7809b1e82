#pragma once
// Exports of clusters, shared by the CLI (`zicht clusters`, `zicht cluster
// --format …`) and the server (GET /v1/clusters, /v1/clusters/{id}). The
// graph exports draw reports and identifiers as nodes and every occurrence
// of an identifier on a report as an edge labelled with its role; the
// mapping to each format is documented in docs/linking.md.
//
// Thread-safety: pure functions.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "link/engine.h"
#include "link/json_writer.h"

namespace zicht::link {

// One JSON shape per resource, used by the CLI (`zicht clusters`, `zicht
// cluster --format json`) and the API (GET /v1/clusters, /v1/clusters/{id},
// /v1/mules) alike, and described in docs/openapi.yaml (ClusterSummary,
// IdentifierNode, StoredReport, ClusterDetail).

//! A cluster summary object: {"id","score","reports" (a count),"sources",
//! "losses","damage_eur","first_seen","last_seen","mules","leads",
//! "fraud_types":[{"fraud_type","reports"}],"explanation":[…]}.
void WriteClusterSummaryJson(JsonWriter& w, const ClusterSummary& s);

//! An identifier node's fields, without the enclosing braces (the API's
//! mule list adds "cluster"): "kind","canonical","domain","roles",
//! "reports","mule","linkable","warning_listed".
void WriteIdentifierNodeFields(JsonWriter& w, const IdentifierNode& n);

//! An identifier node object (the fields above).
void WriteIdentifierNodeJson(JsonWriter& w, const IdentifierNode& n);

//! A report in docs/design.md's shape ("damage_eur" null when unknown, "text"
//! always) plus each identifier's "normalized" (null when invalid), "role",
//! "valid" and, when invalid, "invalid_reason".
void WriteReportJson(JsonWriter& w, const store::StoredReport& r);

//! {"kind","value","domain","reports","fraud_types","cluster_id","message"}
void WriteLinkWarningJson(JsonWriter& w, const LinkWarning& l);

//! The summary's explanation as one sentence fragment: "a, b, c".
std::string JoinExplanation(const ClusterSummary& s);

//! Writes more fields into an identifier node object (after its own).
using IdentifierNodeExtra = std::function<void(JsonWriter&, const IdentifierNode&)>;

//! Everything about one cluster: {"cluster":summary, "reports":[…],
//! "identifiers":[…], "mules":[IBAN…], "edges":[{"report","identifier","role"}]}
//! (edges index into reports and identifiers). `extra`, when given, adds
//! fields to each identifier (alert/cluster_outcomes.h: its outcomes).
std::string ClusterDetailJson(const ClusterDetail& d, const IdentifierNodeExtra& extra = {});

//! Graphviz DOT (undirected graph).
std::string ClusterDot(const ClusterDetail& d);

//! GraphML 1.0 with node data `type`, `label`, `kind` and edge data `role`
//! (opens in Gephi and yEd).
std::string ClusterGraphml(const ClusterDetail& d);

//! A deterministic UUID (version 5, SHA-1) of `name` in the STIX 2.1
//! namespace: the same name gives the same id in every export.
std::string UuidV5(std::string_view name);

//! A MISP event in MISP's core format ({"Event":{uuid, info, date,
//! threat_level_id, analysis, distribution, published, timestamp,
//! Attribute:[…], Tag:[…]}}) that MISP's "Add event from JSON" imports:
//! one attribute per identifier that links (iban, phone-number,
//! email-src, url, domain, btc, xmr, text), roles and report counts in
//! the comment. No report texts, no
//! victim data. Mapping: docs/linking.md, "MISP".
std::string ClusterMisp(const ClusterDetail& d);

//! A STIX 2.1 bundle: an identity (Zicht), a grouping for the cluster, one
//! observable and one indicator per linkable identifier, one incident per
//! report, and relationships. Ids are deterministic (same cluster → same
//! bundle).
std::string ClusterStix(const ClusterDetail& d);

}  // namespace zicht::link

// `zicht cluster ID [--format table|json|dot|graphml|stix|misp] [--db PATH]`
// One cluster: its reports, identifiers with their roles and what partners
// reported back about them (alert/cluster_outcomes.h), money mules, the
// priority explanation, and the graph as Graphviz DOT, GraphML (Gephi,
// yEd) or a STIX 2.1 bundle (threat-intelligence platforms). The exports
// are link/'s, shared with GET /v1/clusters/{id}; mapping in docs/linking.md.
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "alert/cluster_outcomes.h"
#include "alert/marks.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "link/engine.h"
#include "link/export.h"
#include "link/priority.h"

namespace zicht::cli {
namespace {

struct ClusterArgs {
  std::string id;
  std::string format;
  std::string db = "zicht.db";
};

void PrintTable(const link::ClusterDetail& d, const alert::Marks& marks) {
  const auto& s = d.summary;
  std::printf("cluster %s  score %.1f\n", s.id.c_str(), s.score);
  std::printf("why: %s\n", link::JoinExplanation(s).c_str());
  std::printf("seen: %s .. %s\n\nreports (%zu):\n", FormatDate(s.first_seen).c_str(), FormatDate(s.last_seen).c_str(),
              d.reports.size());
  for (const auto& sr : d.reports) {
    const auto& r = sr.report;
    std::printf("  %-30s %s  %-18s %-7s %12s\n", (r.key.source + "/" + r.key.id).c_str(),
                FormatDate(r.reported_at_seconds).c_str(), std::string(model::kFraudTypeNames.Name(r.fraud_type)).c_str(),
                std::string(model::kOutcomeNames.Name(r.outcome)).c_str(),
                link::FormatEuro(r.damage_cents.value_or(0)).c_str());
  }
  std::printf("\nidentifiers (%zu):\n", d.identifiers.size());
  for (const auto& n : d.identifiers) {
    std::string roles;
    for (auto r : n.roles) roles += (roles.empty() ? "" : ",") + std::string(model::kRoleNames.Name(r));
    std::string kind = n.domain ? "domain" : std::string(model::kIdentifierKindNames.Name(n.kind));
    std::string notes = n.mule ? "MONEY MULE" : n.warning_listed ? "warning-listed" : !n.linkable ? "does not link" : "";
    // What partners reported back about it (a domain node stands for every URL on it).
    if (const auto* outcomes = n.domain ? nullptr : marks.OutcomesOf(kind, n.canonical)) {
      notes += (notes.empty() ? "" : "  ") + alert::OutcomesText(*outcomes);
    }
    std::printf("  %-7s %-40s %3" PRId64 " reports  %-24s %s\n", kind.c_str(), n.canonical.c_str(), n.reports,
                roles.c_str(), notes.c_str());
  }
}

int RunCluster(const ClusterArgs& a) {
  if (!StoreExists(a.db)) {
    return ReportStatus("cluster", Status::NotFound("no database at '" + a.db + "' (run zicht ingest first, or --db)"));
  }
  link::EngineOptions options;
  options.db_path = a.db;
  auto engine = link::BuildEngine(options);
  if (!engine.ok()) return ReportStatus("cluster", engine.status());
  // Mules their banks confirmed raise their clusters' priority (docs/linking.md).
  if (Status s = alert::LoadConfirmedMules(a.db, **engine); !s.ok()) return ReportStatus("cluster", s);
  auto detail = (*engine)->Cluster(a.id);
  if (!detail.ok()) return ReportStatus("cluster", detail.status());
  // What partners reported back about each identifier (alert/cluster_outcomes.h).
  auto alerts = store::OpenAlertStore(a.db);
  if (!alerts.ok()) return ReportStatus("cluster", alerts.status());
  auto marks = alert::ReadMarks(**alerts);
  if (!marks.ok()) return ReportStatus("cluster", marks.status());
  switch (ResolveFormat(a.format)) {
    case OutputFormat::kDot: std::fputs(link::ClusterDot(*detail).c_str(), stdout); break;
    case OutputFormat::kGraphml: std::fputs(link::ClusterGraphml(*detail).c_str(), stdout); break;
    case OutputFormat::kStix: std::printf("%s\n", link::ClusterStix(*detail).c_str()); break;
    case OutputFormat::kMisp: std::printf("%s\n", link::ClusterMisp(*detail).c_str()); break;
    case OutputFormat::kTable: PrintTable(*detail, *marks); break;
    default: std::printf("%s\n", alert::ClusterDetailWithOutcomesJson(*detail, *marks).c_str()); break;
  }
  return kExitOk;
}

}  // namespace

void RegisterClusterCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ClusterArgs>();
  auto* cmd = app.add_subcommand(
      "cluster", "One cluster: reports, identifiers and roles, money mules, why it ranks high, and its graph.");
  cmd->add_option("ID", args->id, "cluster id (c-… from zicht clusters)")->required();
  AddFormatOption(cmd, &args->format, {"table", "json", "dot", "graphml", "stix", "misp"});
  AddDbOption(cmd, &args->db, ctx.global_db, "store");
  cmd->callback([args, &ctx] { ctx.exit_code = RunCluster(*args); });
}

}  // namespace zicht::cli

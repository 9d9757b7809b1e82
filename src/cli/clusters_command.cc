// `zicht clusters [--top K] [--min-reports N] [--members] [--mules]
//                 [--format table|json|jsonl|csv] [--db PATH]`
// Clusters by priority with the reason in words (docs/design.md, "Linking and
// clusters"). `--members` lists the reports of each cluster (csv:
// `cluster_id,source,report_id`); `--mules` lists the money-mule candidate
// IBANs over the whole database (per cluster they are in `zicht cluster ID`
// and in the `mules` column here). Identifiers that look like missing
// warning-list entries are reported on stderr (and under "warnings" in JSON).
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "alert/marks.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "common/csv_field.h"
#include "link/engine.h"
#include "link/export.h"
#include "link/priority.h"

namespace zicht::cli {
namespace {

struct ClustersArgs {
  size_t top = 0;
  int64_t min_reports = 2;
  bool members = false;
  bool mules = false;
  std::string format;
  std::string db = "zicht.db";
};

// RFC 4180: quote when needed, double the quotes.
std::string EuroCsv(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%" PRId64 ".%02" PRId64, cents / 100, cents % 100);
  return buf;
}

void Print(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

std::string Json(const std::function<void(link::JsonWriter&)>& fn) {
  rapidjson::StringBuffer buf;
  link::JsonWriter w(buf);
  fn(w);
  return std::string(buf.GetString(), buf.GetSize());
}

void PrintMembers(const std::vector<link::ClusterMembers>& clusters, OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      std::printf("cluster_id,source,report_id\n");
      for (const auto& c : clusters) {
        for (const auto& k : c.reports) {
          std::printf("%s,%s,%s\n", c.id.c_str(), CsvField(k.source).c_str(), CsvField(k.id).c_str());
        }
      }
      break;
    case OutputFormat::kJsonl:
      for (const auto& c : clusters) {
        for (const auto& k : c.reports) {
          Print(Json([&](link::JsonWriter& w) {
            w.StartObject();
            w.Key("cluster_id");
            link::WriteString(w, c.id);
            w.Key("source");
            link::WriteString(w, k.source);
            w.Key("report_id");
            link::WriteString(w, k.id);
            w.EndObject();
          }));
        }
      }
      break;
    case OutputFormat::kJson:
      Print(Json([&](link::JsonWriter& w) {
        w.StartObject();
        w.Key("clusters");
        w.StartArray();
        for (const auto& c : clusters) {
          w.StartObject();
          w.Key("id");
          link::WriteString(w, c.id);
          w.Key("reports");
          w.StartArray();
          for (const auto& k : c.reports) {
            w.StartObject();
            w.Key("source");
            link::WriteString(w, k.source);
            w.Key("id");
            link::WriteString(w, k.id);
            w.EndObject();
          }
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }));
      break;
    default:
      for (const auto& c : clusters) {
        std::printf("%s (%zu reports)\n", c.id.c_str(), c.reports.size());
        for (const auto& k : c.reports) std::printf("  %s/%s\n", k.source.c_str(), k.id.c_str());
      }
  }
}

void PrintMules(const link::Engine& engine, const std::vector<link::IdentifierNode>& mules, OutputFormat format) {
  auto cluster_of = [&](const link::IdentifierNode& n) {
    link::Verdict v = engine.Check(n.kind, n.canonical);
    return v.cluster ? v.cluster->id : std::string();
  };
  switch (format) {
    case OutputFormat::kCsv:
      std::printf("iban,reports,cluster_id\n");
      for (const auto& m : mules) std::printf("%s,%" PRId64 ",%s\n", m.canonical.c_str(), m.reports, cluster_of(m).c_str());
      break;
    case OutputFormat::kJson:
    case OutputFormat::kJsonl: {
      bool lines = format == OutputFormat::kJsonl;
      auto one = [&](link::JsonWriter& w, const link::IdentifierNode& m) {
        w.StartObject();
        w.Key("iban");
        link::WriteString(w, m.canonical);
        w.Key("reports");
        w.Int64(m.reports);
        w.Key("cluster_id");
        link::WriteString(w, cluster_of(m));
        w.EndObject();
      };
      if (lines) {
        for (const auto& m : mules) Print(Json([&](link::JsonWriter& w) { one(w, m); }));
      } else {
        Print(Json([&](link::JsonWriter& w) {
          w.StartObject();
          w.Key("mules");
          w.StartArray();
          for (const auto& m : mules) one(w, m);
          w.EndArray();
          w.EndObject();
        }));
      }
      break;
    }
    default:
      std::printf("%-34s %8s  %s\n", "iban", "reports", "cluster");
      for (const auto& m : mules) {
        std::printf("%-34s %8" PRId64 "  %s\n", m.canonical.c_str(), m.reports, cluster_of(m).c_str());
      }
      std::printf("%zu money-mule candidates (IBAN with role beneficiary in 2 or more reports)\n", mules.size());
  }
}

void PrintClusters(const std::vector<link::ClusterSummary>& clusters, const std::vector<link::LinkWarning>& warnings,
                   OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      std::printf("cluster_id,score,reports,sources,losses,damage_eur,mules,leads,first_seen,last_seen,explanation\n");
      for (const auto& c : clusters) {
        std::printf("%s,%.2f,%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%" PRId64 ",%" PRId64 ",%s,%s,%s\n", c.id.c_str(),
                    c.score, c.reports, c.sources, c.losses, EuroCsv(c.damage_cents).c_str(), c.mules, c.leads,
                    FormatRfc3339(c.first_seen).c_str(), FormatRfc3339(c.last_seen).c_str(),
                    CsvField(link::JoinExplanation(c)).c_str());
      }
      break;
    case OutputFormat::kJsonl:
      for (const auto& c : clusters) Print(Json([&](link::JsonWriter& w) { link::WriteClusterSummaryJson(w, c); }));
      break;
    case OutputFormat::kJson:
      Print(Json([&](link::JsonWriter& w) {
        w.StartObject();
        w.Key("clusters");
        w.StartArray();
        for (const auto& c : clusters) link::WriteClusterSummaryJson(w, c);
        w.EndArray();
        w.Key("warnings");
        w.StartArray();
        for (const auto& l : warnings) link::WriteLinkWarningJson(w, l);
        w.EndArray();
        w.EndObject();
      }));
      break;
    default:
      std::printf("%4s  %-14s %7s %7s %7s %14s %5s %5s  %s\n", "rank", "cluster", "score", "reports", "sources",
                  "damage", "mules", "leads", "why");
      for (size_t i = 0; i < clusters.size(); ++i) {
        const auto& c = clusters[i];
        std::printf("%4zu  %-14s %7.1f %7" PRId64 " %7" PRId64 " %14s %5" PRId64 " %5" PRId64 "  %s\n", i + 1,
                    c.id.c_str(), c.score, c.reports, c.sources, link::FormatEuro(c.damage_cents).c_str(), c.mules,
                    c.leads, link::JoinExplanation(c).c_str());
      }
      std::printf("%zu clusters\n", clusters.size());
  }
}

int RunClusters(const ClustersArgs& a) {
  if (!StoreExists(a.db)) {
    return ReportStatus("clusters", Status::NotFound("no database at '" + a.db + "' (run zicht ingest first, or --db)"));
  }
  link::EngineOptions options;
  options.db_path = a.db;
  auto engine = link::BuildEngine(options);
  if (!engine.ok()) return ReportStatus("clusters", engine.status());
  // Mules their banks confirmed raise their clusters' priority (docs/linking.md).
  if (Status s = alert::LoadConfirmedMules(a.db, **engine); !s.ok()) return ReportStatus("clusters", s);
  OutputFormat format = ResolveFormat(a.format);
  std::vector<link::LinkWarning> warnings = (*engine)->LinkWarnings();
  for (const auto& l : warnings) std::fprintf(stderr, "zicht clusters: warning: %s\n", l.message.c_str());
  link::ClusterQuery query;
  query.top = a.top;
  query.min_reports = a.min_reports;
  if (a.mules) {
    PrintMules(**engine, (*engine)->Mules(a.top), format);
  } else if (a.members) {
    PrintMembers((*engine)->Members(query), format);
  } else {
    PrintClusters((*engine)->Clusters(query), warnings, format);
  }
  return kExitOk;
}

}  // namespace

void RegisterClustersCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ClustersArgs>();
  auto* cmd = app.add_subcommand(
      "clusters",
      "Clusters of linked reports by priority, with why each ranks where it does (docs/linking.md).\n"
      "Reports link when they share an IBAN, phone, e-mail, URL domain, device, handle or crypto address\n"
      "that is valid, not `spoofed` and not on a warning-list.");
  cmd->add_option("--top", args->top, "only the K highest-priority clusters (0 = all)")->capture_default_str();
  cmd->add_option("--min-reports", args->min_reports, "only clusters of at least N reports")
      ->check(CLI::Range(int64_t{2}, INT64_MAX))
      ->capture_default_str();
  cmd->add_flag("--members", args->members, "list the reports of each cluster (csv: cluster_id,source,report_id)");
  cmd->add_flag("--mules", args->mules,
                "list money-mule candidates: IBANs with role beneficiary in 2 or more reports (--top limits)");
  cmd->get_option("--mules")->excludes(cmd->get_option("--members"));
  AddFormatOption(cmd, &args->format, {"table", "json", "jsonl", "csv"});
  AddDbOption(cmd, &args->db, ctx.global_db, "store");
  cmd->callback([args, &ctx] { ctx.exit_code = RunClusters(*args); });
}

}  // namespace zicht::cli

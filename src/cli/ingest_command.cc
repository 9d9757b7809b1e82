// `zicht ingest FILE... [--rejects F] [--json] [--db PATH] [--batch-size N]`
// (docs/design.md, "Command line" and "Ingest guarantees"; docs/ingest.md).
//
// Maps files and options onto ingest::Ingester and prints: the summary on
// stdout (a table, or one JSON object with --json), each rejected line on
// stderr as "FILE:LINE: field 'X': reason" (the first kMaxPrinted of them),
// and a progress line on stderr only when stderr is a terminal. Exit 0 also
// when some lines were rejected; 1 when every line was rejected (nothing
// went in: a wrong format or separator, not a few bad rows), a file cannot
// be read or the database fails; 2 for wrong usage.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "alert/generator.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "ingest/ingester.h"
#include "ingest/rejects_file.h"
#include "link/engine.h"
#include "store/alert_store.h"
#include "store/store.h"

namespace zicht::cli {
namespace {

// Rejections printed on stderr before the rest is only counted: enough to
// see what is wrong with a file, not so many that the summary scrolls away.
constexpr int64_t kMaxPrinted = 20;

struct IngestArgs {
  std::vector<std::string> files;
  std::string rejects;
  bool json = false;
  std::string db = "zicht.db";
  size_t batch_size = ingest::kDefaultBatchSize;
  std::string alert_rules;  // empty: the built-in rules
};

enum class InputFormat { kJsonl, kCsv };

// The format by extension: .jsonl/.json/.ndjson or .csv; "-" is stdin JSONL.
std::optional<InputFormat> FormatOf(const std::string& path) {
  if (path == "-") return InputFormat::kJsonl;
  auto dot = path.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == "jsonl" || ext == "json" || ext == "ndjson") return InputFormat::kJsonl;
  if (ext == "csv") return InputFormat::kCsv;
  return std::nullopt;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// Alerts for the partners that hold the ingested identifiers
// (docs/alerts.md). The commit callback only collects candidates (one hash
// look-up per identifier, nothing without subscriptions); the verdicts need
// the whole index, so the engine is built once, after the last batch, and
// only when some partner holds an ingested identifier.
struct AlertSide {
  std::unique_ptr<store::AlertStore> store;
  std::optional<alert::Generator> generator;
  std::vector<alert::Candidate> candidates;
};

Result<AlertSide> OpenAlertSide(const IngestArgs& a) {
  AlertSide side;
  ZICHT_ASSIGN_OR_RETURN(alert::AlertRules rules, alert::LoadAlertRules(a.alert_rules));
  ZICHT_ASSIGN_OR_RETURN(side.store, store::OpenAlertStore(a.db));
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::Subscription> subs, side.store->Subscriptions());
  if (!subs.empty()) side.generator.emplace(std::move(rules), alert::SubscriptionIndex(subs));
  return side;
}

Status RaiseAlerts(const IngestArgs& a, AlertSide& side) {
  if (!side.generator || side.candidates.empty()) return Status::Ok();
  alert::MergeCandidates(&side.candidates);
  link::EngineOptions options;
  options.db_path = a.db;
  ZICHT_ASSIGN_OR_RETURN(auto engine, link::BuildEngine(options));
  const UnixSeconds now = SystemClock().Now();
  std::vector<store::Alert> alerts = side.generator->Evaluate(*engine, side.candidates, now);
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::Alert> top, side.generator->EvaluateTopClusters(*engine, now));
  alerts.insert(alerts.end(), top.begin(), top.end());
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::Alert> raised, side.store->InsertAlerts(alerts, now * 1000));
  if (!raised.empty()) {
    std::fprintf(stderr, "zicht ingest: %zu new alert%s for the partners that hold these identifiers "
                         "(docs/alerts.md)\n",
                 raised.size(), raised.size() == 1 ? "" : "s");
  }
  return Status::Ok();
}

void PrintTable(const ingest::IngestSummary& s) {
  auto row = [](const char* label, int64_t v) { std::printf("%-22s %14s\n", label, Thousands(v).c_str()); };
  row("accepted (new)", s.accepted);
  row("updated", s.updated);
  row("duplicates", s.duplicates);
  row("rejected", s.rejected);
  row("invalid identifiers", s.invalid_identifiers);
  row("warnings", s.warnings);
  if (!s.unknown_fields.empty()) {
    std::printf("unknown fields dropped (not stored):");
    for (const auto& u : s.unknown_fields) std::printf(" %s ×%s", u.field.c_str(), Thousands(u.count).c_str());
    std::printf("\n");
  }
}

int RunIngest(const IngestArgs& a) {
  if (a.batch_size == 0) return ReportStatus("ingest", Status::InvalidArgument("--batch-size must be at least 1"), true);
  // Check every input before writing anything, so a typo in the third file
  // name does not leave the first two half-imported.
  std::vector<InputFormat> formats;
  for (const auto& f : a.files) {
    auto fmt = FormatOf(f);
    if (!fmt) {
      return ReportStatus("ingest", Status::InvalidArgument("cannot tell the format of '" + f +
                                                            "': use .jsonl, .json, .ndjson or .csv, or - for stdin"),
                          true);
    }
    formats.push_back(*fmt);
    if (f != "-" && (std::filesystem::is_directory(f) || !std::ifstream(f).good())) {
      return ReportStatus("ingest", Status::IOError("cannot read '" + f + "'"));
    }
  }
  auto store = store::OpenStore(a.db);
  if (!store.ok()) return ReportStatus("ingest", store.status());
  auto alerts = OpenAlertSide(a);
  if (!alerts.ok()) {
    return ReportStatus("ingest", alerts.status(), alerts.status().code() == StatusCode::kInvalidArgument);
  }

  std::unique_ptr<ingest::RejectsFile> rejects;
  if (!a.rejects.empty()) {
    auto r = ingest::RejectsFile::Open(a.rejects);
    if (!r.ok()) return ReportStatus("ingest", r.status());
    rejects = std::move(r).value();
  }

  const bool progress = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  std::string current_input;
  int64_t printed = 0;
  ingest::IngestOptions options;
  options.batch_size = a.batch_size;
  if (alerts->generator) {
    options.on_commit = [&](const std::vector<store::StoredReport>& changed) {
      alerts->generator->Collect(changed, &alerts->candidates);
    };
  }
  options.on_reject = [&](const ingest::Rejection& r, std::string_view raw, std::string_view header) {
    if (rejects) rejects->Write(r, raw, header);
    if (printed < kMaxPrinted) {
      if (progress) std::fprintf(stderr, "\r\033[K");
      std::fprintf(stderr, "%s\n", ingest::FormatRejection(r).c_str());
    }
    ++printed;
  };
  if (progress) {
    options.on_progress = [&](int64_t lines) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "\r\033[K%s: %s lines read, %s lines/s", current_input.c_str(), Thousands(lines).c_str(),
                   Thousands(static_cast<int64_t>(secs > 0 ? lines / secs : 0)).c_str());
    };
  }
  ingest::Ingester ingester(**store, options);
  Status status;
  for (size_t i = 0; i < a.files.size() && status.ok(); ++i) {
    const std::string& f = a.files[i];
    current_input = f == "-" ? "stdin" : f;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (f != "-") {
      file.open(f, std::ios::binary);
      if (!file) {
        status = Status::IOError("cannot read '" + f + "'");
        break;
      }
      in = &file;
    }
    status = formats[i] == InputFormat::kCsv ? ingester.IngestCsv(*in, current_input)
                                             : ingester.IngestJsonl(*in, current_input);
  }
  if (progress) std::fprintf(stderr, "\r\033[K");
  const ingest::IngestSummary& s = ingester.summary();
  if (printed > kMaxPrinted) {
    std::fprintf(stderr, "… and %s more rejected lines%s\n", Thousands(printed - kMaxPrinted).c_str(),
                 rejects ? " (all are in the rejects file)" : " (use --rejects FILE to keep them all)");
  }
  if (rejects) {
    Status c = rejects->Close();
    if (status.ok()) status = c;
  }
  // What did commit raises its alerts also when a later batch failed.
  if (Status raised = RaiseAlerts(a, *alerts); status.ok()) status = raised;
  // The summary is printed also after a failure: it says what did commit.
  if (a.json) std::printf("%s\n", ingest::SummaryToJson(s, false).c_str());
  else PrintTable(s);
  std::fflush(stdout);
  if (status.ok() && s.lines > 0 && s.rejected == s.lines) {
    std::string first = s.rejections.empty() ? "" : "; the first: " + ingest::FormatRejection(s.rejections.front());
    status = Status::InvalidArgument("no line was accepted: all " + Thousands(s.rejected) + " were rejected" + first);
  }
  return ReportStatus("ingest", status);
}

}  // namespace

void RegisterIngestCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand(
      "ingest",
      "Import fraud reports from JSON Lines (.jsonl/.json/.ndjson, - for stdin) or CSV (.csv) files.\n"
      "Idempotent on (source, id): re-ingesting counts duplicates and updates. Rejected lines are\n"
      "listed on stderr with line number and field; the rest goes in. See docs/ingest.md.");
  cmd->add_option("files", args->files, "input files; - reads JSON Lines from stdin")->required();
  cmd->add_option("--rejects", args->rejects,
                  "write rejected lines verbatim to this file, each after a '# FILE:LINE: reason' comment;\n"
                  "fix them there and ingest the file again");
  cmd->add_flag("--json", args->json, "print the summary as one JSON object");
  AddDbOption(cmd, &args->db, ctx.global_db, "store, created if missing");
  cmd->add_option("--batch-size", args->batch_size, "reports per transaction")->capture_default_str();
  cmd->add_option("--alert-rules", args->alert_rules,
                  "alert rules file (docs/alerts.md); default: the built-in rules. Alerts are raised only for "
                  "partners with a subscription (zicht subscriptions add)");
  cmd->callback([args, &ctx] { ctx.exit_code = RunIngest(*args); });
}

}  // namespace zicht::cli

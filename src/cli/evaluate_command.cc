// zicht evaluate FILE|- [--rules F] [--db PATH] [--format jsonl|json|table] [--summary]
//
// Replays a JSON Lines log of account events through the payment barriers
// (docs/design.md, "Barrier model (payments)") and prints one decision per
// payment, in order, then how often each barrier fired with which action —
// "what would these rules have stopped last month?". The summary goes to
// stderr, or to stdout with --summary (inside the document for --format json).
//
// A bad event line is reported on stderr with its line number and field and
// skipped; the replay goes on and still exits 0. A bad rules file is exit 1.
// Nothing here prints event contents: errors name line and field only.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "barrier/decision_json.h"
#include "barrier/engine.h"
#include "barrier/rules.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "barrier/link_risk_source.h"
#include "link/engine.h"
#include "store/store.h"

namespace zicht::cli {

namespace {

struct EvaluateOptions {
  std::string file;
  std::string rules;
  std::string db;
  std::string format;
  bool summary = false;
};

// Buffered stdout: a month of events is millions of lines.
class Out {
 public:
  ~Out() { Flush(); }
  void Append(std::string_view s) {
    buffer_.append(s);
    if (buffer_.size() > (1 << 16)) Flush();
  }
  void Flush() {
    if (!buffer_.empty()) std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    buffer_.clear();
    std::fflush(stdout);
  }

 private:
  std::string buffer_;
};

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void AppendTableRow(const barrier::Engine& engine, const barrier::Event& event, const barrier::Decision& d, Out& out) {
  std::string reasons;
  for (size_t i = 0; i < d.fired_count; ++i) {
    std::string_view code = engine.ReasonCode(d.fired[i].barrier);
    if (reasons.find(code) != std::string::npos) continue;
    if (!reasons.empty()) reasons += ",";
    reasons += code;
  }
  std::string row = Pad(event.account, 12) + " " + FormatRfc3339(event.at) + "  " +
                    Pad(std::string(barrier::kActionNames.Name(d.action)), 8) + "  " +
                    Pad(d.action == barrier::Action::kDelay ? FormatRfc3339(d.until) : "-", 20) + "  " +
                    (reasons.empty() ? "-" : reasons) + "\n";
  out.Append(row);
}

int RunEvaluate(const EvaluateOptions& opts) {
  auto rules = opts.rules.empty() ? barrier::DefaultRules() : barrier::LoadRulesFile(opts.rules);
  if (!rules.ok()) return ReportStatus("evaluate", rules.status());

  // "Known in Zicht?" is answered by the linking engine: the same verdict as
  // `zicht check` and POST /v1/check.
  std::unique_ptr<link::Engine> link_engine;
  std::unique_ptr<barrier::IdentifierRiskSource> risk;
  if (!opts.db.empty()) {
    if (StoreExists(opts.db)) {
      link::EngineOptions engine_options;
      engine_options.db_path = opts.db;
      auto engine = link::BuildEngine(engine_options);
      if (!engine.ok()) return ReportStatus("evaluate", engine.status().WithContext("--db " + store::RedactedLocation(opts.db)));
      link_engine = std::move(engine).value();
      risk = std::make_unique<barrier::LinkRiskSource>(*link_engine);
    } else {
      std::fprintf(stderr, "zicht evaluate: --db %s does not exist; no IBAN or device is known\n", opts.db.c_str());
    }
  }

  std::ifstream file;
  std::istream* in = &std::cin;
  if (opts.file != "-") {
    file.open(opts.file, std::ios::binary);
    if (!file) return ReportStatus("evaluate", Status::IOError("cannot read " + opts.file));
    in = &file;
  }

  auto zone = barrier::DutchTimeZone::Load();
  if (!zone.ok()) return ReportStatus("evaluate", zone.status());
  barrier::Engine engine(std::move(rules).value(), *zone, risk.get());
  barrier::DecisionTally tally(engine.rules());
  OutputFormat format = ResolveFormat(opts.format);
  Out out;
  rapidjson::StringBuffer buffer;
  barrier::JsonWriter writer(buffer);
  if (format == OutputFormat::kJson) out.Append("{\"decisions\":[");
  if (format == OutputFormat::kTable) {
    out.Append(Pad("ACCOUNT", 12) + " " + Pad("AT", 20) + "  DECISION" + "  " + Pad("UNTIL", 20) + "  REASONS\n");
  }

  std::string line;
  size_t line_no = 0;
  int64_t rejected = 0;
  int64_t payments = 0;
  barrier::Decision decision;
  while (std::getline(*in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto event = barrier::ParseEvent(line);
    if (!event.ok()) {
      ++rejected;
      std::fprintf(stderr, "zicht evaluate: line %zu: %s\n", line_no, event.status().message().c_str());
      continue;
    }
    if (!engine.Apply(*event, &decision)) continue;
    tally.Add(decision);
    if (format == OutputFormat::kTable) {
      AppendTableRow(engine, *event, decision, out);
      continue;
    }
    buffer.Clear();
    writer.Reset(buffer);
    barrier::WriteDecisionJson(engine.rules(), *event, decision, writer);
    if (format == OutputFormat::kJson && payments > 0) out.Append(",");
    out.Append(std::string_view(buffer.GetString(), buffer.GetSize()));
    if (format != OutputFormat::kJson) out.Append("\n");
    ++payments;
  }
  if (in->bad()) return ReportStatus("evaluate", Status::IOError("read error in " + opts.file));

  std::string summary_text = tally.Text() + "lines rejected: " + std::to_string(rejected) + "\n";
  if (format == OutputFormat::kJson) {
    out.Append("]");
    if (opts.summary) {
      buffer.Clear();
      writer.Reset(buffer);
      tally.WriteJson(writer);
      out.Append(",\"summary\":");
      out.Append(std::string_view(buffer.GetString(), buffer.GetSize()));
      out.Append(",\"rejected\":" + std::to_string(rejected));
    }
    out.Append("}\n");
  } else if (opts.summary) {
    out.Append(summary_text);
  }
  out.Flush();
  if (!opts.summary) std::fputs(summary_text.c_str(), stderr);
  return kExitOk;
}

}  // namespace

void RegisterEvaluateCommand(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<EvaluateOptions>();
  auto* cmd = app.add_subcommand(
      "evaluate",
      "Replay payment events (JSON Lines) through the barriers: one decision per payment\n"
      "(allow|warn|delay|block, until, reasons), then counts per barrier and decision.");
  cmd->add_option("file", opts->file, "JSONL event log, '-' for stdin")->required();
  cmd->add_option("--rules", opts->rules, "rules file (TOML); default: the shipped rules (docs/barriers.md)");
  AddDbOption(cmd, &opts->db, ctx.global_db, "Zicht database: IBANs and devices known from fraud reports", "");
  AddFormatOption(cmd, &opts->format, {"jsonl", "json", "table"});
  cmd->add_flag("--summary", opts->summary, "print the counts on stdout (in the document for --format json)");
  cmd->callback([opts, &ctx] { ctx.exit_code = RunEvaluate(*opts); });
}

}  // namespace zicht::cli

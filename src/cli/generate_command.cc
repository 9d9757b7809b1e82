// `zicht generate --reports N [--seed S] [--output FILE]`: synthetic,
// realistic fraud reports with planted networks as JSON Lines (docs/design.md,
// "Command line"). The generator lives in generate/; this file only maps
// options and exit codes.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "common/time.h"
#include "generate/generator.h"
#include "generate/jsonl_writer.h"

namespace zicht::cli {
namespace {

struct GenerateArgs {
  uint64_t reports = 0;
  uint64_t seed = 1;
  std::string output;
  std::string end_date = "2026-10-31";
  int days = 730;
  double network_share = 0.85;
  uint32_t max_network = 300;
};

int RunGenerate(const GenerateArgs& a) {
  generate::GeneratorOptions o;
  o.seed = a.seed;
  o.planned_reports = a.reports;
  o.network_share = a.network_share;
  o.max_network_reports = a.max_network;
  o.days = a.days;
  Result<ParsedTime> end = ParseRfc3339(a.end_date);
  if (!end.ok() || !end->date_only) {
    return ReportStatus("generate", Status::InvalidArgument("--end-date must be a date YYYY-MM-DD"), true);
  }
  o.end_day = end->seconds;
  if (Status s = generate::ValidateOptions(o); !s.ok()) return ReportStatus("generate", s, true);

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  if (!a.output.empty() && a.output != "-") {
    file.reset(std::fopen(a.output.c_str(), "wb"));
    if (!file) return ReportStatus("generate", Status::IOError("cannot open --output file for writing"));
    out = file.get();
  }
  Status s = generate::WriteJsonl(o, a.reports, out);
  if (s.ok() && file) {
    // fclose reports the last buffered write's failure (e.g. disk full).
    if (std::fclose(file.release()) != 0) s = Status::IOError("closing --output file failed");
  }
  return ReportStatus("generate", s);
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<GenerateArgs>();
  auto* cmd = app.add_subcommand(
      "generate",
      "Write realistic synthetic fraud reports (JSON Lines) with planted criminal networks");
  cmd->footer(
      "Reports follow docs/design.md's data model, with identifiers written as people write them\n"
      "(\"nl91 abna 0417 1643 00\", \"+31 (0)6 1234 5678\"). Planted: networks sharing money-mule\n"
      "IBANs, phones, devices and phishing domains (.example); spoofed bank numbers; placeholders;\n"
      "IBANs with typos. The same --seed gives byte-identical output. See docs/generate.md.\n\n"
      "Examples:\n"
      "  zicht generate --reports 1000 > demo.jsonl && zicht ingest demo.jsonl\n"
      "  zicht generate --reports 1000000 --seed 7 --output bench.jsonl");
  cmd->add_option("--reports,-n", args->reports, "Number of reports to write")->required();
  cmd->add_option("--seed", args->seed, "Random seed; same seed, same output")->capture_default_str();
  cmd->add_option("--output,-o", args->output, "Write to FILE instead of stdout");
  cmd->add_option("--end-date", args->end_date, "Last day of the period (YYYY-MM-DD)")->capture_default_str();
  cmd->add_option("--days", args->days, "Length of the period in days")->capture_default_str();
  cmd->add_option("--network-share", args->network_share,
                  "Share of reports that belong to a planted network (rest: singletons)")
      ->capture_default_str();
  cmd->add_option("--max-network", args->max_network,
                  "Largest number of reports of one network (bounds the largest cluster)")
      ->capture_default_str();
  cmd->callback([&ctx, args] { ctx.exit_code = RunGenerate(*args); });
}

}  // namespace zicht::cli

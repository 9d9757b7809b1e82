#include "cli/output_format.h"

#include <unistd.h>

#include <cstdio>

namespace zicht::cli {

CLI::Option* AddFormatOption(CLI::App* cmd, std::string* target, const std::vector<std::string>& allowed) {
  std::string help = "output format: ";
  for (size_t i = 0; i < allowed.size(); ++i) help += (i ? "|" : "") + allowed[i];
  help += " (default: table on a terminal, else json)";
  return cmd->add_option("--format", *target, help)->check(CLI::IsMember(allowed));
}

OutputFormat ResolveFormat(const std::string& given) {
  if (given == "table") return OutputFormat::kTable;
  if (given == "json") return OutputFormat::kJson;
  if (given == "jsonl") return OutputFormat::kJsonl;
  if (given == "csv") return OutputFormat::kCsv;
  if (given == "dot") return OutputFormat::kDot;
  if (given == "graphml") return OutputFormat::kGraphml;
  if (given == "stix") return OutputFormat::kStix;
  if (given == "misp") return OutputFormat::kMisp;
  return isatty(STDOUT_FILENO) ? OutputFormat::kTable : OutputFormat::kJson;
}

void PrintJsonRecords(OutputFormat format, size_t count, const std::function<void(JsonRecordWriter&, size_t)>& write,
                      int max_decimals) {
  const bool lines = format == OutputFormat::kJsonl;
  rapidjson::StringBuffer buf;
  JsonRecordWriter w(buf);
  if (max_decimals >= 0) w.SetMaxDecimalPlaces(max_decimals);
  if (!lines) w.StartArray();
  for (size_t i = 0; i < count; ++i) {
    if (lines) {
      buf.Clear();
      w.Reset(buf);
    }
    write(w, i);
    if (lines) std::printf("%s\n", buf.GetString());
  }
  if (!lines) {
    w.EndArray();
    std::printf("%s\n", buf.GetString());
  }
}

}  // namespace zicht::cli

#pragma once
// `--format` for commands whose output is data (docs/design.md: `table` is the
// default on a terminal; otherwise `json`, so pipes get something a program
// can read).
#include <CLI/CLI.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace zicht::cli {

enum class OutputFormat { kTable, kJson, kJsonl, kCsv, kDot, kGraphml, kStix, kMisp };

//! Adds `--format` to `cmd`, accepting only `allowed` (wire names: "table",
//! "json", "jsonl", "csv", "dot", "graphml", "stix", "misp"). The chosen name lands
//! in `*target` (empty when not given).
CLI::Option* AddFormatOption(CLI::App* cmd, std::string* target, const std::vector<std::string>& allowed);

//! The format to use: `given` when set, else table on a terminal, json otherwise.
OutputFormat ResolveFormat(const std::string& given);

using JsonRecordWriter = rapidjson::Writer<rapidjson::StringBuffer>;

//! Prints `count` records to stdout as one JSON array (kJson) or one object
//! per line (kJsonl); `write(w, i)` writes record i as one JSON value.
//! `max_decimals` (when ≥ 0) rounds doubles.
void PrintJsonRecords(OutputFormat format, size_t count, const std::function<void(JsonRecordWriter&, size_t)>& write,
                      int max_decimals = -1);

}  // namespace zicht::cli

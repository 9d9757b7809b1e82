// `zicht warninglist import FILE [--name N] [--kind K] [--strict] [--db PATH]`
// `zicht warninglist list [--format table|json|csv] [--db PATH]`
// Warning-lists: legitimate values fraudsters abuse (banks' numbers,
// marketplaces, payment-request and messaging domains) that must never link
// reports. Shipped lists are built in and always active; imported ones are
// stored in the database and honoured by every later command and by a
// service (re)started on it. Formats (plain `kind,value` lines or MISP
// warning-list JSON) and matching rules: docs/linking.md.
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "common/csv_field.h"
#include "common/time.h"
#include "link/json_writer.h"
#include "link/warning_list.h"
#include "store/warning_list_store.h"

namespace zicht::cli {
namespace {

struct ImportArgs {
  std::string file;
  std::string name;
  std::string kind;
  bool strict = false;
  std::string db = "zicht.db";
};

// Tells the importer what was left out (stderr: stdout carries the result).
// Warning-list values are public reference data (platform domains, banks'
// numbers), not reported identifiers, so the examples name them.
void PrintNotes(const char* what, size_t count, const std::vector<link::WarningList::Note>& examples) {
  if (count == 0) return;
  std::fprintf(stderr, "warninglist import: %s %zu %s; %s:\n", what, count, count == 1 ? "entry" : "entries",
               count > examples.size() ? "the first" : "they are");
  for (const auto& n : examples) std::fprintf(stderr, "  %s: %s\n", n.where.c_str(), n.reason.c_str());
}

struct ListArgs {
  std::string format;
  std::string db = "zicht.db";
};

int RunImport(const ImportArgs& a) {
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return ReportStatus("warninglist import", Status::IOError("cannot read '" + a.file + "'"));
  std::stringstream text;
  text << in.rdbuf();
  std::optional<model::IdentifierKind> kind;
  if (!a.kind.empty()) kind = model::kIdentifierKindNames.Parse(a.kind);
  auto list = link::ParseWarningList(text.str(), a.name, kind, a.strict);
  if (!list.ok()) return ReportStatus("warninglist import", list.status().WithContext(a.file));
  if (list->name.empty()) list->name = std::filesystem::path(a.file).stem().string();
  auto store = store::WarningListStore::Open(a.db);
  if (!store.ok()) return ReportStatus("warninglist import", store.status());
  store::WarningListRow row;
  row.name = list->name;
  row.description = list->description;
  row.imported_at = FormatRfc3339(SystemClock().Now());
  for (const auto& e : list->entries) row.entries.push_back({e.kind, e.value, e.subdomains});
  Status s = (*store)->Put(row);
  if (!s.ok()) return ReportStatus("warninglist import", s);
  PrintNotes("skipped", list->skipped, list->skipped_examples);
  PrintNotes("narrowed to the exact host", list->narrowed, list->narrowed_examples);
  std::printf("imported warning-list '%s': %zu entries", row.name.c_str(), row.entries.size());
  if (list->skipped > 0) std::printf(", %zu skipped", list->skipped);
  if (list->duplicates > 0) std::printf(", %zu duplicates", list->duplicates);
  std::printf("\n");
  return kExitOk;
}

int RunList(const ListArgs& a) {
  std::vector<store::WarningListRow> rows;
  for (const auto& l : link::ShippedWarningLists()) {
    store::WarningListRow r;
    r.name = l.name;
    r.description = l.description;
    r.imported_at = "shipped";
    r.entry_count = static_cast<int64_t>(l.entries.size());
    rows.push_back(std::move(r));
  }
  if (StoreExists(a.db)) {
    auto store = store::WarningListStore::Open(a.db);
    if (!store.ok()) return ReportStatus("warninglist list", store.status());
    auto stored = (*store)->List();
    if (!stored.ok()) return ReportStatus("warninglist list", stored.status());
    for (auto& r : *stored) rows.push_back(std::move(r));
  }
  switch (ResolveFormat(a.format)) {
    case OutputFormat::kCsv:
      std::printf("name,origin,entries\n");
      for (const auto& r : rows) {
        std::printf("%s,%s,%" PRId64 "\n", CsvField(r.name).c_str(), CsvField(r.imported_at).c_str(), r.entry_count);
      }
      break;
    case OutputFormat::kJson: {
      rapidjson::StringBuffer buf;
      link::JsonWriter w(buf);
      w.StartObject();
      w.Key("lists");
      w.StartArray();
      for (const auto& r : rows) {
        w.StartObject();
        w.Key("name");
        link::WriteString(w, r.name);
        w.Key("shipped");
        w.Bool(r.imported_at == "shipped");
        w.Key("imported_at");
        if (r.imported_at == "shipped") w.Null();
        else link::WriteString(w, r.imported_at);
        w.Key("entries");
        w.Int64(r.entry_count);
        w.Key("description");
        link::WriteString(w, r.description);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      std::printf("%s\n", buf.GetString());
      break;
    }
    default:
      std::printf("%-32s %-22s %8s\n", "name", "origin", "entries");
      for (const auto& r : rows) {
        std::printf("%-32s %-22s %8" PRId64 "\n", r.name.c_str(), r.imported_at.c_str(), r.entry_count);
      }
  }
  return kExitOk;
}

}  // namespace

void RegisterWarninglistCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("warninglist",
                                 "Warning-lists: legitimate values (banks' numbers, platform domains) that never link.");
  cmd->require_subcommand(1);

  auto import_args = std::make_shared<ImportArgs>();
  auto* import = cmd->add_subcommand(
      "import", "Add a warning-list to the database: plain `kind,value` lines or MISP warning-list JSON "
                "(type string = exact hosts, hostname = with subdomains). Entries Zicht cannot represent are "
                "skipped and reported (--strict: fail instead). A list of the same name is replaced.");
  import->add_option("FILE", import_args->file, "the list file")->required();
  import->add_option("--name", import_args->name, "list name (default: from the file, else its file name)");
  std::vector<std::string> kinds;
  for (auto n : model::kIdentifierKindNames.names) kinds.emplace_back(n);
  import->add_option("--kind", import_args->kind, "kind of every MISP value (default: told from each value's shape)")
      ->check(CLI::IsMember(kinds));
  import->add_flag("--strict", import_args->strict, "fail on the first entry that cannot be imported");
  AddDbOption(import, &import_args->db, ctx.global_db, "store");
  import->callback([import_args, &ctx] { ctx.exit_code = RunImport(*import_args); });

  auto list_args = std::make_shared<ListArgs>();
  auto* list = cmd->add_subcommand("list", "Shipped and imported warning-lists with their entry counts.");
  AddFormatOption(list, &list_args->format, {"table", "json", "csv"});
  AddDbOption(list, &list_args->db, ctx.global_db, "store");
  list->callback([list_args, &ctx] { ctx.exit_code = RunList(*list_args); });
}

}  // namespace zicht::cli

// `zicht audit`: read the audit log — "who looked up this IBAN, and why?"
// (docs/privacy.md). Searching by value pseudonymises it locally with the
// deployment key, because the log holds only pseudonyms.
#include <cstdio>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "link/pseudonym.h"
#include "normalize/normalize.h"
#include "server/pseudonym_key.h"
#include "store/audit_store.h"

namespace zicht::cli {
namespace {

struct AuditArgs {
  std::string db = "zicht.db";
  std::string partner, since, pseudonym, kind, value, key_file, format;
  size_t limit = 0;
};

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteJson(rapidjson::Writer<rapidjson::StringBuffer>& w, const store::AuditEntry& e) {
  auto str = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  w.Key("seq");
  w.Int64(e.seq);
  str("at", FormatRfc3339(e.at));
  str("partner", e.partner);
  str("key_id", e.key_id);
  str("endpoint", e.endpoint);
  str("kind", e.kind);
  str("pseudonym", e.pseudonym);
  str("subject", e.subject);
  str("purpose", e.purpose);
  str("result", e.result);
  w.EndObject();
}

int Run(const AuditArgs& a) {
  store::AuditQuery q;
  if (!a.partner.empty()) q.partner = a.partner;
  if (!a.since.empty()) {
    auto t = ParseRfc3339(a.since);
    if (!t.ok()) return ReportStatus("audit", t.status().WithContext("--since"), true);
    q.since = t->seconds;
  }
  if (!a.pseudonym.empty()) q.pseudonym = a.pseudonym;
  if (!a.value.empty() || !a.kind.empty()) {
    if (a.value.empty() || a.kind.empty()) {
      return ReportStatus("audit", Status::InvalidArgument("--kind and --value go together"), true);
    }
    auto kind = model::kIdentifierKindNames.Parse(a.kind);
    if (!kind) {
      return ReportStatus("audit", Status::InvalidArgument("--kind must be one of " +
                                                           model::kIdentifierKindNames.Joined()), true);
    }
    std::string key_file = a.key_file.empty() ? server::DefaultPseudonymKeyPath(a.db) : a.key_file;
    auto key = server::LoadPseudonymKey(key_file);
    if (!key.ok()) return ReportStatus("audit", key.status());
    auto normalized = normalize::Normalize(*kind, a.value);
    // An invalid value was logged as its pseudonym "as sent" (see check_handler.cc).
    std::string canonical = normalized.ok() ? normalized->canonical : a.value;
    q.pseudonym = link::Pseudonymize(*key, *kind, canonical);
  }
  q.limit = a.limit;
  auto store = store::AuditStore::Open(a.db);
  if (!store.ok()) return ReportStatus("audit", store.status());
  auto entries = (*store)->Query(q);
  if (!entries.ok()) return ReportStatus("audit", entries.status());
  OutputFormat format = ResolveFormat(a.format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    if (format == OutputFormat::kJson) w.StartArray();
    for (const auto& e : *entries) {
      if (format == OutputFormat::kJsonl) {
        buf.Clear();
        w.Reset(buf);
      }
      WriteJson(w, e);
      if (format == OutputFormat::kJsonl) std::printf("%s\n", buf.GetString());
    }
    if (format == OutputFormat::kJson) {
      w.EndArray();
      std::printf("%s\n", buf.GetString());
    }
    return kExitOk;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("seq,at,partner,key_id,endpoint,kind,pseudonym,subject,purpose,result\n");
    for (const auto& e : *entries) {
      std::printf("%lld,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", static_cast<long long>(e.seq), FormatRfc3339(e.at).c_str(),
                  CsvField(e.partner).c_str(), CsvField(e.key_id).c_str(), CsvField(e.endpoint).c_str(),
                  CsvField(e.kind).c_str(), CsvField(e.pseudonym).c_str(), CsvField(e.subject).c_str(),
                  CsvField(e.purpose).c_str(), CsvField(e.result).c_str());
    }
    return kExitOk;
  }
  std::printf("%-20s  %-16s  %-24s  %-6s  %-16s  %-7s  %s\n", "AT", "PARTNER", "ENDPOINT", "KIND", "PSEUDONYM",
              "RESULT", "PURPOSE");
  for (const auto& e : *entries) {
    std::string what = e.pseudonym.empty() ? e.subject : e.pseudonym.substr(0, 16);
    std::printf("%-20s  %-16s  %-24s  %-6s  %-16s  %-7s  %s\n", FormatRfc3339(e.at).c_str(), e.partner.c_str(),
                e.endpoint.c_str(), e.kind.c_str(), what.c_str(), e.result.c_str(), e.purpose.c_str());
  }
  std::fprintf(stderr, "%zu entries\n", entries->size());
  return kExitOk;
}

}  // namespace

void RegisterAuditCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("audit", "Read the audit log: who checked what, when and why");
  auto a = std::make_shared<AuditArgs>();
  AddDbOption(cmd, &a->db, ctx.global_db, "SQLite database");
  cmd->add_option("--partner", a->partner, "only this partner");
  cmd->add_option("--since", a->since, "only from this RFC 3339 date or time");
  cmd->add_option("--pseudonym", a->pseudonym, "only look-ups of this pseudonym");
  cmd->add_option("--kind", a->kind, "with --value: only look-ups of this identifier");
  cmd->add_option("--value", a->value, "identifier value, pseudonymised locally to search");
  cmd->add_option("--key-file", a->key_file, "pseudonym key (default: zicht-pseudonym.key next to the database)");
  cmd->add_option("--limit", a->limit, "only the most recent N entries");
  AddFormatOption(cmd, &a->format, {"table", "json", "jsonl", "csv"});
  cmd->callback([&ctx, a] { ctx.exit_code = Run(*a); });
}

}  // namespace zicht::cli

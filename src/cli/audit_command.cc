// `zicht audit`: read the audit log — "who looked up this IBAN, and why?"
// (docs/privacy.md). Searching by value pseudonymises it locally with the
// deployment key, because the log holds only pseudonyms.
#include <cstdio>
#include <map>
#include <utility>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "common/csv_field.h"
#include "link/pseudonym.h"
#include "normalize/normalize.h"
#include "server/pseudonym_key.h"
#include "store/audit_store.h"

namespace zicht::cli {
namespace {

struct AuditArgs {
  std::string db = "zicht.db";
  std::string partner, since, pseudonym, kind, value, key_file, format, extract_for;
  bool summary = false;
  size_t limit = 0;
};

// A look-up "hits" when the identifier was known: its verdict's risk is
// anything but "none" (check entries; other entries are not look-ups of
// an identifier and have no hit rate).
bool IsCheck(const store::AuditEntry& e) { return e.endpoint == "POST /v1/check"; }
bool IsHit(const store::AuditEntry& e) { return IsCheck(e) && e.result != "none"; }

// --summary: per partner and purpose, how many requests, how many were
// identifier checks, and how many of those were hits.
int PrintSummary(const std::vector<store::AuditEntry>& entries, OutputFormat format) {
  struct Row {
    int64_t requests = 0, checks = 0, hits = 0;
    std::string legal_basis;
  };
  std::map<std::pair<std::string, std::string>, Row> rows;
  for (const auto& e : entries) {
    Row& r = rows[{e.partner, e.purpose}];
    ++r.requests;
    r.checks += IsCheck(e);
    r.hits += IsHit(e);
    if (!e.legal_basis.empty()) r.legal_basis = e.legal_basis;
  }
  auto rate = [](const Row& r) { return r.checks == 0 ? 0.0 : static_cast<double>(r.hits) / r.checks; };
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    std::vector<const std::pair<const std::pair<std::string, std::string>, Row>*> list;
    for (const auto& row : rows) list.push_back(&row);
    PrintJsonRecords(
        format, list.size(),
        [&](JsonRecordWriter& w, size_t i) {
          const auto& [k, r] = *list[i];
          w.StartObject();
          w.Key("partner");
          w.String(k.first.c_str(), static_cast<rapidjson::SizeType>(k.first.size()));
          w.Key("purpose");
          w.String(k.second.c_str(), static_cast<rapidjson::SizeType>(k.second.size()));
          w.Key("legal_basis");
          w.String(r.legal_basis.c_str(), static_cast<rapidjson::SizeType>(r.legal_basis.size()));
          w.Key("requests");
          w.Int64(r.requests);
          w.Key("checks");
          w.Int64(r.checks);
          w.Key("hits");
          w.Int64(r.hits);
          w.Key("hit_rate");
          w.Double(rate(r));
          w.EndObject();
        },
        4);
    return kExitOk;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("partner,purpose,legal_basis,requests,checks,hits,hit_rate\n");
    for (const auto& [k, r] : rows) {
      std::printf("%s,%s,%s,%lld,%lld,%lld,%.4f\n", CsvField(k.first).c_str(), CsvField(k.second).c_str(),
                  CsvField(r.legal_basis).c_str(), static_cast<long long>(r.requests),
                  static_cast<long long>(r.checks), static_cast<long long>(r.hits), rate(r));
    }
    return kExitOk;
  }
  std::printf("%-16s  %-22s  %9s  %9s  %9s  %8s  %s\n", "PARTNER", "PURPOSE", "REQUESTS", "CHECKS", "HITS", "HIT RATE",
              "LEGAL BASIS");
  for (const auto& [k, r] : rows) {
    std::printf("%-16s  %-22s  %9lld  %9lld  %9lld  %7.1f%%  %s\n", k.first.c_str(), k.second.c_str(),
                static_cast<long long>(r.requests), static_cast<long long>(r.checks), static_cast<long long>(r.hits),
                100.0 * rate(r), r.legal_basis.c_str());
  }
  return kExitOk;
}

void WriteJson(JsonRecordWriter& w, const store::AuditEntry& e) {
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
  str("legal_basis", e.legal_basis);
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
  if (!a.extract_for.empty()) {
    if (!a.partner.empty() && a.partner != a.extract_for) {
      return ReportStatus("audit", Status::InvalidArgument("--extract-for gives one partner its own look-ups; "
                                                           "--partner must be left out or the same"), true);
    }
    if (!a.pseudonym.empty() || !a.value.empty()) {
      return ReportStatus("audit", Status::InvalidArgument("--extract-for cannot be combined with --pseudonym or "
                                                           "--value (an extract holds the partner's pseudonyms)"),
                          true);
    }
    q.partner = a.extract_for;
  }
  std::string pseudonym_key;
  if (!a.value.empty() || !a.kind.empty() || !a.extract_for.empty()) {
    std::string key_file = a.key_file.empty() ? server::DefaultPseudonymKeyPath(a.db) : a.key_file;
    auto key = server::LoadPseudonymKey(key_file);
    if (!key.ok()) return ReportStatus("audit", key.status());
    pseudonym_key = *key;
  }
  if (!a.value.empty() || !a.kind.empty()) {
    if (a.value.empty() || a.kind.empty()) {
      return ReportStatus("audit", Status::InvalidArgument("--kind and --value go together"), true);
    }
    auto kind = model::kIdentifierKindNames.Parse(a.kind);
    if (!kind) {
      return ReportStatus("audit", Status::InvalidArgument("--kind must be one of " +
                                                           model::kIdentifierKindNames.Joined()), true);
    }
    auto normalized = normalize::Normalize(*kind, a.value);
    // An invalid value was logged as its pseudonym "as sent" (see server/check_endpoint.cc).
    std::string canonical = normalized.ok() ? normalized->canonical : a.value;
    q.pseudonym = link::Pseudonymize(pseudonym_key, *kind, canonical);
  }
  q.limit = a.limit;
  auto store = store::AuditStore::Open(a.db);
  if (!store.ok()) return ReportStatus("audit", store.status());
  auto entries = (*store)->Query(q);
  if (!entries.ok()) return ReportStatus("audit", entries.status());
  OutputFormat format = ResolveFormat(a.format);
  if (!a.extract_for.empty()) {
    // What the partner receives: its own entries, each pseudonym re-keyed
    // for it (link/pseudonym.h), so two partners' extracts cannot be joined.
    for (auto& e : *entries) {
      if (!e.pseudonym.empty()) e.pseudonym = link::PartnerPseudonym(pseudonym_key, a.extract_for, e.pseudonym);
    }
  }
  if (a.summary) return PrintSummary(*entries, format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    PrintJsonRecords(format, entries->size(), [&](JsonRecordWriter& w, size_t i) { WriteJson(w, (*entries)[i]); });
    return kExitOk;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("seq,at,partner,key_id,endpoint,kind,pseudonym,subject,purpose,legal_basis,result\n");
    for (const auto& e : *entries) {
      std::printf("%lld,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", static_cast<long long>(e.seq), FormatRfc3339(e.at).c_str(),
                  CsvField(e.partner).c_str(), CsvField(e.key_id).c_str(), CsvField(e.endpoint).c_str(),
                  CsvField(e.kind).c_str(), CsvField(e.pseudonym).c_str(), CsvField(e.subject).c_str(),
                  CsvField(e.purpose).c_str(), CsvField(e.legal_basis).c_str(), CsvField(e.result).c_str());
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
  AddDbOption(cmd, &a->db, ctx.global_db, "store");
  cmd->add_option("--partner", a->partner, "only this partner");
  cmd->add_option("--since", a->since, "only from this RFC 3339 date or time");
  cmd->add_option("--pseudonym", a->pseudonym, "only look-ups of this pseudonym");
  cmd->add_option("--kind", a->kind, "with --value: only look-ups of this identifier");
  cmd->add_option("--value", a->value, "identifier value, pseudonymised locally to search");
  cmd->add_option("--key-file", a->key_file, "pseudonym key (default: zicht-pseudonym.key next to the database)");
  cmd->add_option("--limit", a->limit, "only the most recent N entries");
  cmd->add_flag("--summary", a->summary,
                "per partner and purpose: requests, identifier checks, hits and hit rate (with the legal basis)");
  cmd->add_option("--extract-for", a->extract_for,
                  "an extract to hand to this partner: only its own entries, each pseudonym re-keyed for it so "
                  "that two partners' extracts cannot be joined");
  AddFormatOption(cmd, &a->format, {"table", "json", "jsonl", "csv"});
  cmd->callback([&ctx, a] { ctx.exit_code = Run(*a); });
}

}  // namespace zicht::cli

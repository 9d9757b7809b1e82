// `zicht keys add|list|revoke`: API keys for partners (docs/keys.md). The
// key itself is printed once by `add` and never stored; the keys file holds
// its SHA-256.
#include <cstdio>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "common/csv_field.h"
#include "model/report.h"
#include "server/key_ring.h"

namespace zicht::cli {
namespace {

struct KeysArgs {
  std::string keys_path = "zicht-keys.toml";
  std::string partner;
  std::string role;
  std::vector<std::string> sources;
  std::string scope;
  std::vector<std::string> purposes;
  std::string legal_basis;
  std::string target;  // revoke: key id or partner
  std::string format;
};

int Add(const KeysArgs& a) {
  if (!model::IsValidSource(a.partner)) {
    return ReportStatus("keys add", Status::InvalidArgument("--partner must match [a-z0-9_-]{1,32}"), true);
  }
  auto role = server::kRoleNames.Parse(a.role);
  if (!role) {
    return ReportStatus("keys add",
                        Status::InvalidArgument("--role must be one of " + server::kRoleNames.Joined()), true);
  }
  for (const std::string& source : a.sources) {
    if (!model::IsValidSource(source)) {
      return ReportStatus("keys add", Status::InvalidArgument("--source must match [a-z0-9_-]{1,32}"), true);
    }
  }
  model::Scope scope = server::DefaultScope(*role);
  if (!a.scope.empty()) {
    auto parsed = model::kScopeNames.Parse(a.scope);
    if (!parsed) {
      return ReportStatus("keys add", Status::InvalidArgument("--scope '" + a.scope + "' is unknown; one of " +
                                                              model::kScopeNames.Joined()), true);
    }
    scope = *parsed;
  }
  server::PurposeSet purposes;
  for (const std::string& text : a.purposes) {
    auto parsed = server::kPurposeNames.Parse(text);
    if (!parsed) {
      return ReportStatus("keys add", Status::InvalidArgument("--purpose '" + text + "' is unknown; one of " +
                                                              server::kPurposeNames.Joined()), true);
    }
    purposes.Add(*parsed);
  }
  if (purposes.empty()) purposes = server::DefaultPurposes(*role);
  if (a.legal_basis.empty() || a.legal_basis.size() > server::kMaxLegalBasis) {
    return ReportStatus("keys add", Status::InvalidArgument(
                                        "--legal-basis must name the legal basis the partner registered for its "
                                        "look-ups (1 to " + std::to_string(server::kMaxLegalBasis) + " bytes)"),
                        true);
  }
  auto file = server::KeysFile::Load(a.keys_path);
  if (!file.ok()) return ReportStatus("keys add", file.status());
  auto key = server::GenerateApiKey();
  if (!key.ok()) return ReportStatus("keys add", key.status());
  server::KeyEntry e;
  e.sha256 = server::Sha256Hex(*key);
  e.id = e.sha256.substr(0, 12);
  e.partner = a.partner;
  e.role = *role;
  e.sources = a.sources;
  e.scope = scope;
  e.purposes = purposes;
  e.legal_basis = a.legal_basis;
  e.created = SystemClock().Now();
  file->keys.push_back(e);
  Status s = file->Save(a.keys_path);
  if (!s.ok()) return ReportStatus("keys add", s);
  std::printf("%s\n", key->c_str());
  std::fprintf(stderr,
               "zicht keys: added key %s for partner '%s' (role %s, scope %s, purposes %s) to %s.\n"
               "This key is shown once; only its hash is stored. Hand it to the partner securely.\n",
               e.id.c_str(), e.partner.c_str(), a.role.c_str(), std::string(model::kScopeNames.Name(e.scope)).c_str(),
               e.purposes.Joined().c_str(), a.keys_path.c_str());
  return kExitOk;
}

int List(const KeysArgs& a) {
  auto file = server::KeysFile::Load(a.keys_path);
  if (!file.ok()) return ReportStatus("keys list", file.status());
  OutputFormat format = ResolveFormat(a.format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    PrintJsonRecords(format, file->keys.size(), [&](JsonRecordWriter& w, size_t i) {
      const server::KeyEntry& e = file->keys[i];
      w.StartObject();
      w.Key("id");
      w.String(e.id.c_str());
      w.Key("partner");
      w.String(e.partner.c_str());
      w.Key("role");
      w.String(std::string(server::kRoleNames.Name(e.role)).c_str());
      w.Key("scope");
      w.String(std::string(model::kScopeNames.Name(e.scope)).c_str());
      w.Key("purposes");
      w.StartArray();
      for (std::string_view name : e.purposes.Names()) {
        w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      }
      w.EndArray();
      w.Key("legal_basis");
      w.String(e.legal_basis.c_str(), static_cast<rapidjson::SizeType>(e.legal_basis.size()));
      w.Key("created");
      w.String(FormatRfc3339(e.created).c_str());
      w.Key("revoked");
      w.Bool(e.revoked);
      w.EndObject();
    });
    return kExitOk;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("id,partner,role,scope,purposes,legal_basis,created,revoked\n");
    for (const auto& e : file->keys) {
      std::printf("%s,%s,%s,%s,%s,%s,%s,%s\n", e.id.c_str(), e.partner.c_str(),
                  std::string(server::kRoleNames.Name(e.role)).c_str(),
                  std::string(model::kScopeNames.Name(e.scope)).c_str(), CsvField(e.purposes.Joined()).c_str(),
                  CsvField(e.legal_basis).c_str(), FormatRfc3339(e.created).c_str(), e.revoked ? "true" : "false");
    }
    return kExitOk;
  }
  std::printf("%-12s  %-24s  %-8s  %-6s  %-20s  %-7s  %s\n", "ID", "PARTNER", "ROLE", "SCOPE", "CREATED", "STATUS",
              "PURPOSES");
  for (const auto& e : file->keys) {
    std::printf("%-12s  %-24s  %-8s  %-6s  %-20s  %-7s  %s\n", e.id.c_str(), e.partner.c_str(),
                std::string(server::kRoleNames.Name(e.role)).c_str(),
                std::string(model::kScopeNames.Name(e.scope)).c_str(), FormatRfc3339(e.created).c_str(),
                e.revoked ? "revoked" : "active", e.purposes.Joined().c_str());
  }
  return kExitOk;
}

int Revoke(const KeysArgs& a) {
  auto file = server::KeysFile::Load(a.keys_path);
  if (!file.ok()) return ReportStatus("keys revoke", file.status());
  int revoked = 0;
  for (auto& e : file->keys) {
    if ((e.id == a.target || e.partner == a.target) && !e.revoked) {
      e.revoked = true;
      ++revoked;
    }
  }
  if (revoked == 0) {
    return ReportStatus("keys revoke",
                        Status::NotFound("no active key with id or partner '" + a.target + "' in " + a.keys_path));
  }
  Status s = file->Save(a.keys_path);
  if (!s.ok()) return ReportStatus("keys revoke", s);
  std::fprintf(stderr,
               "zicht keys: revoked %d key(s). A running `zicht serve` picks this up on SIGHUP or restart.\n",
               revoked);
  return kExitOk;
}

}  // namespace

void RegisterKeysCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("keys", "Manage API keys (partner, role); the keys file stores only hashes");
  cmd->require_subcommand(1);
  auto args = std::make_shared<KeysArgs>();

  auto* add = cmd->add_subcommand("add", "Create a key for a partner and print it once");
  add->add_option("--partner", args->partner, "partner name, [a-z0-9_-]{1,32}")->required();
  add->add_option("--role", args->role, "analyst, reporter or checker")->required();
  add->add_option("--source", args->sources,
                  "report source the key may write with POST /v1/reports (repeat for several; "
                  "default: the source named like the partner)");
  add->add_option("--scope", args->scope,
                  "what a look-up answers: hit (known + risk), risk (+ reasons) or detail (+ counts, damage, "
                  "fraud types, cluster); default: detail for analyst, hit otherwise");
  add->add_option("--purpose", args->purposes,
                  "a purpose the key may be used for, sent as X-Purpose (repeat for several): " +
                      server::kPurposeNames.Joined() +
                      "; default: fraud-investigation (analyst), fraud-reporting (reporter), payment-screening (checker)");
  add->add_option("--legal-basis", args->legal_basis,
                  "the legal basis the partner registered for these look-ups, recorded with each one in the audit "
                  "log (e.g. \"AVG art. 6(1)(f); convenant PPS fraude\")")
      ->required();
  add->add_option("--keys", args->keys_path, "keys file")->capture_default_str();
  add->callback([&ctx, args] { ctx.exit_code = Add(*args); });

  auto* list = cmd->add_subcommand("list", "List keys (ids, partners, roles; never the keys)");
  list->add_option("--keys", args->keys_path, "keys file")->capture_default_str();
  AddFormatOption(list, &args->format, {"table", "json", "jsonl", "csv"});
  list->callback([&ctx, args] { ctx.exit_code = List(*args); });

  auto* revoke = cmd->add_subcommand("revoke", "Revoke a key by its id, or every key of a partner");
  revoke->add_option("target", args->target, "key id or partner")->required();
  revoke->add_option("--keys", args->keys_path, "keys file")->capture_default_str();
  revoke->callback([&ctx, args] { ctx.exit_code = Revoke(*args); });
}

}  // namespace zicht::cli

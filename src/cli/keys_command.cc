// `zicht keys add|list|revoke`: API keys for partners (docs/keys.md). The
// key itself is printed once by `add` and never stored; the keys file holds
// its SHA-256.
#include <cstdio>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "model/report.h"
#include "server/key_ring.h"

namespace zicht::cli {
namespace {

struct KeysArgs {
  std::string keys_path = "zicht-keys.toml";
  std::string partner;
  std::string role;
  std::vector<std::string> sources;
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
  e.created = SystemClock().Now();
  file->keys.push_back(e);
  Status s = file->Save(a.keys_path);
  if (!s.ok()) return ReportStatus("keys add", s);
  std::printf("%s\n", key->c_str());
  std::fprintf(stderr,
               "zicht keys: added key %s for partner '%s' (role %s) to %s.\n"
               "This key is shown once; only its hash is stored. Hand it to the partner securely.\n",
               e.id.c_str(), e.partner.c_str(), a.role.c_str(), a.keys_path.c_str());
  return kExitOk;
}

int List(const KeysArgs& a) {
  auto file = server::KeysFile::Load(a.keys_path);
  if (!file.ok()) return ReportStatus("keys list", file.status());
  OutputFormat format = ResolveFormat(a.format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    if (format == OutputFormat::kJson) w.StartArray();
    for (const auto& e : file->keys) {
      if (format == OutputFormat::kJsonl) {
        buf.Clear();
        w.Reset(buf);
      }
      w.StartObject();
      w.Key("id");
      w.String(e.id.c_str());
      w.Key("partner");
      w.String(e.partner.c_str());
      w.Key("role");
      w.String(std::string(server::kRoleNames.Name(e.role)).c_str());
      w.Key("created");
      w.String(FormatRfc3339(e.created).c_str());
      w.Key("revoked");
      w.Bool(e.revoked);
      w.EndObject();
      if (format == OutputFormat::kJsonl) std::printf("%s\n", buf.GetString());
    }
    if (format == OutputFormat::kJson) {
      w.EndArray();
      std::printf("%s\n", buf.GetString());
    }
    return kExitOk;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("id,partner,role,created,revoked\n");
    for (const auto& e : file->keys) {
      std::printf("%s,%s,%s,%s,%s\n", e.id.c_str(), e.partner.c_str(),
                  std::string(server::kRoleNames.Name(e.role)).c_str(), FormatRfc3339(e.created).c_str(),
                  e.revoked ? "true" : "false");
    }
    return kExitOk;
  }
  std::printf("%-12s  %-32s  %-8s  %-20s  %s\n", "ID", "PARTNER", "ROLE", "CREATED", "STATUS");
  for (const auto& e : file->keys) {
    std::printf("%-12s  %-32s  %-8s  %-20s  %s\n", e.id.c_str(), e.partner.c_str(),
                std::string(server::kRoleNames.Name(e.role)).c_str(), FormatRfc3339(e.created).c_str(),
                e.revoked ? "revoked" : "active");
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

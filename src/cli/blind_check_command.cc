// `zicht blind-check KIND VALUE --url URL --key KEY [--purpose P]` and
// `zicht blind-check --jsonl FILE|- --url URL --key KEY`: check identifiers
// at a hub without revealing them (docs/privacy.md, "Blind look-ups"). The
// client library (client/blind_client.h) does normalise → blind → evaluate
// → unblind → bucket → open; this prints one verdict JSON a line, the
// JSON POST /v1/check gives for the same value under the key's scope.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <rapidjson/document.h>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "client/blind_client.h"

namespace zicht::cli {
namespace {

struct BlindCheckArgs {
  std::string kind, value, url, key, purpose = "payment-screening", jsonl;
};

// Reads {"kind","value"} lines; a malformed line is a usage error naming it.
Result<std::vector<client::BlindAsk>> ReadAsks(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) return Status::NotFound("cannot read '" + path + "'");
    in = &file;
  }
  std::vector<client::BlindAsk> asks;
  std::string line;
  for (size_t n = 1; std::getline(*in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    auto where = "line " + std::to_string(n);
    if (doc.HasParseError() || !doc.IsObject()) return Status::InvalidArgument(where + ": not a JSON object");
    if (!doc.HasMember("kind") || !doc["kind"].IsString() || !doc.HasMember("value") || !doc["value"].IsString()) {
      return Status::InvalidArgument(where + ": needs string fields 'kind' and 'value'");
    }
    auto kind = model::kIdentifierKindNames.Parse(doc["kind"].GetString());
    if (!kind) {
      return Status::InvalidArgument(where + ": kind must be one of " + model::kIdentifierKindNames.Joined());
    }
    asks.push_back(client::BlindAsk{*kind, std::string(doc["value"].GetString(), doc["value"].GetStringLength())});
  }
  return asks;
}

int RunBlindCheck(const BlindCheckArgs& a) {
  std::vector<client::BlindAsk> asks;
  if (!a.jsonl.empty()) {
    if (!a.kind.empty()) return ReportStatus("blind-check", Status::InvalidArgument("give KIND VALUE or --jsonl, not both"), true);
    auto read = ReadAsks(a.jsonl);
    if (!read.ok()) return ReportStatus("blind-check", read.status(), read.status().IsInvalidArgument());
    asks = std::move(*read);
  } else {
    if (a.kind.empty() || a.value.empty()) {
      return ReportStatus("blind-check", Status::InvalidArgument("KIND and VALUE are required (or --jsonl FILE)"), true);
    }
    auto kind = model::kIdentifierKindNames.Parse(a.kind);
    if (!kind) {
      return ReportStatus("blind-check",
                          Status::InvalidArgument("KIND must be one of " + model::kIdentifierKindNames.Joined()), true);
    }
    asks.push_back(client::BlindAsk{*kind, a.value});
  }
  std::string key = a.key;
  if (key.empty()) {
    const char* env = std::getenv("ZICHT_API_KEY");
    if (env != nullptr) key = env;
  }
  if (key.empty()) return ReportStatus("blind-check", Status::InvalidArgument("--key (or ZICHT_API_KEY) is required"), true);
  auto client = client::BlindClient::Open(client::BlindCheckOptions{a.url, key, a.purpose});
  if (!client.ok()) return ReportStatus("blind-check", client.status(), true);
  auto verdicts = client->Check(asks);
  if (!verdicts.ok()) return ReportStatus("blind-check", verdicts.status());
  for (const std::string& v : *verdicts) std::printf("%s\n", v.c_str());
  return 0;
}

}  // namespace

void RegisterBlindCheckCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand(
      "blind-check",
      "Check identifiers at a hub without revealing them (RFC 9497 OPRF + bucketed, sealed verdicts); "
      "replaces look-ups by shared pseudonym");
  auto a = std::make_shared<BlindCheckArgs>();
  cmd->add_option("kind", a->kind, "iban, phone, email, url, device, handle or crypto");
  cmd->add_option("value", a->value, "the identifier (normalised here; never sent)");
  cmd->add_option("--url", a->url, "the hub, http://host:port")->required();
  cmd->add_option("--key", a->key, "API key (default: the ZICHT_API_KEY environment variable)");
  cmd->add_option("--purpose", a->purpose, "X-Purpose: one of the key's purposes")->capture_default_str();
  cmd->add_option("--jsonl", a->jsonl, "check every {\"kind\",\"value\"} line of FILE (- = stdin), one verdict a line");
  cmd->callback([&ctx, a] { ctx.exit_code = RunBlindCheck(*a); });
}

}  // namespace zicht::cli

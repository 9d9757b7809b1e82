// `zicht normalize KIND VALUE`: the canonical form of one identifier, or a
// clear error (docs/design.md, "Command line"; rules in docs/normalization.md).
//
// Output is one value, so the default is plain text on a terminal and in a
// pipe alike (unlike the table/json default of data commands):
//   text: the canonical form on line 1; for a url a second line
//         "domain: <registrable domain>".
//   json: {"kind","value","valid","normalized","domain"} on success,
//         {"kind","value","valid":false,"error"} on failure.
// Exit codes: 0 valid, 1 invalid value (message on stderr), 2 usage (unknown
// KIND, missing argument).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "model/identifier.h"
#include "normalize/normalize.h"

namespace zicht::cli {
namespace {

struct NormalizeArgs {
  std::string kind;
  std::string value;
  std::string format = "text";
};

void PrintJson(const std::string& kind, const std::string& value, const Result<normalize::Normalized>& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("kind");
  writer.String(kind.c_str(), static_cast<rapidjson::SizeType>(kind.size()));
  writer.Key("value");
  writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  writer.Key("valid");
  writer.Bool(result.ok());
  if (result.ok()) {
    writer.Key("normalized");
    writer.String(result->canonical.c_str(), static_cast<rapidjson::SizeType>(result->canonical.size()));
    writer.Key("domain");
    if (result->domain.empty()) {
      writer.Null();
    } else {
      writer.String(result->domain.c_str(), static_cast<rapidjson::SizeType>(result->domain.size()));
    }
  } else {
    const std::string& message = result.status().message();
    writer.Key("error");
    writer.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
  }
  writer.EndObject();
  std::printf("%s\n", buffer.GetString());
}

int RunNormalize(const NormalizeArgs& args) {
  const std::optional<model::IdentifierKind> kind = model::kIdentifierKindNames.Parse(args.kind);
  if (!kind) {
    return ReportStatus("normalize",
                        Status::InvalidArgument("unknown kind '" + args.kind +
                                                "'; kinds: " + model::kIdentifierKindNames.Joined()),
                        /*usage_error=*/true);
  }
  const Result<normalize::Normalized> result = normalize::Normalize(*kind, args.value);
  if (args.format == "json") {
    PrintJson(args.kind, args.value, result);
  } else if (result.ok()) {
    std::printf("%s\n", result->canonical.c_str());
    if (!result->domain.empty()) std::printf("domain: %s\n", result->domain.c_str());
  }
  if (!result.ok()) {
    return ReportStatus("normalize", result.status().WithContext("invalid " + args.kind));
  }
  return kExitOk;
}

}  // namespace

void RegisterNormalizeCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<NormalizeArgs>();
  auto* cmd = app.add_subcommand("normalize", "print the canonical form of one identifier, or why it is invalid");
  cmd->footer(
      "KIND is one of: " + model::kIdentifierKindNames.Joined() +
      ".\n\n"
      "Prints the canonical form on stdout and exits 0; for a url a second line\n"
      "'domain: <registrable domain>'. An invalid value or a placeholder ('onbekend',\n"
      "'0000000000') prints the reason on stderr and exits 1; an unknown KIND exits 2.\n"
      "Put '--' before a VALUE that starts with '-'.\n\n"
      "Examples:\n"
      "  zicht normalize iban 'nl91 abna 0417 1643 00'     ->  NL91ABNA0417164300\n"
      "  zicht normalize phone '06-12345678'               ->  +31612345678\n"
      "  zicht normalize phone '+31 (0)6 12345678'         ->  +31612345678\n"
      "  zicht normalize email ' Jan@Example.NL '          ->  jan@example.nl\n"
      "  zicht normalize url 'HTTPS://Login.Betaal-Nu.example:443/pay?id=7#top'\n"
      "      ->  https://login.betaal-nu.example/pay?id=7\n"
      "          domain: betaal-nu.example\n"
      "  zicht normalize --format json phone 0612345678\n"
      "      ->  {\"kind\":\"phone\",\"value\":\"0612345678\",\"valid\":true,"
      "\"normalized\":\"+31612345678\",\"domain\":null}\n"
      "Rules per kind: docs/normalization.md.");
  cmd->add_option("KIND", args->kind, "identifier kind: " + model::kIdentifierKindNames.Joined())->required();
  cmd->add_option("VALUE", args->value, "the value as a partner or victim wrote it")->required();
  cmd->add_option("--format", args->format, "output format: text|json (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, args] { ctx.exit_code = RunNormalize(*args); });
}

}  // namespace zicht::cli

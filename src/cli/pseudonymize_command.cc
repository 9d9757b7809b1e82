// `zicht pseudonymize KIND VALUE --key-file F`: the keyed pseudonym a partner
// can send to POST /v1/check instead of the raw value (docs/privacy.md).
// Normalises first, so "06-12345678" and "+31612345678" give one pseudonym.
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "link/pseudonym.h"
#include "normalize/normalize.h"
#include "server/pseudonym_key.h"

namespace zicht::cli {

void RegisterPseudonymizeCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("pseudonymize", "Print the keyed pseudonym of an identifier");
  struct Args {
    std::string kind, value, key_file;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("kind", a->kind, "iban, phone, email, url, device, handle or crypto")->required();
  cmd->add_option("value", a->value, "the identifier")->required();
  cmd->add_option("--key-file", a->key_file, "the deployment's pseudonym key file (64 hex digits)")->required();
  cmd->callback([&ctx, a] {
    auto kind = model::kIdentifierKindNames.Parse(a->kind);
    if (!kind) {
      ctx.exit_code = ReportStatus(
          "pseudonymize",
          Status::InvalidArgument("unknown kind '" + a->kind + "'; one of " + model::kIdentifierKindNames.Joined()),
          true);
      return;
    }
    auto key = server::LoadPseudonymKey(a->key_file);
    if (!key.ok()) {
      ctx.exit_code = ReportStatus("pseudonymize", key.status());
      return;
    }
    auto normalized = normalize::Normalize(*kind, a->value);
    if (!normalized.ok()) {
      ctx.exit_code = ReportStatus("pseudonymize", normalized.status());
      return;
    }
    std::printf("%s\n", link::Pseudonymize(*key, *kind, normalized->canonical).c_str());
  });
}

}  // namespace zicht::cli

// `zicht subscriptions add|list|remove`: what a partner holds — the bank
// code of its Dutch IBANs, a BIC, or a phone number range — and where its
// alerts are pushed (docs/alerts.md, "Subscriptions"). The partner is the
// `partner` of its API keys (docs/keys.md): any key of that partner reads
// the alert feed.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "alert/subscription_index.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "model/report.h"
#include "store/alert_store.h"

namespace zicht::cli {
namespace {

// Shorter secrets are guessable offline from one signed request.
constexpr size_t kMinSecretBytes = 16;

struct SubscriptionsArgs {
  std::string db;
  std::string partner;
  std::string bank_code;
  std::string bic;
  std::string phone_prefix;
  std::string webhook;
  std::string secret_file;
  int64_t id = 0;
  std::string format;
};

Result<std::string> ReadSecret(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read --secret-file '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.size() < kMinSecretBytes) {
    return Status::InvalidArgument("--secret-file holds " + std::to_string(secret.size()) + " bytes; at least " +
                                   std::to_string(kMinSecretBytes) + " are needed (e.g. `openssl rand -hex 32 > F`)");
  }
  return secret;
}

int Add(const SubscriptionsArgs& a) {
  constexpr const char* kCmd = "subscriptions add";
  if (!model::IsValidSource(a.partner)) {
    return ReportStatus(kCmd, Status::InvalidArgument("--partner must match [a-z0-9_-]{1,32}"), true);
  }
  store::Subscription s;
  s.partner = a.partner;
  s.bank_code = a.bank_code;
  s.bic = a.bic;
  s.phone_prefix = a.phone_prefix;
  s.created = SystemClock().Now();
  if (Status v = alert::ValidateSubscription(s); !v.ok()) return ReportStatus(kCmd, v, true);
  if (a.webhook.empty() != a.secret_file.empty()) {
    return ReportStatus(kCmd, Status::InvalidArgument("--webhook and --secret-file go together"), true);
  }
  std::optional<store::Webhook> hook;
  if (!a.webhook.empty()) {
    if (Status v = alert::ValidateWebhookUrl(a.webhook); !v.ok()) return ReportStatus(kCmd, v, true);
    auto secret = ReadSecret(a.secret_file);
    if (!secret.ok()) return ReportStatus(kCmd, secret.status(), secret.status().code() == StatusCode::kInvalidArgument);
    hook = store::Webhook{a.partner, a.webhook, *secret, s.created};
  }
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus(kCmd, store.status());
  auto id = (*store)->AddSubscription(s);
  if (!id.ok()) return ReportStatus(kCmd, id.status());
  if (hook) {
    if (Status w = (*store)->PutWebhook(*hook); !w.ok()) return ReportStatus(kCmd, w);
  }
  std::printf("%lld\n", static_cast<long long>(*id));
  std::fprintf(stderr, "zicht subscriptions: subscription %lld for partner '%s'%s. A running `zicht serve` picks it "
                       "up within a second.\n",
               static_cast<long long>(*id), a.partner.c_str(), hook ? " with its webhook" : "");
  return kExitOk;
}

int List(const SubscriptionsArgs& a) {
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus("subscriptions list", store.status());
  auto subs = (*store)->Subscriptions();
  if (!subs.ok()) return ReportStatus("subscriptions list", subs.status());
  auto hooks = (*store)->Webhooks();
  if (!hooks.ok()) return ReportStatus("subscriptions list", hooks.status());
  auto webhook_of = [&](const std::string& partner) -> std::string {
    for (const auto& h : *hooks) {
      if (h.partner == partner) return h.url;
    }
    return std::string();
  };
  OutputFormat format = ResolveFormat(a.format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    PrintJsonRecords(format, subs->size(), [&](JsonRecordWriter& w, size_t i) {
      const store::Subscription& s = (*subs)[i];
      w.StartObject();
      w.Key("id");
      w.Int64(s.id);
      w.Key("partner");
      w.String(s.partner.c_str());
      const char* what = !s.bank_code.empty() ? "bank_code" : !s.bic.empty() ? "bic" : "phone_prefix";
      w.Key(what);
      w.String((!s.bank_code.empty() ? s.bank_code : !s.bic.empty() ? s.bic : s.phone_prefix).c_str());
      w.Key("webhook");
      std::string url = webhook_of(s.partner);
      if (url.empty()) w.Null();
      else w.String(url.c_str());
      w.Key("created");
      w.String(FormatRfc3339(s.created).c_str());
      w.EndObject();
    });
    return kExitOk;
  }
  std::printf("%-6s  %-24s  %-26s  %s\n", "ID", "PARTNER", "HOLDS", "WEBHOOK");
  for (const auto& s : *subs) {
    std::string holds = !s.bank_code.empty() ? "bank code " + s.bank_code
                        : !s.bic.empty()     ? "BIC " + s.bic
                                             : "phone " + s.phone_prefix + "…";
    std::string url = webhook_of(s.partner);
    std::printf("%-6lld  %-24s  %-26s  %s\n", static_cast<long long>(s.id), s.partner.c_str(), holds.c_str(),
                url.empty() ? "-" : url.c_str());
  }
  return kExitOk;
}

int Remove(const SubscriptionsArgs& a) {
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus("subscriptions remove", store.status());
  if (Status s = (*store)->RemoveSubscription(a.id); !s.ok()) return ReportStatus("subscriptions remove", s);
  std::fprintf(stderr, "zicht subscriptions: removed subscription %lld.\n", static_cast<long long>(a.id));
  return kExitOk;
}

}  // namespace

void RegisterSubscriptionsCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("subscriptions",
                                 "What a partner holds (bank code, BIC, phone range) and where its alerts go "
                                 "(docs/alerts.md)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<SubscriptionsArgs>();

  auto* add = cmd->add_subcommand("add", "Subscribe a partner to alerts about the identifiers it holds");
  add->add_option("--partner", args->partner, "partner name as in its API keys, [a-z0-9_-]{1,32}")->required();
  add->add_option("--bank-code", args->bank_code, "bank code of its Dutch IBANs: INGB, ABNA, RABO, SNSB, BUNQ, …");
  add->add_option("--bic", args->bic, "BIC of a foreign bank whose IBANs carry its bank code (e.g. NWBKGB2L)");
  add->add_option("--phone-prefix", args->phone_prefix, "E.164 number range a telecom holds, e.g. +3197");
  add->add_option("--webhook", args->webhook, "http(s) URL alerts are pushed to (signed; docs/alerts.md)");
  add->add_option("--secret-file", args->secret_file, "file holding the webhook's signing secret (≥ 16 bytes)");
  AddDbOption(add, &args->db, ctx.global_db, "SQLite database, created if missing");
  add->callback([&ctx, args] { ctx.exit_code = Add(*args); });

  auto* list = cmd->add_subcommand("list", "List subscriptions and webhooks (never the secrets)");
  AddDbOption(list, &args->db, ctx.global_db, "SQLite database");
  AddFormatOption(list, &args->format, {"table", "json", "jsonl"});
  list->callback([&ctx, args] { ctx.exit_code = List(*args); });

  auto* remove = cmd->add_subcommand("remove", "Remove a subscription by its id (the last one takes the webhook)");
  remove->add_option("id", args->id, "subscription id (from list)")->required();
  AddDbOption(remove, &args->db, ctx.global_db, "SQLite database");
  remove->callback([&ctx, args] { ctx.exit_code = Remove(*args); });
}

}  // namespace zicht::cli

// `zicht subscriptions add|list|remove`: what a partner holds — the bank
// code of its Dutch IBANs, a BIC, or a phone number range — and where its
// alerts are pushed (docs/alerts.md, "Subscriptions"). The partner is the
// `partner` of its API keys (docs/keys.md): any key of that partner reads
// the alert feed.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "alert/subscription_request.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_format.h"
#include "server/subscription_json.h"
#include "store/alert_store.h"

namespace zicht::cli {
namespace {

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

// The file's bytes without a trailing newline (`openssl rand -hex 32 > F`
// writes one); AddSubscription checks the length.
Result<std::string> ReadSecret(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read --secret-file '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

int Add(const SubscriptionsArgs& a) {
  constexpr const char* kCmd = "subscriptions add";
  alert::SubscriptionRequest r;
  r.subscription.partner = a.partner;
  r.subscription.bank_code = a.bank_code;
  r.subscription.bic = a.bic;
  r.subscription.phone_prefix = a.phone_prefix;
  r.webhook_url = a.webhook;
  if (!a.secret_file.empty()) {
    auto secret = ReadSecret(a.secret_file);
    if (!secret.ok()) return ReportStatus(kCmd, secret.status());
    r.secret = std::move(secret).value();
  }
  // Before the store is opened: a bad option creates no database.
  if (Status v = alert::ValidateSubscriptionRequest(r); !v.ok()) return ReportStatus(kCmd, v, true);
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus(kCmd, store.status());
  auto id = alert::AddSubscription(**store, r, SystemClock().Now());
  if (!id.ok()) return ReportStatus(kCmd, id.status(), id.status().code() == StatusCode::kInvalidArgument);
  std::printf("%lld\n", static_cast<long long>(*id));
  std::fprintf(stderr, "zicht subscriptions: subscription %lld for partner '%s'%s. A running `zicht serve` picks it "
                       "up within a second.\n",
               static_cast<long long>(*id), a.partner.c_str(), r.webhook_url.empty() ? "" : " with its webhook");
  return kExitOk;
}

int List(const SubscriptionsArgs& a) {
  auto store = store::OpenAlertStore(a.db);
  if (!store.ok()) return ReportStatus("subscriptions list", store.status());
  auto subs = (*store)->Subscriptions();
  if (!subs.ok()) return ReportStatus("subscriptions list", subs.status());
  auto hooks = (*store)->Webhooks();
  if (!hooks.ok()) return ReportStatus("subscriptions list", hooks.status());
  auto webhook_of = [&](const std::string& partner) { return server::WebhookUrlOf(*hooks, partner); };
  OutputFormat format = ResolveFormat(a.format);
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    PrintJsonRecords(format, subs->size(), [&](JsonRecordWriter& w, size_t i) {
      server::WriteSubscriptionJson(w, (*subs)[i], webhook_of((*subs)[i].partner));
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
  if (Status s = (*store)->RemoveSubscription(a.id, std::string_view()); !s.ok()) return ReportStatus("subscriptions remove", s);
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

// `zicht serve`: the HTTP service and web app (docs/design.md "HTTP API";
// docs/api.md). Prints "listening on HOST:PORT" on stdout once it accepts
// connections, so scripts and tests can use --listen 127.0.0.1:0.
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "server/http_server.h"
#include "server/service.h"
#include "store/store.h"

namespace zicht::cli {

void RegisterServeCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API (/v1) and the web app");
  auto opts = std::make_shared<server::ServerOptions>();
  opts->web_root = server::DefaultWebRoot();
  cmd->add_option("--listen", opts->listen, "host:port to listen on (port 0 = any free port)")
      ->capture_default_str();
  cmd->add_option("--keys", opts->keys_path, "API keys file (TOML, see `zicht keys`)")->capture_default_str();
  AddDbOption(cmd, &opts->db_path, ctx.global_db, "store");
  cmd->add_option("--threads", opts->threads, "I/O threads (0 = one per core)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--busy-poll-us", opts->busy_poll_us,
                  "microseconds an I/O thread keeps polling for work before it sleeps (0 = never polls; "
                  "lower CPU when idle, more wake-ups under load)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  cmd->add_flag("--legacy-shared-pseudonyms", opts->legacy_shared_pseudonyms,
                "answer checks asked by pseudonym under the deployment-wide key (`zicht pseudonymize`); off because "
                "whoever holds that key can reverse every phone number");
  cmd->add_option("--max-body", opts->max_body, "largest request body in bytes (larger → 413)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--web-root", opts->web_root, "directory of the built web app")->capture_default_str();
  cmd->add_option("--pseudonym-key-file", opts->pseudonym_key_file,
                  "deployment secret for pseudonyms (default: zicht-pseudonym.key next to the database; "
                  "created when absent)");
  cmd->add_option("--oprf-key-file", opts->oprf_key_file,
                  "OPRF key of blind look-ups (default: zicht-oprf.key next to the database; created when absent)");
  cmd->add_option("--oprf-previous-key-file", opts->oprf_previous_key_file,
                  "the OPRF key before the last rotation: its tokens are still answered during the overlap");
  cmd->add_option("--oprf-overlap-days", opts->oprf_overlap_days,
                  "days after the current OPRF key's creation that the previous key is still answered")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--oprf-rate", opts->oprf_rate_per_minute, "OPRF evaluations per API key per minute")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--oprf-background-above", opts->oprf_build_in_background_above,
                  "build the blind look-ups' token index in the background when the index holds more identifiers "
                  "than this (1M take about a minute); blind buckets answer 503 until it is built")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--form-partner", opts->form_partner,
                  "partner (with a reporter key) whose name becomes the source of public form reports; "
                  "without it the form answers 503");
  cmd->add_option("--max-connections", opts->max_connections, "open connections at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-connections-per-address", opts->max_connections_per_address,
                  "open connections from one client address at most (raise it behind a load balancer)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--idle-timeout", opts->idle_timeout_seconds,
                  "seconds an idle keep-alive connection may wait for its next request, and a body may take")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--header-timeout", opts->header_timeout_seconds,
                  "seconds a request's headers may take from their first byte (slow clients are cut off)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--form-rate", opts->form_rate_per_minute,
                  "public form submissions per client IP per minute (a /24 or /48 network: ten times that)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--form-rate-clients", opts->form_rate_clients,
                  "client addresses the form's rate limit remembers (least recently seen forgotten first)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--durability", opts->durability,
                  "normal: a kill -9 may lose the audit entries and barrier state of the last ~5 ms of requests; "
                  "full: every answer waits until its audit entry or barrier state is committed and synced (slower; "
                  "docs/privacy.md)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, store::Durability>{{"normal", store::Durability::kNormal},
                                                   {"full", store::Durability::kFull}},
          CLI::ignore_case))
      ->default_str("normal");
  cmd->add_option("--nodes", opts->shared_nodes,
                  "single: this is the only zicht serve on its database; shared: several nodes serve one store, so "
                  "payment barriers evaluate each request under the store's lock from the stored account state "
                  "(slower; docs/deploy.md). Reports and erasures need no setting: every node follows the "
                  "store's change log either way")
      ->transform(CLI::CheckedTransformer(std::map<std::string, bool>{{"single", false}, {"shared", true}},
                                          CLI::ignore_case))
      ->default_str("single");
  cmd->add_option("--follow-interval", opts->follow_interval_ms,
                  "milliseconds between two reads of the store's change log for other writers' reports "
                  "(docs/deploy.md); on PostgreSQL a commit wakes the node at once and this poll is the fallback")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--retention", opts->retention_path,
                  "retention file (TOML; see `zicht retention apply --help`): reports past their source's period "
                  "are erased at start and then every 24 hours, counts logged to stderr");
  cmd->add_option("--rules", opts->rules_path, "barrier rules file for /v1/payments/evaluate (default: shipped)");
  cmd->add_option("--alert-rules", opts->alert_rules_path,
                  "alert rules file: when to alert the partner that holds an identifier, webhook retries "
                  "(docs/alerts.md; default: shipped)");
  cmd->add_option("--webhook-ca-file", opts->webhook_ca_file,
                  "PEM file of certificate authorities to trust for https:// alert webhooks besides the system's "
                  "trust store (a partner's private CA; docs/alerts.md)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--signals", opts->signals_dir,
                  "screening signals directory (patterns.tsv, weights.tsv, brands.tsv, ...; default: built-in); "
                  "reloaded on SIGHUP");
  cmd->add_option("--barrier-accounts", opts->barrier_max_accounts,
                  "accounts whose barrier state each partner keeps in memory (least recently active evicted first, "
                  "loaded back from the database on their next event)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([&ctx, opts] {
    std::fprintf(stderr, "zicht serve: loading %s\n", store::RedactedLocation(opts->db_path).c_str());
    auto service = server::Service::Open(*opts);
    if (!service.ok()) {
      ctx.exit_code = ReportStatus("serve", service.status(), service.status().IsInvalidArgument());
      return;
    }
    auto http = server::HttpServer::Bind(**service, *opts);
    if (!http.ok()) {
      ctx.exit_code = ReportStatus("serve", http.status(), http.status().IsInvalidArgument());
      return;
    }
    std::printf("listening on %s\n", (*http)->bound_address().c_str());
    std::fflush(stdout);
    Status s = (*http)->Run();
    (*service)->Shutdown();  // writes out the audit log
    std::fprintf(stderr, "zicht serve: stopped\n");
    ctx.exit_code = ReportStatus("serve", s);
  });
}

}  // namespace zicht::cli

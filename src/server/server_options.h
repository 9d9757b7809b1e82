#pragma once
// Settings of `zicht serve` (docs/api.md). Every field has its default here
// and its flag in cli/serve_command.cc.
#include <cstddef>
#include <string>

#include "store/durability.h"

namespace zicht::server {

struct ServerOptions {
  //! host:port to listen on; port 0 picks a free port (printed at start).
  std::string listen = "127.0.0.1:8080";
  //! Keys file (TOML, docs/keys.md); reloaded on SIGHUP.
  std::string keys_path = "zicht-keys.toml";
  //! The SQLite database: reports, warning-lists and the audit log.
  std::string db_path = "zicht.db";
  //! I/O threads; 0 = one per core. Each runs its own event loop and owns
  //! the connections it accepted, so requests never hop threads.
  int threads = 0;
  //! After its last piece of work, an event loop keeps polling its sockets
  //! this long before it sleeps (0 = sleep at once). Under load the next
  //! request nearly always comes within it, and the loop skips a sleep and
  //! a wake-up (a context switch and an inter-processor interrupt) per
  //! batch of requests; an idle server spins once for this long, then sleeps.
  int busy_poll_us = 50;
  //! kNormal: a kill -9 may lose the audit entries and barrier state of
  //! the last ~5 ms of requests, a power loss the last commits. kFull:
  //! nothing answered is lost (store/durability.h; costs measured in `make
  //! bench`).
  store::Durability durability = store::Durability::kNormal;
  //! Answer POST /v1/check items asked by `pseudonym` (the deployment-wide
  //! keyed pseudonym a partner computed with the shared key). Off by
  //! default: whoever holds the shared key can reverse every Dutch mobile
  //! number offline (docs/privacy.md, "Threat model").
  bool legacy_shared_pseudonyms = false;
  //! The OPRF key of blind look-ups (oprf_key.h); empty = "zicht-oprf.key"
  //! next to the database, created when absent.
  std::string oprf_key_file;
  //! The key before the last rotation: its tokens are still answered for
  //! `oprf_overlap_days` after the current key's creation; empty = none.
  std::string oprf_previous_key_file;
  int oprf_overlap_days = 7;
  //! OPRF evaluations (elements) per API key per minute (key_rate_limiter.h).
  //! 6,000 a minute is 100 checks a second per partner key, far above a
  //! bank's payment flow, and makes enumerating 10^8 phone numbers take
  //! about 12 days per key — in plain sight of the audit log.
  int oprf_rate_per_minute = 6000;
  //! Token indexes of up to this many identifiers are built before the
  //! server listens; larger ones in the background (1M identifiers take
  //! about a minute), with POST /v1/blind/bucket answering 503 until done.
  int64_t oprf_build_in_background_above = 20000;
  //! Largest request body accepted; larger → 413. 10 MiB fits ~20k reports.
  size_t max_body = 10 * 1024 * 1024;
  //! Directory with the web app's built files; empty = no static files.
  std::string web_root;
  //! Deployment secret for pseudonyms; empty = "zicht-pseudonym.key" next
  //! to the database, created with 32 random bytes when absent.
  std::string pseudonym_key_file;
  //! Partner (a reporter key's partner in the keys file) whose name becomes
  //! the `source` of reports from the public form; empty = form disabled.
  std::string form_partner;
  //! Open connections at most; further ones are closed at once. Lowered at
  //! start when the open-file limit (raised to its hard limit) is lower.
  int max_connections = 1024;
  //! Open connections from one client address at most (connection_limits.h).
  int max_connections_per_address = 64;
  //! An idle keep-alive connection is closed when its next request has not
  //! begun within this long; a request body must arrive within this long.
  int idle_timeout_seconds = 30;
  //! A request's header block must be complete this long after its first
  //! byte (a slowloris client trickling header bytes is cut off here).
  int header_timeout_seconds = 10;
  //! Several nodes share the store (`--nodes shared`): payment barriers
  //! evaluate each request under the store's lock from the stored state
  //! (shared_barrier.h) instead of this process's memory.
  bool shared_nodes = false;
  //! How often the node reads the store's change log for writes of other
  //! nodes and the CLI (change_follower.h); a read that finds nothing is
  //! one index probe. On PostgreSQL a commit also wakes the node at once
  //! (LISTEN/NOTIFY), and the poll is the fallback.
  int follow_interval_ms = 50;
  //! Retention file (store/retention_policy.h): expired reports are erased
  //! at start and then every 24 hours; empty = reports are kept.
  std::string retention_path;
  //! Barrier rules file for /v1/payments/evaluate; empty = shipped defaults.
  std::string rules_path;
  //! Alert rules file (docs/alerts.md); empty = shipped defaults.
  std::string alert_rules_path;
  //! PEM file of certificate authorities https:// webhooks are also
  //! trusted under (a partner's private CA), besides the system's trust
  //! store; empty = the system's only (docs/alerts.md, "Webhooks").
  std::string webhook_ca_file;
  //! Screening signals directory (data/screening/ format) for
  //! /v1/messages/screen*; empty = built-in. Reloaded on SIGHUP.
  std::string signals_dir;
  //! Accounts whose barrier state one partner keeps in memory; beyond it
  //! the least recently active are evicted and loaded back from the
  //! database on their next event (~550 B each in `make bench`, up to
  //! ~2.6 KB with 256 remembered beneficiaries).
  size_t barrier_max_accounts = 100000;
  //! Public form submissions per client IP per minute (a /24 or /48
  //! network: ten times that; rate_limiter.h).
  int form_rate_per_minute = 10;
  //! Client addresses (and networks) the form's rate limiter remembers; the
  //! least recently seen are forgotten beyond it (~150 B each).
  size_t form_rate_clients = 100000;
};

//! The web app's build output in the source tree (compile-time default of
//! --web-root).
std::string DefaultWebRoot();

}  // namespace zicht::server

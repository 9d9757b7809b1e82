#pragma once
// Settings of `zicht serve` (docs/api.md). Every field has its default here
// and its flag in cli/serve_command.cc.
#include <cstddef>
#include <string>

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
  //! Reject /v1 requests without an X-Purpose header (400).
  bool require_purpose = false;
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
  //! Open connections at most; further ones are closed at once.
  int max_connections = 1024;
  //! A connection that sends nothing (or too slowly) for this long is closed.
  int idle_timeout_seconds = 30;
  //! Barrier rules file for /v1/payments/evaluate; empty = shipped defaults.
  std::string rules_path;
  //! Screening signals directory (data/screening/ format) for
  //! /v1/messages/screen*; empty = built-in. Reloaded on SIGHUP.
  std::string signals_dir;
  //! Public form submissions per client IP per minute.
  int form_rate_per_minute = 10;
};

//! The web app's build output in the source tree (compile-time default of
//! --web-root).
std::string DefaultWebRoot();

}  // namespace zicht::server

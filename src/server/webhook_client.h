#pragma once
// One webhook POST with a hard time limit (docs/alerts.md, "Guarantees"):
// connect, TLS hand-shake (https://, certificate and host name — or IP
// address — checked against the system's trust store plus, when given,
// the operator's CA file: `zicht serve --webhook-ca-file`; verification is
// never switched off), send and the status line must all
// happen within `timeout_ms`, so a receiver that hangs costs its partner's
// delivery thread that long and no more. One connection per POST
// (`Connection: close`): deliveries are rare and a kept-alive connection
// to a flaky receiver is one more thing to get wrong.
//
// Thread-safety: a pure function; OpenSSL 1.1+ is thread-safe.
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace zicht::server {

struct WebhookPost {
  std::string url;  // http://host[:port]/path or https://…
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // JSON
  int64_t timeout_ms = 5000;
  //! PEM certificate authorities trusted besides the system's (a partner's
  //! private CA); empty: the system's trust store only.
  std::string ca_file;
};

//! POSTs and returns the HTTP status the receiver answered. kIOError naming
//! what failed (resolve, connect, TLS, timeout, not HTTP); kInvalidArgument
//! for a URL that is not http(s).
//! A failed certificate check names why ("webhook receiver: TLS
//! certificate not trusted: self-signed certificate …").
Result<int> PostWebhook(const WebhookPost& post);

//! kInvalidArgument naming `path` unless it holds at least one PEM
//! certificate OpenSSL can load as a trust anchor (checked at start, so a
//! wrong --webhook-ca-file fails `zicht serve`, not every delivery).
Status CheckWebhookCaFile(const std::string& path);

}  // namespace zicht::server

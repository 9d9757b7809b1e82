#pragma once
// The partner's side of a blind look-up (docs/privacy.md, "Blind look-ups";
// `zicht blind-check`): normalise → blind → evaluate → unblind → bucket →
// open. The hub sees a blinded element (uniformly random to it) and 16 bits
// of the token; the value and the full token never leave this process.
//
// The verdict is the JSON POST /v1/check gives for the same value under the
// key's scope: the opened box for an identifier the hub knows, with
// "value" set back to what was asked; for one it does not know (no box
// opens), the "unknown" verdict of that scope, built here; for an invalid
// value, the INVALID verdict, without asking the hub at all.
//
// LIMITS: a value that is on a warning-list but in no report, and a URL
// known only by its registrable domain, are "unknown" here while
// POST /v1/check says `low` / matches the domain: the token index holds
// the identifiers of reports (link/token_index.h).
//
// Thread-safety: one BlindClient per thread.
#include <string>
#include <vector>

#include "client/http_client.h"
#include "common/result.h"
#include "model/identifier.h"

namespace zicht::client {

struct BlindCheckOptions {
  std::string url;      // http://host:port of the hub
  std::string api_key;  // the partner's API key (Authorization: Bearer)
  std::string purpose = "payment-screening";  // X-Purpose; one of the key's purposes
};

struct BlindAsk {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string value;
};

class BlindClient {
 public:
  //! kInvalidArgument for a malformed URL; kInternal when libsodium fails.
  static Result<BlindClient> Open(const BlindCheckOptions& options);

  //! One verdict JSON per ask, in order. Evaluates up to 100 elements per
  //! request. A hub refusal (401, 403, 429, 400, …) is a Status carrying
  //! the hub's message: kUnauthorized, kPermissionDenied, kTooLarge (rate
  //! limited; the message says when to retry), kInvalidArgument, kIOError.
  Result<std::vector<std::string>> Check(const std::vector<BlindAsk>& asks);

 private:
  BlindClient(BlindCheckOptions options, HttpClient http) : options_(std::move(options)), http_(std::move(http)) {}
  Result<std::string> Call(const std::string& path, const std::string& body);

  BlindCheckOptions options_;
  HttpClient http_;
};

}  // namespace zicht::client

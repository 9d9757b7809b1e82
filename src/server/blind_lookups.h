#pragma once
// The hub's side of blind look-ups (docs/privacy.md, "Blind look-ups";
// docs/api.md POST /v1/oprf/evaluate and POST /v1/blind/bucket): the OPRF
// key(s), one token index per key, and the per-key rate limit.
//
// Keys: the current key evaluates; during the overlap after a rotation
// (oprf_key.h) the previous key's token index is kept too, so a bucket
// asked under the previous key id is still answered. Both indexes are
// built at start (Engine::ForEachIdentifier) and get every applied batch's
// identifiers (AddReports).
//
// Thread-safety: every method may be called from any thread (TokenIndex
// and KeyRateLimiter lock internally; the keys are set once in Open).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "link/engine.h"
#include "link/token_index.h"
#include "server/key_rate_limiter.h"
#include "server/oprf_key.h"
#include "server/server_options.h"
#include "store/store.h"

namespace zicht::server {

class BlindLookups {
 public:
  //! Loads (or creates) the current OPRF key, the previous one when given
  //! and still in its overlap at `now`, and builds their token indexes
  //! from `engine`. On failure: the key file's Status.
  static Result<std::unique_ptr<BlindLookups>> Open(const ServerOptions& options, const link::Engine& engine,
                                                    UnixSeconds now);

  const OprfKey& current() const { return current_; }

  //! The token index for `key_id`: the current key's, the previous key's
  //! while it overlaps at `now`, else null.
  const link::TokenIndex* IndexFor(std::string_view key_id, UnixSeconds now) const;

  //! Adds the valid identifiers of `changed` (after Engine::Apply).
  void AddReports(const std::vector<store::StoredReport>& changed);

  KeyRateLimiter& limiter() { return limiter_; }

 private:
  explicit BlindLookups(int rate_per_minute) : limiter_(rate_per_minute) {}

  OprfKey current_;
  std::unique_ptr<link::TokenIndex> current_index_;
  std::optional<OprfKey> previous_;
  UnixSeconds previous_until_ = 0;
  std::unique_ptr<link::TokenIndex> previous_index_;
  KeyRateLimiter limiter_;
};

}  // namespace zicht::server

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
// Why a background build: a token costs one scalar multiplication, so 1M
// identifiers take about a minute on two cores (link/token_index.h). Above
// ServerOptions::oprf_build_in_background_above identifiers the server
// starts listening at once and builds on a thread of its own; until
// ready() a bucket is refused (503), never answered from half an index,
// which would say "unknown" for a known identifier. Batches applied during
// the build are added as usual (TokenIndex::Add skips what is there).
//
// Thread-safety: every method may be called from any thread (TokenIndex
// and KeyRateLimiter lock internally; the keys are set once in Open).
#include <atomic>
#include <memory>
#include <optional>
#include <thread>
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

  ~BlindLookups();
  BlindLookups(const BlindLookups&) = delete;
  BlindLookups& operator=(const BlindLookups&) = delete;

  const OprfKey& current() const { return current_; }

  //! True once the token indexes hold every identifier the engine had at
  //! start (always true after a build before listening).
  bool ready() const { return ready_.load(std::memory_order_acquire); }

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
  std::atomic<bool> ready_{false};
  std::thread builder_;  // the background build, joined by the destructor
};

}  // namespace zicht::server

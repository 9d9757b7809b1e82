#pragma once
// Where an Engine keeps account state beyond its memory: the server's
// durable per-partner table (server/barrier_state_writer.h over
// store/barrier_state_store.h). An engine without one keeps state only in
// memory (`zicht evaluate`, tests).
//
// Contract: Save is called under the engine's lock for every account an
// Apply changed, once per Apply, in the order the Applies ran; Load is
// called under the same lock for an account not in memory and must return
// the state of the latest Save for that account — even one not yet
// written out — or "not found" when there was none.
//
// Thread-safety: an implementation is called by one engine at a time (under
// its mutex), but may be shared by several engines if it is thread-safe.
#include <string_view>

#include "barrier/account_state.h"
#include "common/result.h"

namespace zicht::barrier {

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  //! Fills *state with the latest saved state of `account` and returns
  //! true; false (state untouched) when it was never saved. A failure
  //! (kIOError, kCorruption) fails the Apply that needed it, with nothing
  //! applied.
  virtual Result<bool> Load(std::string_view account, AccountState* state) = 0;

  //! Records `state` as the latest of `account`. Must not wait for I/O: it
  //! is called on the request's thread, under the engine's lock.
  virtual void Save(std::string_view account, const AccountState& state) = 0;
};

//! The bytes of `state` (a fixed little-endian layout with a version byte;
//! docs/schema.md, "barrier_account"), and back. Decode: kCorruption when
//! the bytes are not such an encoding.
std::string EncodeAccountState(const AccountState& state);
Status DecodeAccountState(std::string_view bytes, AccountState* state);

}  // namespace zicht::barrier

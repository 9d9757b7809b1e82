#pragma once
// The hub's OPRF key for blind look-ups (docs/privacy.md, "Blind look-ups";
// blind/oprf.h). It never leaves the hub: partners only ever send blinded
// elements and get them back multiplied by it.
//
// File format (one line): 64 hexadecimal digits (the 32-byte scalar,
// little-endian as RFC 9497 serialises it), a space, and when the key was
// created (RFC 3339, UTC), e.g.
//   5ebcea5e…063b0e 2026-12-06T22:00:00Z
// Created with mode 0600 next to the database ("zicht-oprf.key") when
// absent, like the pseudonym key (pseudonym_key.h).
//
// ROTATION with an overlap: move the key file aside, start `zicht serve`
// with `--oprf-previous-key-file OLD`: a new key is created, and tokens of
// the previous key are still answered for `--oprf-overlap-days` days after
// the new key's creation (clients that cached a bucket prefix and key id
// keep working; every new evaluation uses the new key). Past the overlap
// the previous key is not loaded at all.
#include <string>

#include "blind/oprf.h"
#include "common/result.h"
#include "common/time.h"

namespace zicht::server {

struct OprfKey {
  blind::Scalar secret{};
  //! Public and short: 12 hex digits of BLAKE2b(public key). Sent with
  //! every evaluation, so a client knows which key its tokens are under.
  std::string id;
  UnixSeconds created = 0;
};

//! "zicht-oprf.key" in the database's directory (for a PostgreSQL store:
//! in the working directory).
std::string DefaultOprfKeyPath(const std::string& db_path);

//! Reads the key at `path`. kNotFound when the file does not exist;
//! kInvalidArgument (naming the file, never the key) when malformed or
//! the scalar is zero or not reduced.
Result<OprfKey> LoadOprfKey(const std::string& path);

//! Like LoadOprfKey, but creates the file (mode 0600, a random scalar,
//! created = `now`) when it does not exist.
Result<OprfKey> LoadOrCreateOprfKey(const std::string& path, UnixSeconds now);

}  // namespace zicht::server

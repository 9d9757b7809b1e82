#pragma once
// link::Pseudonymize (lower-hex HMAC-SHA256(key, kind + ":" + canonical)),
// computed from keyed SHA-256 states kept per thread.
//
// Why: every POST /v1/check writes the pseudonym of each identifier to the
// audit log. The one-shot HMAC() of OpenSSL 3 fetches the SHA-256
// implementation, allocates a context and hashes the key for every call
// (~8 % of the server's CPU per check); a kept EVP_MAC context still cost
// ~0.3 µs per call in the provider layer. Here the inner and outer keyed
// states are computed once per (thread, key); a call is two SHA-256
// compressions (keyed_pseudonymizer.cc).
//
// Same output as link::Pseudonymize, byte for byte (keyed_pseudonymizer_test).
// Thread-safety: safe from any thread (the context is thread-local).
#include <string>
#include <string_view>

#include "model/identifier.h"

namespace zicht::server {

//! 64 lower-case hex characters; equal to link::Pseudonymize(key, kind, canonical).
std::string KeyedPseudonym(std::string_view key, model::IdentifierKind kind, std::string_view canonical);

//! The same into *out (its capacity reused: no allocation once it holds 64).
void KeyedPseudonymInto(std::string_view key, model::IdentifierKind kind, std::string_view canonical,
                        std::string* out);

}  // namespace zicht::server

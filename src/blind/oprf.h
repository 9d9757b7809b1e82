#pragma once
// The oblivious pseudorandom function of RFC 9497 ("Oblivious Pseudorandom
// Functions (OPRFs) Using Prime-Order Groups"), OPRF mode (0x00), suite
// ristretto255-SHA512, over libsodium's ristretto255 primitives.
//
// Why an OPRF (docs/privacy.md, "Blind look-ups"): a partner learns the
// token F(k, x) of its own identifier x without the hub learning x, and
// without the partner learning the hub's key k, so no partner can compute
// tokens offline (no enumeration of 10^8 phone numbers with a stolen key,
// as with the shared HMAC pseudonym key). The protocol:
//
//   client                            hub (key k)
//   r random; B = r · H(x)   ── B ──►  checks B (DeserializeElement)
//                            ◄─ Z ──   Z = k · B
//   N = r⁻¹ · Z = k · H(x)
//   token = SHA-512(len‖x‖len‖N‖"Finalize")
//
// The hub computes the same token for every identifier it indexes with
// Evaluate() (no blinding needed: it knows its own x and k).
//
// HOW: H is hash_to_ristretto255 (RFC 9380) = crypto_core_ristretto255_
// from_hash over expand_message_xmd(SHA-512) with the DST of RFC 9497 §4.1;
// scalars and elements are 32 bytes. Checked against the RFC's test vectors
// (oprf_test.cc).
//
// LIMITS: OPRF mode, not VOPRF: a client cannot prove that the hub used the
// same key for everyone (a hub that wanted to tag one partner could use
// another key for it). The hub is the party that holds the data anyway;
// docs/privacy.md discusses it.
//
// COST: Evaluate/BlindEvaluate are one scalar multiplication each
// (libsodium 1.0.18, ref10): 20,714 BlindEvaluate/s and 15,786 Evaluate/s per
// core (bench/parts/60-oprf.sh).
//
// Thread-safety: pure functions; libsodium must be initialised
// (InitSodium(), idempotent and thread-safe).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::blind {

inline constexpr size_t kElementBytes = 32;  // Ne
inline constexpr size_t kScalarBytes = 32;   // Ns
inline constexpr size_t kOutputBytes = 64;   // Nh: SHA-512

using Element = std::array<unsigned char, kElementBytes>;
using Scalar = std::array<unsigned char, kScalarBytes>;
using Output = std::array<unsigned char, kOutputBytes>;

//! Initialises libsodium once. kInternal when it cannot.
Status InitSodium();

//! RFC 9497 DeserializeElement: `bytes` must be 32 bytes, a canonical
//! ristretto255 encoding, and not the identity. kInvalidArgument saying
//! which check failed (never the bytes).
Result<Element> DeserializeElement(std::span<const unsigned char> bytes);

//! A uniformly random non-zero scalar (RandomScalar).
Scalar RandomScalar();

//! RFC 9497 DeriveKeyPair(seed, info) → skS. kInvalidArgument for a seed
//! that is not 32 bytes; kInternal in the (2^-2000) case of no key in 256 tries.
Result<Scalar> DeriveKey(std::span<const unsigned char> seed, std::string_view info);

//! The public key skS · G (identifies a key: see KeyId()).
Element PublicKey(const Scalar& key);

//! Client: blinds `input` with `blind` (BlindWithScalar). kInvalidArgument
//! when the input hashes to the identity (probability 2^-252).
Result<Element> Blind(std::string_view input, const Scalar& blind);

//! Hub: Z = key · blinded. REQUIRES: `blinded` came from DeserializeElement.
Element BlindEvaluate(const Scalar& key, const Element& blinded);

//! Client: the token of `input` from the hub's answer. kInvalidArgument
//! when `evaluated` is not a valid element.
Result<Output> Finalize(std::string_view input, const Scalar& blind, const Element& evaluated);

//! Hub: the token of `input` under `key`, without blinding (RFC 9497
//! Evaluate). Equal to Finalize(input, r, BlindEvaluate(key, Blind(input, r))).
Result<Output> Evaluate(const Scalar& key, std::string_view input);

//! The OPRF input for an identifier: "kind:canonical" (kind names hold no
//! ':', so the encoding is unambiguous).
std::string OprfInput(std::string_view kind, std::string_view canonical);

}  // namespace zicht::blind

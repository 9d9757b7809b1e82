#pragma once
// A blind verdict's envelope (docs/privacy.md, "Blind look-ups"): the hub
// answers a bucket with every verdict in it, each sealed so that only a
// client holding that identifier's full token can open it.
//
//   bucket   = the first kPrefixBytes of the token (what the client sends)
//   key      = BLAKE2b-256(token, key = "zicht blind verdict v1")
//   box      = nonce (24 random bytes) ‖ XChaCha20-Poly1305(key, nonce,
//              verdict JSON, additional data = "key_id/prefix/scope")
//
// Why the additional data: a box answered for one bucket, OPRF key or
// scope cannot be passed off as the answer to another.
// Why a fresh random nonce per box per answer: two answers for the same
// bucket do not show which verdicts stayed the same.
// Why 2 bytes of prefix: 65,536 buckets; at 1M identifiers ~15 entries
// per bucket, at 10M ~150 (bench/parts/oprf measures the bytes). The hub
// learns 16 bits of the token, which names 1/65,536th of all possible
// identifiers, not the one asked for.
//
// Thread-safety: pure functions (libsodium initialised, oprf.h InitSodium).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "blind/oprf.h"

namespace zicht::blind {

inline constexpr size_t kPrefixBytes = 2;
inline constexpr size_t kPrefixHexChars = 2 * kPrefixBytes;

//! The bucket of a token, as 4 lower-case hex digits ("3fa0").
std::string BucketPrefix(const Output& token);

//! True when `prefix` is kPrefixHexChars lower-case hex digits.
bool IsBucketPrefix(std::string_view prefix);

//! The additional data binding a box to its answer: "key_id/prefix/scope".
std::string BoxContext(std::string_view key_id, std::string_view prefix, std::string_view scope);

//! Seals `verdict_json` under `token`'s key; the box as raw bytes.
std::string SealVerdict(const Output& token, std::string_view context, std::string_view verdict_json);

//! Opens `box` with `token`'s key: the verdict JSON, or nullopt when the
//! box is not this token's (or was changed, or is for another context).
std::optional<std::string> OpenVerdict(const Output& token, std::string_view context, std::string_view box);

//! Base64url without padding (RFC 4648 §5), the wire form of elements and boxes.
std::string ToBase64Url(std::span<const unsigned char> bytes);
//! Decodes base64url without padding; nullopt when `text` is not that.
std::optional<std::string> FromBase64Url(std::string_view text);

}  // namespace zicht::blind

#pragma once
// The kinds without an external syntax: device fingerprints, handles
// (social-media or chat user names) and crypto addresses (docs/design.md,
// "Normalisation"): trimmed; device and handle also lower case, because
// partners spell the same fingerprint or user name in either case. Crypto
// addresses keep their case: Base58 and Bech32 are case-sensitive or
// checksummed in their case.
//
// A handle keeps a leading '@': platforms differ on whether it is part of
// the name, and docs/design.md defines no stripping.
//
// Thread-safety: pure functions.
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::normalize {

//! Errors (kInvalidArgument): "device is empty", "device is too long (at
//! most 512 characters)", "device contains a control character"; likewise
//! for handle and crypto.
Result<std::string> NormalizeDevice(std::string_view raw);
Result<std::string> NormalizeHandle(std::string_view raw);
Result<std::string> NormalizeCrypto(std::string_view raw);

}  // namespace zicht::normalize

#pragma once
// Byte-to-text encodings used across the stages: lower-case hex (digests,
// pseudonyms, cluster ids, key files) and unpadded base64url (API keys).
// One copy here, so every caller agrees on the alphabet and the case.
//
// Thread-safety: pure functions.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace zicht {

//! The lower-case hex alphabet, for callers that pick digits one by one.
inline constexpr std::string_view kLowerHexDigits = "0123456789abcdef";

//! Appends the lowest `digits` hex digits of `value`, most significant
//! first (AppendHexUint(0xbeef, 8, out) appends "0000beef").
void AppendHexUint(uint64_t value, int digits, std::string* out);

//! Appends the lower-case hex of `bytes` (two digits per byte) to `out`.
void AppendHex(std::span<const unsigned char> bytes, std::string* out);

//! The lower-case hex of `bytes`.
std::string HexEncode(std::span<const unsigned char> bytes);
inline std::string HexEncode(std::string_view bytes) {
  return HexEncode({reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()});
}

//! The value of one hex digit (either case), or -1 when `c` is not one.
int HexDigitValue(char c);

//! Decodes hex text (either case) into `out`, which must hold text.size()/2
//! bytes. False, with `out` partly written, when the length is odd or a
//! character is not a hex digit.
bool HexDecode(std::string_view text, std::span<unsigned char> out);

//! Base64 with the URL- and filename-safe alphabet of RFC 4648 §5 ('-' and
//! '_' for '+' and '/'), without '=' padding: safe in headers, URLs and
//! TOML strings unescaped.
std::string Base64UrlEncode(std::span<const unsigned char> bytes);

}  // namespace zicht

#pragma once
// Text that came from a client, made safe to put into an error message or a
// log line: valid UTF-8 (an invalid byte becomes U+FFFD), no control
// characters, and short. An error message that echoed its input in full
// returned a 10 MB `kind` to the client, and one with invalid UTF-8 made an
// answer that was not valid JSON.
//
// Thread-safety: pure functions.
#include <cstddef>
#include <string>
#include <string_view>

namespace zicht {

//! Most characters of client input quoted in a message by default.
inline constexpr size_t kExcerptChars = 40;

//! `s` in single quotes, sanitised (see above) and cut to `max_chars`
//! characters; a cut one ends in "…' (N bytes)".
std::string QuoteExcerpt(std::string_view s, size_t max_chars = kExcerptChars);

//! `s` with every invalid UTF-8 sequence replaced by U+FFFD and every
//! control character by a space, cut to at most `max_bytes` bytes at a
//! character boundary ("…" included when cut).
std::string SanitizeText(std::string_view s, size_t max_bytes);

//! True when `s` is well-formed UTF-8 (no overlong forms or surrogates).
bool IsValidUtf8(std::string_view s);

}  // namespace zicht

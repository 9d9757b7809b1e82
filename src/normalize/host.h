#pragma once
// Host names as browsers read them: one spelling per host for URLs and
// e-mail domains.
//
//  - Domain names go through IDNA / UTS #46 (ICU's uidna_openUTS46,
//    nontransitional processing, as the WHATWG URL standard and today's
//    browsers): "MÜNCHEN.DE", "münchen.de" and "xn--mnchen-3ya.de" are one
//    host. The canonical form is the A-label (punycode) spelling,
//    "xn--mnchen-3ya.de": it is what DNS resolves and what a browser sends,
//    it is plain ASCII (byte-wise comparison, logs and CSV stay simple, and
//    lists of ASCII domains match without conversion), and it shows a
//    look-alike host for what it is (Cyrillic "аpple.com" becomes
//    "xn--pple-43d.com", never "apple.com").
//  - IPv4 addresses are read in every notation the WHATWG URL parser
//    accepts, each part decimal, hexadecimal ("0x7f") or octal ("0177"),
//    with one to four parts ("2130706433", "127.1"): all are 127.0.0.1.
//
// Thread-safety: thread-safe (ICU's UTS #46 object is created once and only
// read; DomainToAscii's memo of UTS #46 answers is per thread).
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "normalize/text.h"

namespace zicht::normalize {

//! True when `host` needs UTS #46 processing: it has a byte >= 0x80 or an
//! "xn--" label. Else DomainToAscii only lower-cases it.
bool NeedsIdna(std::string_view host);

//! True for the characters a canonical host name may hold: a-z, 0-9, '-',
//! '.', '_'. Inline: it runs on every byte of every host.
inline bool IsHostNameChar(char c) {
  return IsAsciiLower(c) || IsAsciiDigit(c) || c == '-' || c == '.' || c == '_';
}

//! The A-label form of domain name `host` in lower case: ASCII input
//! without an "xn--" label is only lower-cased (no ICU call); anything else
//! goes through UTS #46 to ASCII. kInvalidArgument "<what> is not a valid
//! internationalised domain name" when UTS #46 reports an error (a
//! disallowed character, bad punycode, a bidi or joiner rule). Hyphen
//! placement, label lengths and empty labels are not judged here (the
//! callers check labels themselves, as browsers do).
Result<std::string> DomainToAscii(std::string_view host, std::string_view what);

//! True when the last label of `host` (after a trailing dot is ignored) is
//! a number: all digits, or "0x" followed by hex digits. Such a host is an
//! IPv4 address or invalid, never a domain name (WHATWG URL, "ends in a
//! number").
bool EndsInNumber(std::string_view host);

//! `host` read as an IPv4 address per the WHATWG URL standard, in dotted
//! decimal ("127.0.0.1"), or nullopt when it is not a valid one (a part out
//! of range, more than four parts, a non-number part).
std::optional<std::string> ParseIpv4Host(std::string_view host);

}  // namespace zicht::normalize

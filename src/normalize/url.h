#pragma once
// URLs: one spelling per web address, plus its registrable domain
// (docs/design.md, "Normalisation").
//
// Rules, in order:
//  - trimmed; white space or control characters inside make it invalid;
//  - "defanged" spellings from analysts' reports are undone: "hxxp://",
//    "hxxps://", "[.]", "(.)" and "[dot]";
//  - scheme lower case; no scheme ("betaal-nu.example/x", "//host/x") means
//    https, the scheme every browser tries first today and what a phishing
//    site uses; any other scheme ("ftp") is kept;
//  - user info ("user@") kept verbatim: "https://ing.nl@evil.example" is a
//    classic lure and its host is evil.example;
//  - host lower case (ASCII), trailing dot dropped; it must have at least
//    two labels, or be an IPv4 address or a bracketed IPv6 literal;
//  - port kept unless it is the scheme's default (http 80, https 443);
//  - path and query kept byte for byte, an empty path becomes "/";
//  - fragment ("#...") dropped: it never reaches the server.
// The registrable domain of the host (registrable_domain.h) goes in
// Normalized::domain; for an IP address it is the address itself.
//
// Limits: percent-encoding is not normalised ("%7e" and "~" stay apart);
// internationalised host names are not converted between UTF-8 and punycode.
//
// Thread-safety: thread-safe.
#include <string>
#include <string_view>

#include "common/result.h"
#include "normalize/normalize.h"

namespace zicht::normalize {

//! canonical = the URL per the rules above; domain = its registrable domain.
//! kInvalidArgument names the problem ("URL has no host", "URL port is not a
//! number between 1 and 65535", ...).
Result<Normalized> NormalizeUrl(std::string_view raw);

}  // namespace zicht::normalize

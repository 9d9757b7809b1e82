#pragma once
// URLs: one spelling per web address, plus its registrable domain
// (docs/design.md, "Normalisation").
//
// Rules, in order:
//  - trimmed; white space or control characters inside make it invalid;
//  - slashes as browsers read them (WHATWG URL) for http, https, ftp, ws,
//    wss, file and for a URL without a scheme: '\' before the query is '/',
//    and "https:\\host", "https:/host", "https:///host" mean
//    "https://host" ("https://evil.example\@bank.nl" is on evil.example);
//  - "defanged" spellings from analysts' reports are undone: "hxxp://",
//    "hxxps://", "[.]", "(.)" and "[dot]";
//  - scheme lower case; no scheme ("betaal-nu.example/x", "//host/x") means
//    https, the scheme every browser tries first today and what a phishing
//    site uses; any other scheme ("ftp") is kept;
//  - user info ("user@") kept verbatim: "https://ing.nl@evil.example" is a
//    classic lure and its host is evil.example;
//  - host through IDNA / UTS #46 to lower-case A-labels (host.h:
//    "MÜNCHEN.DE" -> "xn--mnchen-3ya.de"), trailing dot dropped; a host
//    whose last label is a number is an IPv4 address in any notation
//    browsers accept ("0x7f.0.0.1", "2130706433" -> "127.0.0.1") or
//    invalid; else it must have at least two labels; or a bracketed IPv6
//    literal;
//  - port kept unless it is the scheme's default (http 80, https 443);
//  - path and query kept byte for byte, an empty path becomes "/";
//  - fragment ("#...") dropped: it never reaches the server.
// The registrable domain of the host (registrable_domain.h) goes in
// Normalized::domain; for an IP address it is the address itself.
//
// Limits: percent-encoding is not normalised ("%7e" and "~" stay apart,
// also in the host); IPv6 literals are lower-cased, not compressed.
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

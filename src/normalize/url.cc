#include "normalize/url.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "normalize/host.h"
#include "normalize/registrable_domain.h"
#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// Browsers and servers give up around 8 KB; nothing longer is a real link.
constexpr size_t kMaxUrlLength = 8192;
constexpr unsigned kMaxPort = 65535;

bool IsSchemeChar(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '-' || c == '.'; }

// Length of a valid "scheme" before "://" at the start of `text`, or 0.
size_t SchemeLength(std::string_view text) {
  const size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0 || !IsAsciiAlpha(text[0])) return 0;
  for (size_t i = 0; i < sep; ++i) {
    if (!IsSchemeChar(text[i])) return 0;
  }
  return sep;
}

// Schemes the WHATWG URL standard calls "special" (plus the defanged
// spellings of http and https): in them a backslash is a slash.
bool IsSpecialScheme(std::string_view scheme) {
  for (std::string_view special : {"http", "https", "ws", "wss", "ftp", "file", "hxxp", "hxxps"}) {
    if (scheme.size() != special.size()) continue;
    bool same = true;
    for (size_t i = 0; i < scheme.size() && same; ++i) same = ToLowerAscii(scheme[i]) == special[i];
    if (same) return true;
  }
  return false;
}

// Reads slashes as browsers do (WHATWG URL) for special schemes and for a
// URL without a scheme (which means https): every '\' before the query or
// fragment is a '/', so "https://evil.example\@bank.nl" has the host
// evil.example, as in the browser the victim used; and "https:\\host",
// "https:/host" and "https:///host" all mean "https://host". Other schemes
// are left as they are. nullopt when nothing changes (the common case, no
// copy).
std::optional<std::string> BrowserSlashes(std::string_view text) {
  size_t colon = 0;  // length of a special scheme before ':', or 0
  if (!text.empty() && IsAsciiAlpha(text[0])) {
    size_t end = 1;
    while (end < text.size() && IsSchemeChar(text[end])) ++end;
    const std::string_view after = end < text.size() && text[end] == ':' ? text.substr(end + 1) : std::string_view();
    if (end < text.size() && text[end] == ':' && IsSpecialScheme(text.substr(0, end)) && !after.empty() &&
        (after[0] == '/' || after[0] == '\\')) {
      colon = end;
    } else if (after.starts_with("//")) {
      return std::nullopt;  // another scheme, as NormalizeUrl reads it: left alone
    }
    // Else no scheme (NormalizeUrl then means https): backslashes as in https.
  }
  if (text.find('\\') == std::string_view::npos && (colon == 0 || text.substr(colon).starts_with("://"))) {
    return std::nullopt;  // the common case: nothing to change
  }
  std::string out(text);
  const size_t end = std::min(out.find_first_of("?#"), out.size());
  for (size_t i = 0; i < end; ++i) {
    if (out[i] == '\\') out[i] = '/';
  }
  if (colon != 0) {
    size_t after = colon + 1;
    while (after < out.size() && out[after] == '/') ++after;
    out.replace(colon + 1, after - (colon + 1), "//");
  }
  return out;
}

// The end of the authority in `text` from `from`: the first '/', '?' or '#',
// or npos. A plain loop: string_view::find_first_of calls memchr over the
// set once per byte of the URL, which cost ~200 ns per IDN URL (12% of it).
size_t FindAuthorityEnd(std::string_view text, size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] == '/' || text[i] == '?' || text[i] == '#') return i;
  }
  return std::string_view::npos;
}

// One pass of undoing defanging: "[.]", "(.)" and "[dot]" become ".", a
// leading "hxxp://" / "hxxps://" becomes "http://" / "https://".
std::string RefangOnce(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("[.]") || rest.starts_with("(.)")) {
      out += '.';
      i += 3;
    } else if (rest.starts_with("[dot]")) {
      out += '.';
      i += 5;
    } else {
      out += text[i];
      ++i;
    }
  }
  const std::string_view head(out.data(), std::min<size_t>(out.size(), 8));
  if (head.size() >= 7 && ToLowerAscii(head[0]) == 'h' && ToLowerAscii(head[1]) == 'x' &&
      ToLowerAscii(head[2]) == 'x' && ToLowerAscii(head[3]) == 'p' &&
      (head.substr(4).starts_with("://") || head.substr(4).starts_with("s://") ||
       head.substr(4).starts_with("S://"))) {
    out[1] = 't';
    out[2] = 't';
  }
  return out;
}


// Undoes the usual defanging of malicious links in analysts' write-ups, in
// the scheme and authority only (the path and query stay byte for byte).
// Repeated until nothing changes, so that "[[.]]" cannot leave a "[.]"
// behind and a canonical URL normalises to itself.
std::string Refang(std::string_view text) {
  size_t start = 0;
  if (const size_t length = SchemeLength(text)) {
    start = length + 3;
  } else if (text.starts_with("//")) {
    start = 2;
  }
  const size_t end = std::min(FindAuthorityEnd(text, start), text.size());
  const std::string_view authority = text.substr(0, end);
  const bool hxxp = text.size() >= 2 && ToLowerAscii(text[0]) == 'h' && ToLowerAscii(text[1]) == 'x';
  const bool bracket = std::any_of(authority.begin(), authority.end(), [](char c) { return c == '[' || c == '('; });
  if (!hxxp && !bracket) return std::string(text);
  std::string head(authority);
  for (std::string next = RefangOnce(head); next != head; next = RefangOnce(head)) head = std::move(next);
  head.append(text.substr(end));
  return head;
}

Status CheckHostName(std::string_view host) {
  for (char c : host) {
    if (!IsHostNameChar(c)) return Status::InvalidArgument("URL host contains a character not allowed in a host name");
  }
  if (host.find('.') == std::string_view::npos) {
    return Status::InvalidArgument("URL host must be a domain name with a dot, or an IP address");
  }
  if (host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos) {
    return Status::InvalidArgument("URL host has an empty label");
  }
  return Status::Ok();
}

}  // namespace

Result<Normalized> NormalizeUrl(std::string_view raw) {
  const std::string_view trimmed = TrimAscii(raw);
  if (trimmed.empty()) return Status::InvalidArgument("URL is empty");
  if (trimmed.size() > kMaxUrlLength) return Status::InvalidArgument("URL is too long");
  for (char c : trimmed) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) {
      return Status::InvalidArgument("URL contains white space or a control character");
    }
  }
  const std::optional<std::string> slashed = BrowserSlashes(trimmed);
  const std::string text = Refang(slashed ? std::string_view(*slashed) : trimmed);
  std::string_view rest = text;

  std::string scheme = "https";
  if (const size_t length = SchemeLength(rest)) {
    scheme = LowerAscii(rest.substr(0, length));
    rest.remove_prefix(length + 3);
  } else if (rest.starts_with("//")) {
    rest.remove_prefix(2);
  }

  // Authority: up to the first '/', '?' or '#'.
  const size_t authority_end = FindAuthorityEnd(rest, 0);
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path_query =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (const size_t hash = path_query.find('#'); hash != std::string_view::npos) {
    path_query = path_query.substr(0, hash);
  }

  std::string_view userinfo;
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
  }

  std::string_view host_part = authority;
  std::string_view port_text;
  bool ipv6 = false;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("URL host has an unclosed '['");
    host_part = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Status::InvalidArgument("URL has text after the IPv6 address");
      port_text = after.substr(1);
    }
    ipv6 = true;
  } else if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host_part = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }

  std::string host;
  bool ipv4 = false;
  if (ipv6) {
    host = LowerAscii(host_part);
  } else {
    ZICHT_ASSIGN_OR_RETURN(host, DomainToAscii(host_part, "URL host"));
    if (!host.empty() && host.back() == '.') host.pop_back();
    // A host whose last label is a number is an IPv4 address in one of the
    // notations browsers accept ("0x7f.0.0.1", "2130706433"), or invalid:
    // never a domain name.
    if (!host.empty() && EndsInNumber(host)) {
      std::optional<std::string> address = ParseIpv4Host(host);
      if (!address) return Status::InvalidArgument("URL host is not a valid IPv4 address");
      host = std::move(*address);
      ipv4 = true;
    }
  }
  if (host.empty()) return Status::InvalidArgument("URL has no host");
  if (ipv6) {
    if (host.find(':') == std::string::npos) return Status::InvalidArgument("URL host is not a valid IPv6 address");
    for (size_t i = 1; i + 1 < host.size(); ++i) {
      const char c = host[i];
      if (!IsAsciiDigit(c) && !(c >= 'a' && c <= 'f') && c != ':' && c != '.') {
        return Status::InvalidArgument("URL host is not a valid IPv6 address");
      }
    }
  } else if (!ipv4) {
    ZICHT_RETURN_IF_ERROR(CheckHostName(host));
  }

  unsigned port = 0;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return Status::InvalidArgument("URL port is not a number between 1 and 65535");
    for (char c : port_text) {
      if (!IsAsciiDigit(c)) return Status::InvalidArgument("URL port is not a number between 1 and 65535");
      port = port * 10 + static_cast<unsigned>(c - '0');
    }
    if (port == 0 || port > kMaxPort) {
      return Status::InvalidArgument("URL port is not a number between 1 and 65535");
    }
  }
  const bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);

  Normalized out;
  out.canonical.reserve(text.size() + 10);
  out.canonical += scheme;
  out.canonical += "://";
  if (!userinfo.empty()) {
    out.canonical += userinfo;
    out.canonical += '@';
  }
  out.canonical += host;
  if (port != 0 && !default_port) {
    out.canonical += ':';
    out.canonical += std::to_string(port);
  }
  if (path_query.empty() || path_query.front() != '/') out.canonical += '/';
  out.canonical += path_query;
  out.domain = (ipv6 || ipv4) ? host : RegistrableDomain(host);
  return out;
}

}  // namespace zicht::normalize

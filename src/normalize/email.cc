#include "normalize/email.h"

#include "normalize/host.h"
#include "normalize/text.h"

namespace zicht::normalize {
namespace {

// RFC 5321 limits a path to 256 octets; anything longer is not an address.
constexpr size_t kMaxEmailLength = 254;

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ToLowerAscii(text[i]) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Result<std::string> NormalizeEmail(std::string_view raw) {
  std::string_view text = TrimAscii(raw);
  if (StartsWithIgnoreCase(text, "mailto:")) text = TrimAscii(text.substr(7));
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>') {
    text = TrimAscii(text.substr(1, text.size() - 2));
  }
  if (text.empty()) return Status::InvalidArgument("e-mail address is empty");
  if (text.size() > kMaxEmailLength) return Status::InvalidArgument("e-mail address is too long");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) {
      return Status::InvalidArgument("e-mail address contains white space or a control character");
    }
  }
  const size_t at = text.find('@');
  if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) {
    return Status::InvalidArgument("e-mail address must contain exactly one '@'");
  }
  if (at == 0) return Status::InvalidArgument("e-mail address has nothing before the '@'");
  // The domain is read as a URL host (host.h): "Jan@MÜNCHEN.DE" and
  // "jan@xn--mnchen-3ya.de" are one address. ASCII domains (nearly all)
  // are only lower-cased, with the rest of the address, in one copy.
  std::string canonical;
  if (NeedsIdna(text.substr(at + 1))) {
    ZICHT_ASSIGN_OR_RETURN(const std::string ascii, DomainToAscii(text.substr(at + 1), "e-mail domain"));
    canonical = LowerAscii(text.substr(0, at + 1)) + ascii;
  } else {
    canonical = LowerAscii(text);
  }
  const std::string_view domain = std::string_view(canonical).substr(at + 1);
  for (char c : domain) {
    if (!IsHostNameChar(c)) {
      return Status::InvalidArgument("e-mail domain contains a character not allowed in a domain name");
    }
  }
  if (domain.find('.') == std::string_view::npos) {
    return Status::InvalidArgument("e-mail domain must contain a dot");
  }
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return Status::InvalidArgument("e-mail domain has an empty label");
  }
  return canonical;
}

}  // namespace zicht::normalize

#include "normalize/normalize.h"

#include <optional>
#include <string>
#include <utility>

#include "normalize/email.h"
#include "normalize/iban.h"
#include "normalize/phone.h"
#include "normalize/placeholder.h"
#include "normalize/simple_kinds.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace zicht::normalize {
namespace {

Result<Normalized> WithoutDomain(Result<std::string> canonical) {
  if (!canonical.ok()) return canonical.status();
  Normalized out;
  out.canonical = std::move(canonical).value();
  return out;
}

Result<Normalized> NormalizeKind(model::IdentifierKind kind, std::string_view text) {
  switch (kind) {
    case model::IdentifierKind::kIban: return WithoutDomain(NormalizeIban(text));
    case model::IdentifierKind::kPhone: return WithoutDomain(NormalizePhone(text));
    case model::IdentifierKind::kEmail: return WithoutDomain(NormalizeEmail(text));
    case model::IdentifierKind::kUrl: return NormalizeUrl(text);
    case model::IdentifierKind::kDevice: return WithoutDomain(NormalizeDevice(text));
    case model::IdentifierKind::kHandle: return WithoutDomain(NormalizeHandle(text));
    case model::IdentifierKind::kCrypto: return WithoutDomain(NormalizeCrypto(text));
  }
  return Status::Internal("unknown identifier kind");
}

}  // namespace

Result<Normalized> Normalize(model::IdentifierKind kind, std::string_view raw) {
  // Unicode spaces (a no-break space copied from a PDF, a zero-width space
  // from a web page) count as spaces for every kind.
  const std::optional<std::string> spaced = UnicodeSpacesToAscii(raw);
  if (spaced) raw = *spaced;
  const std::string_view text = TrimAscii(raw);
  if (text.empty()) return Status::InvalidArgument("empty value");
  // Placeholders first: "0000000000" would otherwise get a misleading
  // "IBAN must start with a two-letter country code".
  if (IsPlaceholder(kind, text)) return Status::InvalidArgument(std::string(kPlaceholderReason));
  Result<Normalized> result = NormalizeKind(kind, text);
  // And after: a spelling the rules above miss can still normalise to a
  // placeholder ("*30-0000000" -> "+31300000000"). Checking the canonical
  // form too also keeps Normalize idempotent: a canonical form always
  // normalises to itself.
  if (result.ok() && IsPlaceholder(kind, result->canonical)) {
    return Status::InvalidArgument(std::string(kPlaceholderReason));
  }
  return result;
}

void NormalizeIdentifier(model::Identifier& id) {
  Result<Normalized> result = Normalize(id.kind, id.value);
  if (result.ok()) {
    id.canonical = std::move(result->canonical);
    id.domain = std::move(result->domain);
    id.valid = true;
    id.invalid_reason.clear();
  } else {
    id.canonical.clear();
    id.domain.clear();
    id.valid = false;
    id.invalid_reason = result.status().message();
  }
}

}  // namespace zicht::normalize

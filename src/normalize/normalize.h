#pragma once
// Normalisation: one canonical form per identifier (docs/design.md,
// "Normalisation"). The single entry point every stage uses — ingest, check,
// barrier, web form validation via the server — so that "06-12345678" and
// "+31 (0)6 12345678" are the same number everywhere.
//
// Thread-safety: all functions are thread-safe (libphonenumber's and libpsl's
// shared instances are read-only after first use).
#include <string>
#include <string_view>

#include "common/result.h"
#include "model/identifier.h"

namespace zicht::normalize {

struct Normalized {
  std::string canonical;  // e.g. "NL91ABNA0417164300", "+31612345678"
  std::string domain;     // url only: the registrable domain ("example.nl"); else empty
};

//! The reason given for a placeholder ("onbekend", "0000000000", ...; see
//! placeholder.h). Exactly this text, so callers may count placeholders.
inline constexpr std::string_view kPlaceholderReason = "placeholder value";

//! Canonical form of `raw` as an identifier of `kind` (rules per kind in
//! docs/normalization.md and iban.h, phone.h, email.h, url.h,
//! simple_kinds.h). White space around `raw` is ignored.
//! On failure: kInvalidArgument whose message says what is wrong in words a
//! reporter understands ("IBAN check digits do not match", "placeholder
//! value", "empty value"); the message never repeats the raw value (it may
//! name a country code or a single offending character). Never throws.
Result<Normalized> Normalize(model::IdentifierKind kind, std::string_view raw);

//! Fills canonical/domain/valid/invalid_reason of `id` from its kind and
//! value: on success valid = true, canonical/domain set, invalid_reason
//! empty; on failure valid = false, canonical/domain empty, invalid_reason
//! = the error message.
void NormalizeIdentifier(model::Identifier& id);

}  // namespace zicht::normalize

#pragma once
// Keyed pseudonyms of identifiers (docs/design.md, POST /v1/check: "A pseudonym
// in place of value looks up the keyed pseudonym, so a partner need not send
// the raw value").
//
// Pseudonymize = lower-hex HMAC-SHA256(key, kind + ":" + canonical). Keyed,
// so that nobody without the deployment key can build a table from likely
// values (all Dutch mobile numbers are only 10^8 candidates: an unkeyed hash
// would be reversible in seconds). The kind is part of the message so that
// the same digits as a phone number and as a handle get different
// pseudonyms.
//
// Thread-safety: safe from any thread (keyed hash states are per thread).
#include <string>
#include <string_view>

#include "model/identifier.h"

namespace zicht::link {

//! 64 lower-case hex characters.
std::string Pseudonymize(std::string_view key, model::IdentifierKind kind, std::string_view canonical);

//! The same into *out (its capacity reused: no allocation once it holds 64).
void PseudonymizeInto(std::string_view key, model::IdentifierKind kind, std::string_view canonical,
                      std::string* out);

//! The pseudonym that partner `partner` gets for the identifier whose
//! deployment pseudonym is `hub_pseudonym` (Pseudonymize, as the audit log
//! stores it), wherever the hub hands pseudonyms to a partner (audit
//! extracts): HMAC-SHA256(HMAC-SHA256(key, "zicht partner pseudonym key:" +
//! partner), hub_pseudonym), 64 lower-case hex characters. Two partners'
//! pseudonyms of one identifier differ and cannot be joined, and no partner
//! can compute them from a value: only the hub holds `key`
//! (docs/privacy.md, "Threat model").
std::string PartnerPseudonym(std::string_view key, std::string_view partner, std::string_view hub_pseudonym);

}  // namespace zicht::link

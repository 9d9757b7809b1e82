#pragma once
// IdentifierLookup — "is this IBAN / phone number / URL / e-mail address
// known in Zicht?", as message screening asks it (KNOWN_FRAUD_IDENTIFIER).
//
// The screening stage does not depend on the linking stage: cli/ and server/
// adapt link::Engine::Check(kind, raw) to this interface
// (link_identifier_lookup.h, header-only, included only by them), and tests
// use a small in-memory implementation. This keeps screen/ runnable and
// benchmarkable without a store, as barrier/risk_source.h does for payments.
//
// Thread-safety: implementations must allow concurrent Lookup() calls (one
// screener serves every HTTP worker).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/identifier.h"

namespace zicht::screen {

//! What Zicht knows about one identifier found in a message. Carries no
//! identifier value: results and logs never repeat raw identifiers.
struct IdentifierHit {
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string risk;      // "low", "medium" or "high" (the verdict of `zicht check`)
  int64_t reports = 0;   // reports naming it
};

class IdentifierLookup {
 public:
  virtual ~IdentifierLookup() = default;
  //! The verdict for the raw `value` of `kind` (the lookup normalises it), or
  //! nullopt when it is unknown, invalid or of no risk. Never fails.
  virtual std::optional<IdentifierHit> Lookup(model::IdentifierKind kind, std::string_view value) const = 0;
};

}  // namespace zicht::screen

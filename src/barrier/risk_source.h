#pragma once
// IdentifierRiskSource — "is this IBAN / device known in Zicht?", as the
// barrier engine asks it.
//
// The barrier stage does not depend on the linking stage: cli/ and server/
// adapt link::Engine::Check(kind, raw).risk to this interface, and tests use a
// small in-memory implementation. Keeping the dependency this way round lets
// the barrier engine run (and be benchmarked) without a store.
//
// Thread-safety: implementations must allow concurrent RiskOf() calls (the
// barrier engine calls it under its own lock, but one source may be shared by
// several engines or by the server's /v1/check route).
#include <string_view>

#include "barrier/action.h"
#include "model/identifier.h"

namespace zicht::barrier {

class IdentifierRiskSource {
 public:
  virtual ~IdentifierRiskSource() = default;

  //! Risk of the raw `value` of `kind` (the source normalises it). Unknown or
  //! invalid values are kNone; never fails.
  virtual RiskLevel RiskOf(model::IdentifierKind kind, std::string_view value) const = 0;
};

//! A source that knows nothing: every identifier is kNone. Used when no
//! database is given.
class NoRiskSource final : public IdentifierRiskSource {
 public:
  RiskLevel RiskOf(model::IdentifierKind, std::string_view) const override { return RiskLevel::kNone; }
};

}  // namespace zicht::barrier

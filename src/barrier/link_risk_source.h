#pragma once
// LinkRiskSource — the one adapter from the linking engine to the barrier
// engine's IdentifierRiskSource: "is this beneficiary IBAN / device known in
// Zicht?" gets exactly the verdict of `zicht check` and POST /v1/check.
//
// Header-only on purpose: the barrier library itself stays free of link/ (see
// risk_source.h); only the wiring layers that link both (cli/, server/)
// include this.
//
// Thread-safety: as link::Engine::Check — safe for concurrent calls.
#include "barrier/risk_source.h"
#include "link/engine.h"

namespace zicht::barrier {

class LinkRiskSource final : public IdentifierRiskSource {
 public:
  //! REQUIRES: `engine` outlives this object.
  explicit LinkRiskSource(const link::Engine& engine) : engine_(engine) {}

  RiskLevel RiskOf(model::IdentifierKind kind, std::string_view value) const override {
    switch (engine_.Check(kind, value).risk) {
      case link::Risk::kNone: return RiskLevel::kNone;
      case link::Risk::kLow: return RiskLevel::kLow;
      case link::Risk::kMedium: return RiskLevel::kMedium;
      case link::Risk::kHigh: return RiskLevel::kHigh;
    }
    return RiskLevel::kNone;
  }

 private:
  const link::Engine& engine_;
};

}  // namespace zicht::barrier

#pragma once
// The server's barrier engine (POST /v1/payments/evaluate): one engine with
// per-account state across requests, whose "is this IBAN / device known?"
// questions go to the linking engine — the same verdicts /v1/check gives.
//
// Thread-safety: barrier::Engine locks internally; the link engine's Check
// is safe for concurrent use.
#include "barrier/engine.h"
#include "barrier/risk_source.h"
#include "link/engine.h"

namespace zicht::server {

class LinkRiskSource final : public barrier::IdentifierRiskSource {
 public:
  explicit LinkRiskSource(const link::Engine& engine) : engine_(engine) {}
  barrier::RiskLevel RiskOf(model::IdentifierKind kind, std::string_view value) const override {
    // Both enums follow DESIGN.md's none < low < medium < high.
    return static_cast<barrier::RiskLevel>(static_cast<int>(engine_.Check(kind, value).risk));
  }

 private:
  const link::Engine& engine_;
};

class BarrierState {
 public:
  BarrierState(barrier::RuleSet rules, const link::Engine& engine)
      : risk_(engine), engine_(std::move(rules), &risk_) {}
  barrier::Engine& engine() { return engine_; }

 private:
  LinkRiskSource risk_;
  barrier::Engine engine_;
};

}  // namespace zicht::server

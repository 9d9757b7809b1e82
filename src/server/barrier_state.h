#pragma once
// The server's barrier engine (POST /v1/payments/evaluate): one engine with
// per-account state across requests, whose "is this IBAN / device known?"
// questions go to the linking engine — the same verdicts /v1/check gives.
//
// Thread-safety: barrier::Engine locks internally; the link engine's Check
// is safe for concurrent use.
#include "barrier/engine.h"
#include "barrier/link_risk_source.h"
#include "link/engine.h"

namespace zicht::server {

class BarrierState {
 public:
  BarrierState(barrier::RuleSet rules, const link::Engine& engine)
      : risk_(engine), engine_(std::move(rules), &risk_) {}
  barrier::Engine& engine() { return engine_; }

 private:
  barrier::LinkRiskSource risk_;
  barrier::Engine engine_;
};

}  // namespace zicht::server

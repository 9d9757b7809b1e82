// POST /v1/payments/evaluate (docs/design.md "Barrier model"): the server keeps
// one barrier engine, with per-account state across requests, whose "is this
// IBAN / device known?" questions go to the linking engine — the same
// verdicts /v1/check gives.
#include "barrier/evaluate_json.h"
#include "barrier/rules.h"
#include "server/barrier_state.h"
#include "server/error_response.h"
#include "server/service.h"

namespace zicht::server {

Status Service::InitBarrier() {
  Result<barrier::RuleSet> rules =
      options_.rules_path.empty() ? barrier::DefaultRules() : barrier::LoadRulesFile(options_.rules_path);
  if (!rules.ok()) return rules.status();
  barrier_ = std::make_unique<BarrierState>(std::move(rules).value(), *engine_);
  return Status::Ok();
}

void Service::HandleEvaluate(const HttpRequest& req, HttpResponse& res) {
  Result<std::string> out = barrier::EvaluateJsonRequest(barrier_->engine(), req.body);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

}  // namespace zicht::server

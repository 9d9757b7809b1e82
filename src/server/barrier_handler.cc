// POST /v1/payments/evaluate (docs/barriers.md): each partner's events go
// to that partner's own barrier engine (barrier_state.h), with per-account
// state across requests.
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
  barrier_ = std::make_unique<BarrierState>(std::move(rules).value(), *engine_, options_.barrier_max_accounts);
  return Status::Ok();
}

void Service::HandleEvaluate(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  Result<std::string> out = barrier::EvaluateJsonRequest(barrier_->ForPartner(who.partner), req.body);
  if (!out.ok()) return WriteError(res, out.status());
  res.status = 200;
  res.body = std::move(out).value();
}

}  // namespace zicht::server

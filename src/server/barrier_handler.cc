// POST /v1/payments/evaluate (docs/barriers.md): each partner's events go
// to that partner's own barrier engine (barrier_state.h), with per-account
// state across requests, kept durable by the barrier state writer.
#include "barrier/evaluate_json.h"
#include "barrier/rules.h"
#include "server/barrier_state.h"
#include "server/error_response.h"
#include "server/service.h"
#include "server/shared_barrier.h"

namespace zicht::server {

Status Service::InitBarrier() {
  Result<barrier::RuleSet> rules =
      options_.rules_path.empty() ? barrier::DefaultRules() : barrier::LoadRulesFile(options_.rules_path);
  if (!rules.ok()) return rules.status();
  ZICHT_ASSIGN_OR_RETURN(barrier::DutchTimeZone zone, barrier::DutchTimeZone::Load());
  if (options_.shared_nodes) {
    ZICHT_ASSIGN_OR_RETURN(auto shared_store, store::BarrierStateStore::Open(options_.db_path, options_.durability));
    shared_barrier_ = std::make_unique<SharedBarrier>(std::move(rules).value(), zone, *engine_, std::move(shared_store));
    return Status::Ok();
  }
  ZICHT_ASSIGN_OR_RETURN(auto writer_store, store::BarrierStateStore::Open(options_.db_path, options_.durability));
  ZICHT_ASSIGN_OR_RETURN(auto reader_store, store::BarrierStateStore::Open(options_.db_path, options_.durability));
  barrier_writer_ = std::make_unique<BarrierStateWriter>(std::move(writer_store), std::move(reader_store),
                                                         options_.durability == store::Durability::kFull);
  barrier_ = std::make_unique<BarrierState>(std::move(rules).value(), zone, *engine_, options_.barrier_max_accounts,
                                            *barrier_writer_);
  return Status::Ok();
}

void Service::WhenBarrierStateDurable(uint64_t ticket, std::function<void()> done) {
  if (ticket == 0) return done();
  barrier_writer_->WhenDurable(ticket, std::move(done));
}

void Service::HandleEvaluate(const HttpRequest& req, const Principal& who, HttpResponse& res) {
  if (shared_barrier_) {
    // Committed before it returns: nothing to wait for.
    Result<std::string> shared = shared_barrier_->Evaluate(who.partner, req.body);
    if (!shared.ok()) return WriteError(res, shared.status());
    res.status = 200;
    res.body = std::move(shared).value();
    return;
  }
  Result<std::string> out = barrier::EvaluateJsonRequest(barrier_->ForPartner(who.partner), req.body);
  if (!out.ok()) return WriteError(res, out.status());
  // The changed accounts were queued before Apply returned: waiting for the
  // writer's latest ticket waits for them (and perhaps a few others'). The
  // answer waits under --durability full, and under normal while the writer
  // is behind (back-pressure, barrier_state_writer.h).
  if (options_.durability == store::Durability::kFull || barrier_writer_->Backlogged()) {
    res.barrier_ticket = barrier_writer_->LastTicket();
  }
  res.status = 200;
  res.body = std::move(out).value();
}

}  // namespace zicht::server

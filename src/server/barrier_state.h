#pragma once
// The server's barrier engines (POST /v1/payments/evaluate): one per
// partner, each with its own per-account state, whose "is this IBAN /
// device known?" questions go to the linking engine — the same verdicts
// /v1/check gives.
//
// Why one per partner: account names are the bank's own ("A1"), so with one
// shared table bank B's account `NL01…` was blocked by a payment bank A sent
// for its own customer. Separate engines make that impossible by
// construction. Each engine keeps at most `max_accounts_per_partner`
// accounts (barrier/engine.h, "Memory"), so one key cannot grow the
// server's memory without end.
//
// Thread-safety: ForPartner may be called from every I/O thread (one mutex
// around the partner table, held for a lookup); barrier::Engine locks
// internally; the link engine's Check is safe for concurrent use.
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "barrier/engine.h"
#include "barrier/link_risk_source.h"
#include "link/engine.h"

namespace zicht::server {

class BarrierState {
 public:
  BarrierState(barrier::RuleSet rules, const link::Engine& engine, size_t max_accounts_per_partner)
      : risk_(engine), rules_(std::move(rules)), max_accounts_(max_accounts_per_partner) {}

  //! The engine holding `partner`'s accounts, created on first use. The
  //! reference stays valid for the life of this object.
  barrier::Engine& ForPartner(const std::string& partner) {
    std::lock_guard<std::mutex> lock(mu_);
    std::unique_ptr<barrier::Engine>& e = engines_[partner];
    if (!e) e = std::make_unique<barrier::Engine>(rules_, &risk_, max_accounts_);
    return *e;
  }

 private:
  barrier::LinkRiskSource risk_;
  const barrier::RuleSet rules_;
  const size_t max_accounts_;
  std::mutex mu_;
  // GUARDED_BY(mu_). Partners come from the keys file, so the table is small.
  std::unordered_map<std::string, std::unique_ptr<barrier::Engine>> engines_;
};

}  // namespace zicht::server

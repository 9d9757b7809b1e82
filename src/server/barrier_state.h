#pragma once
// The server's barrier engines (POST /v1/payments/evaluate): one per
// partner, each with its own per-account state, whose "is this IBAN /
// device known?" questions go to the linking engine — the same verdicts
// /v1/check gives.
//
// Why one per partner: account names are the bank's own ("A1"), so with one
// shared table bank B's account `NL01…` was blocked by a payment bank A sent
// for its own customer. Separate engines make that impossible by
// construction, and each engine reads and writes only its own partner's rows
// of the durable state (BarrierStateWriter::PartnerStore: every key starts
// with the partner). Each engine keeps at most `max_accounts_per_partner`
// accounts in memory (barrier/engine.h, "Memory"), so one key cannot grow
// the server's memory without end; the rest are in the store and are
// loaded back on their next event.
//
// Thread-safety: ForPartner may be called from every I/O thread (one mutex
// around the partner table, held for a lookup); barrier::Engine locks
// internally; the link engine's Check is safe for concurrent use; the
// writer is thread-safe.
#include <memory>
#include <string>
#include <unordered_map>

#include "barrier/engine.h"
#include "barrier/link_risk_source.h"
#include "common/mutex.h"
#include "link/engine.h"
#include "server/barrier_state_writer.h"

namespace zicht::server {

class BarrierState {
 public:
  //! `writer` (durable state) must outlive this object.
  BarrierState(barrier::RuleSet rules, barrier::DutchTimeZone zone, const link::Engine& engine,
               size_t max_accounts_per_partner, BarrierStateWriter& writer)
      : risk_(engine), rules_(std::move(rules)), zone_(zone), max_accounts_(max_accounts_per_partner), writer_(writer) {}

  //! The engine holding `partner`'s accounts, created on first use. The
  //! reference stays valid for the life of this object.
  barrier::Engine& ForPartner(const std::string& partner) {
    MutexLock lock(&mu_);
    Partner& p = partners_[partner];
    if (!p.engine) {
      p.store = std::make_unique<BarrierStateWriter::PartnerStore>(writer_, partner);
      p.engine = std::make_unique<barrier::Engine>(rules_, zone_, &risk_, max_accounts_, p.store.get());
    }
    return *p.engine;
  }

  BarrierStateWriter& writer() { return writer_; }

 private:
  struct Partner {
    std::unique_ptr<BarrierStateWriter::PartnerStore> store;  // declared first: outlives the engine
    std::unique_ptr<barrier::Engine> engine;
  };
  barrier::LinkRiskSource risk_;
  const barrier::RuleSet rules_;
  const barrier::DutchTimeZone zone_;
  const size_t max_accounts_;
  BarrierStateWriter& writer_;
  Mutex mu_;
  // Partners come from the keys file, so the table is small.
  std::unordered_map<std::string, Partner> partners_ ZICHT_GUARDED_BY(mu_);
};

}  // namespace zicht::server

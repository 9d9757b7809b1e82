#pragma once
// POST /v1/payments/evaluate when several nodes share one store
// (`zicht serve --nodes shared`; docs/deploy.md, "Payment barriers across
// nodes"): two payments of one account evaluated on two nodes at the same
// moment can never both pass a daily limit that only one of them fits in.
//
// How: the evaluation of a request runs inside one store transaction that
// holds the barrier state's write lock (store::BarrierStateStore::Locked;
// SQLite: BEGIN IMMEDIATE, shared by every process on the file). Under it
// the engine forgets what it had in memory, loads each account of the
// request from the store, evaluates, and the changed states are written
// before COMMIT. The answer is sent after the commit, so a decision another
// node makes next always starts from this one's spending.
//
// Cost, and why single-node serving keeps its own path (server/
// barrier_state.h): every request here is a locked read-modify-write of the
// store, one at a time per store, instead of a memory update with an
// asynchronous writer. Only a deployment with several nodes needs it.
//
// Thread-safety: Evaluate may be called from every I/O thread; one mutex
// serialises this process's evaluations (the store lock serialises them
// across processes anyway).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "barrier/account_store.h"
#include "barrier/engine.h"
#include "barrier/link_risk_source.h"
#include "common/mutex.h"
#include "common/result.h"
#include "link/engine.h"
#include "store/barrier_state_store.h"

namespace zicht::server {

class SharedBarrier {
 public:
  //! `engine` must outlive this object; `store` is a connection of its own.
  SharedBarrier(barrier::RuleSet rules, barrier::DutchTimeZone zone, const link::Engine& engine,
                std::unique_ptr<store::BarrierStateStore> store)
      : risk_(engine), rules_(std::move(rules)), zone_(zone), store_(std::move(store)) {}

  //! The decisions JSON for `body` of `partner` (barrier::EvaluateJsonRequest),
  //! committed to the store before it returns. Errors: the request's
  //! kInvalidArgument/kTooLarge (nothing written), or the store's Status
  //! (nothing written, no decision).
  //! `idempotency_key` (the `Idempotency-Key` header; empty: none): the
  //! answer is stored with the states, in the same transaction, under the
  //! same lock; the same key again — on any node — gets the stored answer
  //! and changes no account, so a retried request counts once. The same key
  //! with another body is kInvalidArgument (nothing evaluated). Keys are
  //! per partner and remembered for BarrierStateStore::kAnswerSeconds.
  Result<std::string> Evaluate(const std::string& partner, std::string_view body,
                               std::string_view idempotency_key = {});

 private:
  //! One partner's rows, read and written inside the running transaction.
  class TxAccounts final : public barrier::AccountStore {
   public:
    TxAccounts(store::BarrierStateStore& store, std::string partner) : store_(store), partner_(std::move(partner)) {}
    Result<bool> Load(std::string_view account, barrier::AccountState* state) override;
    void Save(std::string_view account, const barrier::AccountState& state) override;
    //! Writes what Save collected (inside the transaction) and forgets it.
    Status Flush();
    void Clear() { saved_.clear(); }

   private:
    store::BarrierStateStore& store_;
    const std::string partner_;
    std::vector<std::pair<std::string, std::string>> saved_;  // account, encoded state
  };
  struct Partner {
    std::unique_ptr<TxAccounts> accounts;  // declared first: outlives the engine
    std::unique_ptr<barrier::Engine> engine;
  };

  barrier::LinkRiskSource risk_;
  const barrier::RuleSet rules_;
  const barrier::DutchTimeZone zone_;
  Mutex mu_;
  std::unique_ptr<store::BarrierStateStore> store_ ZICHT_GUARDED_BY(mu_);
  std::unordered_map<std::string, Partner> partners_ ZICHT_GUARDED_BY(mu_);
};

}  // namespace zicht::server

#include "server/shared_barrier.h"

#include <openssl/sha.h>

#include <chrono>

#include "barrier/evaluate_json.h"

namespace zicht::server {

Result<bool> SharedBarrier::TxAccounts::Load(std::string_view account, barrier::AccountState* state) {
  std::string bytes;
  ZICHT_ASSIGN_OR_RETURN(bool found, store_.Get(partner_, account, &bytes));
  if (!found) return false;
  ZICHT_RETURN_IF_ERROR(barrier::DecodeAccountState(bytes, state));
  return true;
}

void SharedBarrier::TxAccounts::Save(std::string_view account, const barrier::AccountState& state) {
  saved_.emplace_back(std::string(account), barrier::EncodeAccountState(state));
}

Status SharedBarrier::TxAccounts::Flush() {
  std::vector<store::BarrierStateRow> rows;
  rows.reserve(saved_.size());
  for (const auto& [account, state] : saved_) rows.push_back({partner_, account, state});
  Status s = store_.Put(rows);
  saved_.clear();
  return s;
}

namespace {

std::string Sha256(std::string_view body) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace

Result<std::string> SharedBarrier::Evaluate(const std::string& partner, std::string_view body,
                                            std::string_view idempotency_key) {
  const std::string request_hash = idempotency_key.empty() ? std::string() : Sha256(body);
  MutexLock lock(&mu_);
  Partner& p = partners_[partner];
  if (!p.engine) {
    p.accounts = std::make_unique<TxAccounts>(*store_, partner);
    // No bound needed: the engine forgets every account before each request,
    // so it holds at most one request's accounts.
    p.engine = std::make_unique<barrier::Engine>(rules_, zone_, &risk_, barrier::Engine::kUnlimitedAccounts,
                                                 p.accounts.get());
  }
  Result<std::string> out = Status::Internal("not evaluated");
  // A reference taken under mu_: clang's lock analysis cannot see that the
  // lambda below runs while mu_ is still held.
  store::BarrierStateStore& store = *store_;
  Status s = store.Locked([&]() -> Status {
    if (!idempotency_key.empty()) {
      // Under the lock: a retry on another node waits for the first
      // request's commit and then finds its answer.
      std::string stored_hash, stored_answer;
      ZICHT_ASSIGN_OR_RETURN(bool found, store.GetAnswer(partner, idempotency_key, &stored_hash, &stored_answer));
      if (found) {
        if (stored_hash != request_hash) {
          return Status::InvalidArgument("Idempotency-Key was already used for a different request body");
        }
        out = std::move(stored_answer);
        return Status::Ok();
      }
    }
    // Whatever this process remembers may be stale: another node may have
    // written since. The store, read under its lock, is the truth.
    p.engine->ForgetAccounts();
    p.accounts->Clear();
    out = barrier::EvaluateJsonRequest(*p.engine, body);
    if (!out.ok()) return out.status();
    ZICHT_RETURN_IF_ERROR(p.accounts->Flush());
    if (idempotency_key.empty()) return Status::Ok();
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    return store.PutAnswer(partner, idempotency_key, request_hash, *out, now);
  });
  if (!s.ok()) {
    p.engine->ForgetAccounts();  // rolled back: what it applied in memory never happened
    return s;
  }
  return out;
}

}  // namespace zicht::server

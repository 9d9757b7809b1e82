#include "link/verdict_memo.h"

namespace zicht::link {

static_assert(VerdictMemo::kSlots == 256, "SlotOf takes the top 8 bits of the hash");

VerdictMemo& VerdictMemo::ForThisThread() {
  thread_local VerdictMemo memo;
  return memo;
}

const Verdict* VerdictMemo::Find(uint64_t owner, uint64_t generation, uint32_t ident) const {
  const Slot& s = slots_[SlotOf(ident)];
  if (s.owner != owner || s.generation != generation || s.ident != ident) return nullptr;
  return &s.verdict;
}

void VerdictMemo::Store(uint64_t owner, uint64_t generation, uint32_t ident, const Verdict& v) {
  Slot& s = slots_[SlotOf(ident)];
  s.owner = owner;
  s.generation = generation;
  s.ident = ident;
  CopyDerived(v, s.verdict);
}

void VerdictMemo::CopyDerived(const Verdict& from, Verdict& to) {
  to.known = from.known;
  to.risk = from.risk;
  to.reasons = from.reasons;
  to.reports = from.reports;
  to.losses = from.losses;
  to.damage_cents = from.damage_cents;
  to.first_seen = from.first_seen;
  to.last_seen = from.last_seen;
  to.fraud_types = from.fraud_types;
  to.cluster = from.cluster;
}

}  // namespace zicht::link

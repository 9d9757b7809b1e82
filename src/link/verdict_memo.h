#pragma once
// A per-thread memo of the index-derived part of a verdict, for identifiers
// named in many reports.
//
// WHY. A verdict walks every posting of the identifier (reports, losses,
// damage, first and last seen, fraud types, the mule test): O(postings).
// Unknown values and values in a few reports cost next to nothing, but a
// money-mule IBAN in a hundred reports cost ~0.5 µs per check, and such
// values are the ones partners check again and again.
//
// Keyed by (engine instance, index generation, identifier): every change to
// the index bumps the engine's generation, so an entry never outlives the
// data it was computed from. Per thread, so readers never contend;
// direct-mapped with kSlots slots, so its memory is fixed and small.
//
// Thread-safety: each thread has its own memo.
#include <cstdint>

#include "link/engine.h"

namespace zicht::link {

class VerdictMemo {
 public:
  //! Identifiers with fewer postings are cheaper to walk than to memoise.
  static constexpr uint32_t kMinPostings = 16;
  static constexpr size_t kSlots = 256;

  //! The calling thread's memo.
  static VerdictMemo& ForThisThread();

  //! The memoised verdict for `ident`, or nullptr. Only the derived fields
  //! are meaningful (see CopyDerived).
  const Verdict* Find(uint64_t owner, uint64_t generation, uint32_t ident) const;

  //! Remembers `v`'s derived fields for `ident`, replacing the slot's entry.
  void Store(uint64_t owner, uint64_t generation, uint32_t ident, const Verdict& v);

  //! Copies what the index decides (known, risk, reasons, counts, times,
  //! fraud types, cluster) from `from` to `to`; leaves what the caller
  //! asked (kind, value, pseudonym, normalized, valid) alone.
  static void CopyDerived(const Verdict& from, Verdict& to);

 private:
  struct Slot {
    uint64_t owner = 0;  // 0: empty
    uint64_t generation = 0;
    uint32_t ident = 0;
    Verdict verdict;
  };
  static size_t SlotOf(uint32_t ident) { return (ident * 2654435761u) >> 24; }  // top 8 bits

  Slot slots_[kSlots];
};

}  // namespace zicht::link

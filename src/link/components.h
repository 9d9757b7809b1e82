#pragma once
// Clusters as connected components of the report graph (docs/design.md, "Linking
// and clusters"): reports are nodes, and two reports are joined when they
// share an identifier that links (IdentifierIndex::Links).
//
// HOW IT WORKS. A union-find over report indices (union by size). Each root
// also remembers the member with the smallest (source, id) key, which names
// the cluster (cluster_id.h).
//
// MEMORY. One uint32 per report (parent_) and 8 bytes per real cluster:
// most reports are singletons or members, so size and smallest key are
// kept only for roots of two or more reports, in dense per-cluster arrays
// (slots, recycled through a free list). parent_[r] is
//   r                    r is a singleton (its own root, size 1);
//   kRootBit | slot      r is the root of a cluster, described by slot;
//   anything else        the parent of r.
// Report indices stay below 2^29 (kMaxIndexEntries), so the bit is free. New reports only ever merge components, which
// union-find does in near-constant time. An update that takes an identifier
// away from a report may split its component; union-find cannot undo a
// union, so Recompute() re-derives just the affected part by a breadth-first
// search over the current graph from the updated report and from one
// report of every identifier it lost. Every report of the old component is
// reached from one of those seeds (a path to the updated report either still
// exists or ended in a lost identifier), and a BFS covers whole components,
// so resetting exactly the visited reports is safe. Cost: the size of the
// affected components, not of the whole graph.
//
// Find() does no path compression, so readers may call it concurrently
// under a shared lock; Flatten() (under the exclusive lock) points every
// report at its root after a bulk build so reads are one hop.
//
// Thread-safety: none of its own; the Engine's lock guards it.
#include <cstdint>
#include <vector>

#include "link/identifier_index.h"

namespace zicht::link {

class Components {
 public:
  //! Clusters every report of `index` from scratch.
  void Build(const IdentifierIndex& index);

  //! Makes room for reports added to the index since (as singletons).
  void Grow(const IdentifierIndex& index);

  //! Joins report r with every report it now shares a linking identifier with.
  void Link(const IdentifierIndex& index, uint32_t r);

  //! Re-derives the components containing `seeds` (see above).
  void Recompute(const IdentifierIndex& index, const std::vector<uint32_t>& seeds);

  void Flatten();

  uint32_t Find(uint32_t r) const {
    for (uint32_t p = parent_[r]; !IsRoot(r, p); p = parent_[r]) r = p;
    return r;
  }
  //! Reports in the component of root `root`.
  uint32_t Size(uint32_t root) const {
    uint32_t p = parent_[root];
    return (p & kRootBit) != 0 ? size_[p & ~kRootBit] : 1;
  }
  //! The member with the smallest (source, id) of root `root`.
  uint32_t Smallest(uint32_t root) const {
    uint32_t p = parent_[root];
    return (p & kRootBit) != 0 ? smallest_[p & ~kRootBit] : root;
  }

  //! Bytes held, allocator overhead included.
  int64_t Bytes() const;

 private:
  static constexpr uint32_t kRootBit = 1u << 31;
  static bool IsRoot(uint32_t r, uint32_t parent) { return parent == r || (parent & kRootBit) != 0; }

  uint32_t FindCompress(uint32_t r);
  void Union(const IdentifierIndex& index, uint32_t a, uint32_t b);
  //! A cluster slot for (size, smallest), reusing a freed one.
  uint32_t NewSlot(uint32_t size, uint32_t smallest);
  //! Makes r a root: of a cluster slot when size ≥ 2, else a singleton.
  void SetRoot(uint32_t r, uint32_t size, uint32_t smallest);
  //! Gives back r's slot when r is a cluster root.
  void ReleaseSlot(uint32_t r);

  std::vector<uint32_t> parent_;
  // Per cluster slot (roots of ≥ 2 reports only).
  std::vector<uint32_t> size_;
  std::vector<uint32_t> smallest_;
  std::vector<uint32_t> free_slots_;
};

}  // namespace zicht::link

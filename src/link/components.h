#pragma once
// Clusters as connected components of the report graph (DESIGN.md, "Linking
// and clusters"): reports are nodes, and two reports are joined when they
// share an identifier that links (IdentifierIndex::Links).
//
// HOW IT WORKS. A union-find over report indices (union by size). Each root
// also remembers the member with the smallest (source, id) key, which names
// the cluster (cluster_id.h). New reports only ever merge components, which
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
    while (parent_[r] != r) r = parent_[r];
    return r;
  }
  //! Reports in the component of root `root`.
  uint32_t Size(uint32_t root) const { return size_[root]; }
  //! The member with the smallest (source, id) of root `root`.
  uint32_t Smallest(uint32_t root) const { return smallest_[root]; }

  int64_t Bytes() const;

 private:
  uint32_t FindCompress(uint32_t r);
  void Union(const IdentifierIndex& index, uint32_t a, uint32_t b);

  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
  std::vector<uint32_t> smallest_;
};

}  // namespace zicht::link

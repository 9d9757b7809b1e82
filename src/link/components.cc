#include "link/components.h"

#include <absl/container/flat_hash_set.h>

#include <algorithm>

#include "link/heap_bytes.h"

namespace zicht::link {

uint32_t Components::NewSlot(uint32_t size, uint32_t smallest) {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    size_[slot] = size;
    smallest_[slot] = smallest;
    return slot;
  }
  size_.push_back(size);
  smallest_.push_back(smallest);
  return static_cast<uint32_t>(size_.size() - 1);
}

void Components::SetRoot(uint32_t r, uint32_t size, uint32_t smallest) {
  uint32_t p = parent_[r];
  if (size < 2) {
    ReleaseSlot(r);
    parent_[r] = r;
  } else if ((p & kRootBit) != 0) {
    size_[p & ~kRootBit] = size;
    smallest_[p & ~kRootBit] = smallest;
  } else {
    parent_[r] = kRootBit | NewSlot(size, smallest);
  }
}

void Components::ReleaseSlot(uint32_t r) {
  uint32_t p = parent_[r];
  if ((p & kRootBit) == 0) return;
  free_slots_.push_back(p & ~kRootBit);
  parent_[r] = r;
}

void Components::Grow(const IdentifierIndex& index) {
  for (uint32_t r = static_cast<uint32_t>(parent_.size()); r < index.report_count(); ++r) parent_.push_back(r);
}

void Components::Build(const IdentifierIndex& index) {
  parent_.clear();
  size_.clear();
  smallest_.clear();
  free_slots_.clear();
  parent_.reserve(index.report_count());
  Grow(index);
  for (uint32_t ident = 0; ident < index.ident_count(); ++ident) {
    if (index.warning_listed(ident)) continue;
    uint32_t first = UINT32_MAX;
    for (uint32_t p : index.postings(ident)) {
      if (!index.Links(ident, p)) continue;
      if (first == UINT32_MAX) first = EntryIndex(p);
      else Union(index, first, EntryIndex(p));
    }
  }
  Flatten();
  // A bulk build frees no slots: the cluster arrays are exactly full.
  size_.shrink_to_fit();
  smallest_.shrink_to_fit();
  free_slots_.shrink_to_fit();
}

uint32_t Components::FindCompress(uint32_t r) {
  for (uint32_t p = parent_[r]; !IsRoot(r, p); p = parent_[r]) {
    uint32_t gp = parent_[p];
    if (!IsRoot(p, gp)) parent_[r] = gp;  // path halving
    r = parent_[r];
  }
  return r;
}

void Components::Union(const IdentifierIndex& index, uint32_t a, uint32_t b) {
  a = FindCompress(a);
  b = FindCompress(b);
  if (a == b) return;
  uint32_t size_a = Size(a), size_b = Size(b);
  if (size_a < size_b) {
    std::swap(a, b);
    std::swap(size_a, size_b);
  }
  uint32_t smallest_a = Smallest(a), smallest_b = Smallest(b);
  uint32_t smallest = index.KeyLess(smallest_b, smallest_a) ? smallest_b : smallest_a;
  ReleaseSlot(b);
  parent_[b] = a;
  SetRoot(a, size_a + size_b, smallest);
}

void Components::Link(const IdentifierIndex& index, uint32_t r) {
  index.ForEachLink(r, [&](uint32_t ident) {
    // Every other linking report of `ident` is already in one component,
    // so joining one of them is enough.
    for (uint32_t p : index.postings(ident)) {
      if (EntryIndex(p) != r && index.Links(ident, p)) {
        Union(index, r, EntryIndex(p));
        break;
      }
    }
  });
}

void Components::Recompute(const IdentifierIndex& index, const std::vector<uint32_t>& seeds) {
  absl::flat_hash_set<uint32_t> seen_reports;
  absl::flat_hash_set<uint32_t> seen_idents;
  std::vector<std::vector<uint32_t>> pieces;
  for (uint32_t seed : seeds) {
    if (!seen_reports.insert(seed).second) continue;
    std::vector<uint32_t> piece{seed};
    for (size_t i = 0; i < piece.size(); ++i) {
      index.ForEachLink(piece[i], [&](uint32_t ident) {
        if (!seen_idents.insert(ident).second) return;
        for (uint32_t p : index.postings(ident)) {
          if (index.Links(ident, p) && seen_reports.insert(EntryIndex(p)).second) piece.push_back(EntryIndex(p));
        }
      });
    }
    pieces.push_back(std::move(piece));
  }
  // Every old root of these components is among the visited reports: free
  // all their slots before handing out new ones.
  for (const auto& piece : pieces) {
    for (uint32_t r : piece) ReleaseSlot(r);
  }
  for (const auto& piece : pieces) {
    uint32_t root = piece.front();
    uint32_t smallest = root;
    for (uint32_t r : piece) {
      parent_[r] = root;
      if (index.KeyLess(r, smallest)) smallest = r;
    }
    SetRoot(root, static_cast<uint32_t>(piece.size()), smallest);
  }
}

void Components::Flatten() {
  for (uint32_t r = 0; r < parent_.size(); ++r) {
    uint32_t root = FindCompress(r);
    if (root != r) parent_[r] = root;
  }
}

int64_t Components::Bytes() const {
  return VectorBytes(parent_) + VectorBytes(size_) + VectorBytes(smallest_) + VectorBytes(free_slots_);
}

}  // namespace zicht::link

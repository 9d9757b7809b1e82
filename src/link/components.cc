#include "link/components.h"

#include <absl/container/flat_hash_set.h>

#include <algorithm>

namespace zicht::link {

void Components::Grow(const IdentifierIndex& index) {
  for (uint32_t r = static_cast<uint32_t>(parent_.size()); r < index.report_count(); ++r) {
    parent_.push_back(r);
    size_.push_back(1);
    smallest_.push_back(r);
  }
}

void Components::Build(const IdentifierIndex& index) {
  parent_.clear();
  size_.clear();
  smallest_.clear();
  parent_.reserve(index.report_count());
  size_.reserve(index.report_count());
  smallest_.reserve(index.report_count());
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
}

uint32_t Components::FindCompress(uint32_t r) {
  while (parent_[r] != r) {
    parent_[r] = parent_[parent_[r]];  // path halving
    r = parent_[r];
  }
  return r;
}

void Components::Union(const IdentifierIndex& index, uint32_t a, uint32_t b) {
  a = FindCompress(a);
  b = FindCompress(b);
  if (a == b) return;
  if (size_[a] < size_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  if (index.KeyLess(smallest_[b], smallest_[a])) smallest_[a] = smallest_[b];
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
  for (const auto& piece : pieces) {
    uint32_t root = piece.front();
    uint32_t smallest = root;
    for (uint32_t r : piece) {
      parent_[r] = root;
      if (index.KeyLess(r, smallest)) smallest = r;
    }
    size_[root] = static_cast<uint32_t>(piece.size());
    smallest_[root] = smallest;
  }
}

void Components::Flatten() {
  for (uint32_t r = 0; r < parent_.size(); ++r) parent_[r] = FindCompress(r);
}

int64_t Components::Bytes() const {
  return static_cast<int64_t>((parent_.capacity() + size_.capacity() + smallest_.capacity()) * sizeof(uint32_t));
}

}  // namespace zicht::link

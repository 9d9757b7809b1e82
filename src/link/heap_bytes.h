#pragma once
// What the index's containers really cost, for IndexBytes() and `make
// bench` (docs/linking.md, "Memory layout"): heap blocks with glibc's
// allocator overhead, and abseil's flat hash tables with their empty slots
// and control bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace zicht::link {

//! What malloc really hands out for `bytes`: glibc chunks carry an 8-byte
//! header and are multiples of 16 bytes, at least 32.
inline int64_t MallocBytes(size_t bytes) {
  if (bytes == 0) return 0;
  size_t chunk = (bytes + 8 + 15) & ~size_t{15};
  return static_cast<int64_t>(std::max<size_t>(chunk, 32));
}

//! A std::vector's heap block (its capacity, not its size).
template <typename V>
int64_t VectorBytes(const V& v) {
  return MallocBytes(v.capacity() * sizeof(typename V::value_type));
}

//! An absl flat_hash_{set,map}'s one heap block: a slot per bucket (empty
//! or not), a control byte per bucket plus 16 cloned/sentinel bytes.
template <typename T>
int64_t FlatHashBytes(const T& table) {
  if (table.capacity() == 0) return 0;
  return MallocBytes(table.capacity() * (sizeof(typename T::value_type) + 1) + 16);
}

}  // namespace zicht::link

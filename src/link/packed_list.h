#pragma once
// PackedList: a vector of uint32 that keeps up to three values inline.
//
// Why: the identifier index holds one posting list per distinct identifier,
// and most are tiny (71 % of generated identifiers are in one report).
// std::vector costs 24 bytes plus a heap block of at least 32 bytes even for
// one value; PackedList costs 16 bytes and no heap block for up to three
// values, which helps keep the index under its 150-bytes-per-identifier
// budget (docs/design.md, "Performance targets"; docs/linking.md, "Memory
// layout"). Reports' identifier lists do not use it: they share one array.
//
// Thread-safety: a plain value; no internal synchronisation.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace zicht::link {

class PackedList {
 public:
  PackedList() = default;
  ~PackedList() {
    if (on_heap()) std::free(heap());
  }
  PackedList(const PackedList& other) {
    for (uint32_t v : other) push_back(v);
  }
  PackedList& operator=(const PackedList& other) {
    if (this != &other) {
      clear();
      for (uint32_t v : other) push_back(v);
    }
    return *this;
  }
  PackedList(PackedList&& other) noexcept : meta_(other.meta_) {
    std::memcpy(words_, other.words_, sizeof(words_));
    other.meta_ = 0;
  }
  PackedList& operator=(PackedList&& other) noexcept {
    if (this != &other) {
      if (on_heap()) std::free(heap());
      meta_ = other.meta_;
      std::memcpy(words_, other.words_, sizeof(words_));
      other.meta_ = 0;
    }
    return *this;
  }

  uint32_t size() const { return meta_ & kSizeMask; }
  bool empty() const { return size() == 0; }
  const uint32_t* data() const { return on_heap() ? heap() : words_; }
  uint32_t* data() { return on_heap() ? heap() : words_; }
  const uint32_t* begin() const { return data(); }
  const uint32_t* end() const { return data() + size(); }
  uint32_t operator[](uint32_t i) const { return data()[i]; }

  void push_back(uint32_t v) {
    uint32_t n = size();
    if (n == capacity()) Grow();
    data()[n] = v;
    ++meta_;
  }

  //! Removes every element for which pred(v) is true, keeping order.
  template <typename Pred>
  void EraseIf(Pred pred) {
    uint32_t* d = data();
    uint32_t out = 0;
    uint32_t n = size();
    for (uint32_t i = 0; i < n; ++i) {
      if (!pred(d[i])) d[out++] = d[i];
    }
    meta_ = (meta_ & ~kSizeMask) | out;
  }

  void clear() { meta_ &= ~kSizeMask; }

  //! Heap bytes owned (0 while inline).
  size_t HeapBytes() const { return on_heap() ? size_t{capacity()} * sizeof(uint32_t) : 0; }

 private:
  static constexpr uint32_t kInline = 3;

  // meta_: the size in the low 27 bits; log2 of the heap capacity in the
  // high 5 (0 while inline), so the object is 16 bytes with 3 inline.
  static constexpr uint32_t kSizeMask = (1u << 27) - 1;
  bool on_heap() const { return (meta_ >> 27) != 0; }
  uint32_t capacity() const { return on_heap() ? 1u << (meta_ >> 27) : kInline; }
  // The heap pointer lives in the first two words (memcpy: no aliasing or
  // alignment assumptions), which keeps the object at 16 bytes, 4-aligned.
  uint32_t* heap() const {
    uint32_t* p;
    std::memcpy(&p, words_, sizeof(p));
    return p;
  }

  void Grow() {
    uint32_t log2 = on_heap() ? (meta_ >> 27) + 1 : 3;  // 3 inline → 8 on the heap
    uint32_t new_cap = 1u << log2;
    auto* block = static_cast<uint32_t*>(std::malloc(size_t{new_cap} * sizeof(uint32_t)));
    if (block == nullptr) throw std::bad_alloc();
    std::memcpy(block, data(), size_t{size()} * sizeof(uint32_t));
    if (on_heap()) std::free(heap());
    std::memcpy(words_, &block, sizeof(block));
    meta_ = (log2 << 27) | size();
  }

  uint32_t meta_ = 0;
  uint32_t words_[kInline] = {0, 0, 0};
};

static_assert(sizeof(PackedList) == 16, "PackedList must stay 16 bytes");

}  // namespace zicht::link

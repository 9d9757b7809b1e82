#pragma once
// PackedList: a vector of uint32 that keeps up to two values inline.
//
// Why: the identifier index holds one posting list per distinct identifier
// and one identifier list per report, and most of them are tiny (an IBAN
// seen in one report). std::vector costs 24 bytes plus a heap block of at
// least 32 bytes even for one value; PackedList costs 16 bytes and no heap
// block for up to two values, which is what keeps the index under its
// 150-bytes-per-identifier budget (DESIGN.md, "Performance targets").
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
  PackedList() { inline_[0] = inline_[1] = 0; }
  ~PackedList() {
    if (cap_ > kInline) std::free(heap_);
  }
  PackedList(const PackedList& other) : size_(0), cap_(kInline) {
    inline_[0] = inline_[1] = 0;
    for (uint32_t i = 0; i < other.size_; ++i) push_back(other[i]);
  }
  PackedList& operator=(const PackedList& other) {
    if (this != &other) {
      clear();
      for (uint32_t i = 0; i < other.size_; ++i) push_back(other[i]);
    }
    return *this;
  }
  PackedList(PackedList&& other) noexcept : size_(other.size_), cap_(other.cap_) {
    std::memcpy(&heap_, &other.heap_, sizeof(heap_));
    other.size_ = 0;
    other.cap_ = kInline;
  }
  PackedList& operator=(PackedList&& other) noexcept {
    if (this != &other) {
      if (cap_ > kInline) std::free(heap_);
      size_ = other.size_;
      cap_ = other.cap_;
      std::memcpy(&heap_, &other.heap_, sizeof(heap_));
      other.size_ = 0;
      other.cap_ = kInline;
    }
    return *this;
  }

  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const uint32_t* data() const { return cap_ > kInline ? heap_ : inline_; }
  uint32_t* data() { return cap_ > kInline ? heap_ : inline_; }
  const uint32_t* begin() const { return data(); }
  const uint32_t* end() const { return data() + size_; }
  uint32_t operator[](uint32_t i) const { return data()[i]; }

  void push_back(uint32_t v) {
    if (size_ == cap_) Grow();
    data()[size_++] = v;
  }

  //! Removes every element for which pred(v) is true, keeping order.
  template <typename Pred>
  void EraseIf(Pred pred) {
    uint32_t* d = data();
    uint32_t out = 0;
    for (uint32_t i = 0; i < size_; ++i) {
      if (!pred(d[i])) d[out++] = d[i];
    }
    size_ = out;
  }

  void clear() { size_ = 0; }

  //! Heap bytes owned (0 while inline).
  size_t HeapBytes() const { return cap_ > kInline ? cap_ * sizeof(uint32_t) : 0; }

 private:
  static constexpr uint32_t kInline = 2;

  void Grow() {
    uint32_t new_cap = cap_ * 2;
    auto* block = static_cast<uint32_t*>(std::malloc(new_cap * sizeof(uint32_t)));
    if (block == nullptr) throw std::bad_alloc();
    std::memcpy(block, data(), size_ * sizeof(uint32_t));
    if (cap_ > kInline) std::free(heap_);
    heap_ = block;
    cap_ = new_cap;
  }

  uint32_t size_ = 0;
  uint32_t cap_ = kInline;
  union {
    uint32_t inline_[kInline];
    uint32_t* heap_;
  };
};

static_assert(sizeof(PackedList) == 16, "PackedList must stay 16 bytes");

}  // namespace zicht::link

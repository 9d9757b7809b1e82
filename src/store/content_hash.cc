#include "store/content_hash.h"

#include <cstring>
#include <string_view>

namespace zicht::store {
namespace {

constexpr uint64_t kSeed = 14695981039346656037ull;
constexpr uint64_t kMul1 = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kMul2 = 0xC2B2AE3D27D4EB4Full;

class Hasher {
 public:
  void Word(uint64_t w) {
    h_ ^= w * kMul1;
    h_ = ((h_ << 31) | (h_ >> 33)) * kMul2;
  }
  void Bytes(const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      Word(w);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, size - i);
    Word(tail);
  }
  void Int(int64_t v) { Word(static_cast<uint64_t>(v)); }
  // Length-prefixed, so ("ab","c") and ("a","bc") differ.
  void Str(std::string_view s) {
    Int(static_cast<int64_t>(s.size()));
    Bytes(s.data(), s.size());
  }
  // Absent and present-with-value hash differently.
  template <typename T, typename Fn>
  void Opt(const std::optional<T>& v, Fn&& fn) {
    Int(v.has_value() ? 1 : 0);
    if (v) fn(*v);
  }
  uint64_t value() const {
    uint64_t h = h_;  // final avalanche (murmur3 fmix64)
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return h;
  }

 private:
  uint64_t h_ = kSeed;
};

}  // namespace

uint64_t ContentHash(const model::Report& r) {
  Hasher h;
  h.Str(r.key.source);
  h.Str(r.key.id);
  h.Str(r.reported_at);
  h.Opt(r.occurred_at, [&](const std::string& s) { h.Str(s); });
  h.Int(static_cast<int64_t>(r.fraud_type));
  h.Int(static_cast<int64_t>(r.outcome));
  h.Opt(r.damage_cents, [&](int64_t v) { h.Int(v); });
  h.Opt(r.channel, [&](model::Channel c) { h.Int(static_cast<int64_t>(c)); });
  h.Opt(r.victim.age_band, [&](model::AgeBand a) { h.Int(static_cast<int64_t>(a)); });
  h.Opt(r.victim.region, [&](model::Region g) { h.Int(static_cast<int64_t>(g)); });
  h.Int(static_cast<int64_t>(r.identifiers.size()));
  for (const auto& id : r.identifiers) {
    h.Int(static_cast<int64_t>(id.kind));
    h.Int(static_cast<int64_t>(id.role));
    h.Str(id.value);
  }
  h.Str(r.text);
  return h.value();
}

}  // namespace zicht::store

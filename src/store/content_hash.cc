#include "store/content_hash.h"

#include <string_view>

namespace zicht::store {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

class Hasher {
 public:
  void Bytes(const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
      h_ ^= p[i];
      h_ *= kFnvPrime;
    }
  }
  void Int(int64_t v) { Bytes(&v, sizeof v); }
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
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = kFnvOffset;
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

#include "store/audit_segment.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "common/encoding.h"
#include "common/result.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace zicht::store {
namespace {

constexpr size_t kPseudonymHexChars = 64;
constexpr size_t kPseudonymRawBytes = kPseudonymHexChars / 2;
constexpr size_t kMaxVarintBytes = 10;  // 64 bits / 7 bits per byte, rounded up
constexpr size_t kMaxIndexBytes = 5;    // dictionary indices are uint32
constexpr size_t kDictFields = 8;
// Version 1 had no legal_basis, the last of the dictionary fields.
constexpr size_t kDictFieldsV1 = 7;
// The smallest possible entry: one byte each for the at delta, the
// indices and the pseudonym tag. Bounds N before anything is allocated, so
// a corrupt count cannot make the decoder reserve gigabytes.
constexpr size_t MinEntryBytes(size_t dict_fields) { return 1 + dict_fields + 1; }

// The fields that go through the dictionary, in the order they are written.
std::array<const std::string*, kDictFields> DictFields(const AuditEntry& e) {
  return {&e.partner, &e.key_id, &e.endpoint, &e.kind, &e.subject, &e.purpose, &e.result, &e.legal_basis};
}
std::array<std::string*, kDictFields> DictFields(AuditEntry& e) {
  return {&e.partner, &e.key_id, &e.endpoint, &e.kind, &e.subject, &e.purpose, &e.result, &e.legal_basis};
}

// Writes `v` at `p` (at most kMaxVarintBytes); returns the end.
char* PutVarint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

// Zigzag maps small negative and positive deltas to small unsigned values.
// All arithmetic is unsigned or well-defined in C++20, so any int64 pair
// (even INT64_MIN after INT64_MAX) round-trips without overflow.
uint64_t Zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t Unzigzag(uint64_t z) { return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1)); }

// Lower-case hex digit → value, anything else → -1 (upper case too: it would
// not round-trip).
[[maybe_unused]] constexpr std::array<int8_t, 256> kHexValue = [] {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<int8_t>(c - 'a' + 10);
  return t;
}();

// True (and the raw bytes in raw[0..32)) when `p` is exactly 64 lower-case
// hex digits; `raw` may be partly written even when false.
//
// With SSE2 (every x86-64) 16 characters at a time: a byte-per-step table
// lookup was a third of the encoder's time. Bytes are compared as signed,
// which is fine: anything ≥ 0x80 is negative and fails both ranges. The
// digit value is the low nibble, plus 9 for 'a'–'f'; each pair of values
// becomes one byte (first character in the high nibble) by a shift within
// 16-bit lanes and a saturating pack.
bool PackHex(std::string_view p, char* raw) {
  if (p.size() != kPseudonymHexChars) return false;
#if defined(__SSE2__)
  const __m128i below_0 = _mm_set1_epi8('0' - 1), above_9 = _mm_set1_epi8('9' + 1);
  const __m128i below_a = _mm_set1_epi8('a' - 1), above_f = _mm_set1_epi8('f' + 1);
  const __m128i low_nibble = _mm_set1_epi8(0x0f), nine = _mm_set1_epi8(9), low_byte = _mm_set1_epi16(0x00ff);
  __m128i pairs[4];
  int valid = 0xffff;
  for (int i = 0; i < 4; ++i) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p.data() + 16 * i));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, below_0), _mm_cmplt_epi8(x, above_9));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(x, below_a), _mm_cmplt_epi8(x, above_f));
    valid &= _mm_movemask_epi8(_mm_or_si128(digit, letter));
    const __m128i v = _mm_add_epi8(_mm_and_si128(x, low_nibble), _mm_and_si128(letter, nine));
    pairs[i] = _mm_and_si128(_mm_or_si128(_mm_slli_epi16(v, 4), _mm_srli_epi16(v, 8)), low_byte);
  }
  if (valid != 0xffff) return false;
  _mm_storeu_si128(reinterpret_cast<__m128i*>(raw), _mm_packus_epi16(pairs[0], pairs[1]));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(raw + 16), _mm_packus_epi16(pairs[2], pairs[3]));
  return true;
#else
  int bad = 0;
  for (size_t i = 0; i < kPseudonymRawBytes; ++i) {
    int hi = kHexValue[static_cast<uint8_t>(p[2 * i])];
    int lo = kHexValue[static_cast<uint8_t>(p[2 * i + 1])];
    bad |= hi | lo;  // -1 sets the sign bit
    raw[i] = static_cast<char>((hi << 4) | lo);
  }
  return bad >= 0;
#endif
}

// The segment's string dictionary. The strings repeat (a handful of
// partners, keys, endpoints, kinds, purposes, results), so a small
// direct-mapped cache in front of the hash map answers almost every lookup:
// the string's length and 16 of its bytes as integers make the cache key,
// two multiplies pick the slot, and one compare (plus a memcmp for strings
// longer than 16 bytes) confirms it. That is several times cheaper than
// std::hash plus a bucket walk, and — unlike scanning a field's recent
// values — has no branch that mispredicts when consecutive entries come
// from different partners. Strings are shared across fields ("" is stored
// once).
class Dictionary {
 public:
  uint32_t Index(std::string_view s) {
    const Key key = MakeKey(s);
    const size_t home = Hash(key);
    Slot* free_slot = &cache_[home];  // overwritten when the probe finds no free slot
    for (size_t i = 0; i < kProbes; ++i) {
      Slot& slot = cache_[(home + i) & (cache_.size() - 1)];
      if (!slot.used) {
        free_slot = &slot;
        break;
      }
      if (slot.key.size == key.size && slot.key.a == key.a && slot.key.b == key.b &&
          (s.size() <= kKeyCoversBytes || std::memcmp(slot.s.data(), s.data(), s.size()) == 0)) {
        return slot.idx;
      }
    }
    auto [it, inserted] = index_.try_emplace(s, static_cast<uint32_t>(strings_.size()));
    if (inserted) strings_.push_back(s);
    *free_slot = Slot{key, s, it->second, true};
    return it->second;
  }
  const std::vector<std::string_view>& strings() const { return strings_; }

 private:
  static constexpr size_t kCacheBits = 8;  // 256 slots, 12 KiB: stays in L1
  // Linear probing over a few slots, so two frequent strings whose hashes
  // collide (likely among ~30 strings in 256 slots) do not evict each other.
  static constexpr size_t kProbes = 4;
  static constexpr size_t kKeyCoversBytes = 16;
  struct Key {
    size_t size;
    uint64_t a, b;
  };
  struct Slot {
    Key key{};
    std::string_view s;
    uint32_t idx = 0;
    bool used = false;
  };
  static size_t Hash(const Key& k) {
    uint64_t h = (k.a ^ (k.size * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
    h = (h ^ k.b) * 0xc4ceb9fe1a85ec53ULL;
    return static_cast<size_t>(h >> (64 - kCacheBits));
  }
  // For up to 16 bytes the key covers every byte (loads that overlap, as in
  // xxHash's short inputs), so equal keys mean equal strings; longer strings
  // also compare the rest. No byte loop and no memcpy call: both cost more
  // than the whole lookup.
  static Key MakeKey(std::string_view s) {
    const char* d = s.data();
    const size_t n = s.size();
    Key k{n, 0, 0};
    if (n >= 8) {
      k.a = Load8(d);
      k.b = Load8(d + n - 8);
    } else if (n >= 4) {
      k.a = Load4(d);
      k.b = Load4(d + n - 4);
    } else if (n > 0) {
      k.a = static_cast<uint8_t>(d[0]) | static_cast<uint64_t>(static_cast<uint8_t>(d[n / 2])) << 8 |
            static_cast<uint64_t>(static_cast<uint8_t>(d[n - 1])) << 16;
    }
    return k;
  }
  static uint64_t Load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint64_t Load4(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  std::array<Slot, size_t{1} << kCacheBits> cache_{};
  std::unordered_map<std::string_view, uint32_t> index_;
  std::vector<std::string_view> strings_;  // point into the caller's entries
};

// A bounds-checked cursor over the blob; every read says whether it fit.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (size_t i = 0; i < kMaxVarintBytes; ++i) {
      if (pos_ >= data_.size()) return false;
      auto byte = static_cast<uint8_t>(data_[pos_++]);
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (i == kMaxVarintBytes - 1 && byte > 1) return false;
      result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
      if (byte < 0x80) {
        *v = result;
        return true;
      }
    }
    return false;
  }

  bool Bytes(uint64_t n, std::string_view* out) {
    if (n > remaining()) return false;
    *out = data_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return true;
  }

  bool Byte(uint8_t* b) {
    if (pos_ >= data_.size()) return false;
    *b = static_cast<uint8_t>(data_[pos_++]);
    return true;
  }

  size_t remaining() const { return data_.size() - pos_; }
  size_t pos() const { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

Status Corrupt(std::string_view what, size_t offset) {
  return Status::Corruption("audit segment: " + std::string(what) + " at byte " + std::to_string(offset));
}

}  // namespace

std::string EncodeAuditSegment(const std::vector<AuditEntry>& entries) {
  // The dictionary is built while the entries are written, so the body goes
  // to its own buffer and the header (version, dictionary) is put in front.
  // The body is written through a raw pointer, checking room once per
  // entry: at ~0.1 µs per entry, std::string::append's capacity check per
  // varint was a visible share (and a separate sizing pass over the entries
  // doubled the cache misses on them).
  // Typical: a 1–2 byte at delta, one byte per index, the tag and the raw
  // pseudonym. Sized for 2-byte deltas (plus room for the header, which is
  // put in front in place below): at 42 bytes a batch of 1,000 ran out near
  // its end and doubled the buffer.
  constexpr size_t kTypicalEntryBytes = 2 + kDictFields + 1 + kPseudonymRawBytes;
  constexpr size_t kHeaderRoom = 1024;
  std::string body(entries.size() * kTypicalEntryBytes + kHeaderRoom, '\0');
  char* p = body.data();
  Dictionary dict;
  int64_t prev_at = 0;
  for (const AuditEntry& e : entries) {
    const size_t worst = kMaxVarintBytes * 2 + kDictFields * kMaxIndexBytes + std::max(e.pseudonym.size(), kPseudonymRawBytes);
    if (static_cast<size_t>(body.data() + body.size() - p) < worst) {
      const size_t used = static_cast<size_t>(p - body.data());
      body.resize(std::max(body.size() * 2, used + worst));
      p = body.data() + used;
    }
    p = PutVarint(p, Zigzag(static_cast<int64_t>(static_cast<uint64_t>(e.at) - static_cast<uint64_t>(prev_at))));
    prev_at = e.at;
    auto fields = DictFields(e);
    for (const std::string* field : fields) p = PutVarint(p, dict.Index(*field));
    if (PackHex(e.pseudonym, p + 1)) {
      *p = 0;
      p += 1 + kPseudonymRawBytes;
    } else {
      p = PutVarint(p, static_cast<uint64_t>(e.pseudonym.size()) + 1);
      std::memcpy(p, e.pseudonym.data(), e.pseudonym.size());
      p += e.pseudonym.size();
    }
  }
  body.resize(static_cast<size_t>(p - body.data()));

  std::string header;
  size_t dict_bytes = 0;
  for (std::string_view s : dict.strings()) dict_bytes += s.size() + kMaxVarintBytes;
  header.resize(1 + 2 * kMaxVarintBytes + dict_bytes);
  p = header.data();
  *p++ = static_cast<char>(kAuditSegmentVersion);
  p = PutVarint(p, dict.strings().size());
  for (std::string_view s : dict.strings()) {
    p = PutVarint(p, s.size());
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  }
  p = PutVarint(p, entries.size());
  header.resize(static_cast<size_t>(p - header.data()));
  // The header goes in front of the body within the body's own buffer (a
  // memmove) when it fits its spare room, as it does for the few dozen
  // short dictionary strings of a server's batch. Copying the body into a
  // new string instead was half of the encoder's time: a second ~40 KB
  // buffer per batch, in fresh pages from the kernel each time.
  body.insert(0, header);
  return body;
}

namespace {

// Decodes and validates every entry, but builds an AuditEntry only for those
// matching `filter`: a privacy officer's query by pseudonym over millions of
// entries then copies no strings for the entries it skips. Partner and
// pseudonym are compared against the blob itself — partner per dictionary
// string (a hand-made blob may repeat a string, so by value, not by
// index), the pseudonym against its packed form when it has one.
Result<int64_t> DecodeInto(std::string_view data, int64_t first_seq, const AuditQuery& filter,
                           std::vector<AuditEntry>* out) {
  Reader r(data);
  uint8_t version = 0;
  if (!r.Byte(&version)) return Corrupt("empty blob", 0);
  if (version != kAuditSegmentVersion && version != 1) {
    return Corrupt("unknown version " + std::to_string(version), 0);
  }
  const size_t dict_fields = version == 1 ? kDictFieldsV1 : kDictFields;
  uint64_t dict_size = 0;
  // Each dictionary string takes at least its one-byte length.
  if (!r.Varint(&dict_size) || dict_size > r.remaining()) return Corrupt("bad dictionary size", r.pos());
  std::vector<std::string_view> dict;
  std::vector<uint8_t> partner_ok;  // per dictionary string: matches filter.partner
  dict.reserve(static_cast<size_t>(dict_size));
  partner_ok.reserve(static_cast<size_t>(dict_size));
  for (uint64_t i = 0; i < dict_size; ++i) {
    uint64_t len = 0;
    std::string_view s;
    if (!r.Varint(&len) || !r.Bytes(len, &s)) return Corrupt("bad dictionary string " + std::to_string(i), r.pos());
    dict.push_back(s);
    partner_ok.push_back(!filter.partner || s == *filter.partner);
  }
  char wanted_raw[kPseudonymRawBytes];
  const bool wanted_packs = filter.pseudonym && PackHex(*filter.pseudonym, wanted_raw);
  uint64_t count = 0;
  if (!r.Varint(&count) || count > r.remaining() / MinEntryBytes(dict_fields)) {
    return Corrupt("bad entry count", r.pos());
  }
  if (!filter.partner && !filter.since && !filter.pseudonym) out->reserve(out->size() + static_cast<size_t>(count));
  uint64_t at = 0;
  std::array<uint32_t, kDictFields> idx{};
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t z = 0;
    if (!r.Varint(&z)) return Corrupt("bad time of entry " + std::to_string(i), r.pos());
    at += static_cast<uint64_t>(Unzigzag(z));
    for (size_t f = 0; f < dict_fields; ++f) {
      uint64_t v = 0;
      if (!r.Varint(&v) || v >= dict.size()) return Corrupt("bad string index in entry " + std::to_string(i), r.pos());
      idx[f] = static_cast<uint32_t>(v);
    }
    uint64_t tag = 0;
    if (!r.Varint(&tag)) return Corrupt("bad pseudonym of entry " + std::to_string(i), r.pos());
    std::string_view p;
    const bool packed = tag == 0;
    if (!r.Bytes(packed ? kPseudonymRawBytes : tag - 1, &p)) {
      return Corrupt("truncated pseudonym of entry " + std::to_string(i), r.pos());
    }
    const auto at_signed = static_cast<int64_t>(at);
    if (!partner_ok[idx[0]] || (filter.since && at_signed < *filter.since)) continue;
    if (filter.pseudonym) {
      const bool same = packed ? wanted_packs && std::memcmp(p.data(), wanted_raw, kPseudonymRawBytes) == 0
                               : p == *filter.pseudonym;
      if (!same) continue;
    }
    AuditEntry& e = out->emplace_back();
    e.seq = static_cast<int64_t>(static_cast<uint64_t>(first_seq) + i);
    e.at = at_signed;
    auto fields = DictFields(e);
    for (size_t f = 0; f < dict_fields; ++f) fields[f]->assign(dict[idx[f]]);
    if (packed) {
      e.pseudonym.clear();
      AppendHex({reinterpret_cast<const unsigned char*>(p.data()), kPseudonymRawBytes}, &e.pseudonym);
    } else {
      e.pseudonym.assign(p);
    }
  }
  if (r.remaining() != 0) return Corrupt("trailing bytes", r.pos());
  return static_cast<int64_t>(count);
}

}  // namespace

Result<int64_t> DecodeMatchingAuditEntries(std::string_view data, int64_t first_seq, const AuditQuery& filter,
                                           std::vector<AuditEntry>* out) {
  const size_t before = out->size();
  Result<int64_t> r = DecodeInto(data, first_seq, filter, out);
  if (!r.ok()) out->resize(before);  // no half-decoded segment reaches a caller
  return r;
}

Status DecodeAuditSegment(std::string_view data, int64_t first_seq, std::vector<AuditEntry>* out) {
  out->clear();
  return DecodeMatchingAuditEntries(data, first_seq, AuditQuery{}, out).status();
}

}  // namespace zicht::store

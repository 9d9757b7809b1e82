#include "store/audit_segment.h"

#include <array>
#include <unordered_map>

namespace zicht::store {
namespace {

constexpr size_t kPseudonymHexChars = 64;
constexpr size_t kPseudonymRawBytes = kPseudonymHexChars / 2;
constexpr size_t kMaxVarintBytes = 10;  // 64 bits / 7 bits per byte, rounded up
constexpr size_t kDictFields = 7;
// The smallest possible entry: one byte each for the at delta, the seven
// indices and the pseudonym tag. Bounds N before anything is allocated, so
// a corrupt count cannot make the decoder reserve gigabytes.
constexpr size_t kMinEntryBytes = 1 + kDictFields + 1;

constexpr std::string_view kHexDigits = "0123456789abcdef";

// The fields that go through the dictionary, in the order they are written.
std::array<const std::string*, kDictFields> DictFields(const AuditEntry& e) {
  return {&e.partner, &e.key_id, &e.endpoint, &e.kind, &e.subject, &e.purpose, &e.result};
}
std::array<std::string*, kDictFields> DictFields(AuditEntry& e) {
  return {&e.partner, &e.key_id, &e.endpoint, &e.kind, &e.subject, &e.purpose, &e.result};
}

void PutVarint(std::string* out, uint64_t v) {
  char buf[kMaxVarintBytes];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}

// Zigzag maps small negative and positive deltas to small unsigned values.
// All arithmetic is unsigned or well-defined in C++20, so any int64 pair
// (even INT64_MIN after INT64_MAX) round-trips without overflow.
uint64_t Zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t Unzigzag(uint64_t z) { return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1)); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case too: it would not round-trip
}

// True (and the raw bytes in *raw) when `p` is exactly 64 lower-case hex digits.
bool PackHex(std::string_view p, char* raw) {
  if (p.size() != kPseudonymHexChars) return false;
  for (size_t i = 0; i < kPseudonymRawBytes; ++i) {
    int hi = HexValue(p[2 * i]);
    int lo = HexValue(p[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    raw[i] = static_cast<char>((hi << 4) | lo);
  }
  return true;
}

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
  // Each field first compares with the string it had in the previous entry:
  // consecutive checks mostly share partner, key, endpoint, purpose, so the
  // hash lookup is the exception, not the rule.
  std::unordered_map<std::string_view, uint32_t> index;
  std::vector<std::string_view> dict;
  std::array<uint32_t, kDictFields> last{};
  std::array<bool, kDictFields> have_last{};
  std::string body;
  body.reserve(entries.size() * (2 + kDictFields + 1 + kPseudonymRawBytes));
  int64_t prev_at = 0;
  for (const AuditEntry& e : entries) {
    PutVarint(&body, Zigzag(static_cast<int64_t>(static_cast<uint64_t>(e.at) - static_cast<uint64_t>(prev_at))));
    prev_at = e.at;
    auto fields = DictFields(e);
    for (size_t f = 0; f < kDictFields; ++f) {
      std::string_view s = *fields[f];
      if (!have_last[f] || dict[last[f]] != s) {
        auto [it, inserted] = index.try_emplace(s, static_cast<uint32_t>(dict.size()));
        if (inserted) dict.push_back(s);
        last[f] = it->second;
        have_last[f] = true;
      }
      PutVarint(&body, last[f]);
    }
    char raw[kPseudonymRawBytes];
    if (PackHex(e.pseudonym, raw)) {
      body.push_back(0);
      body.append(raw, kPseudonymRawBytes);
    } else {
      PutVarint(&body, static_cast<uint64_t>(e.pseudonym.size()) + 1);
      body.append(e.pseudonym);
    }
  }
  std::string out;
  size_t dict_bytes = 0;
  for (std::string_view s : dict) dict_bytes += s.size() + kMaxVarintBytes;
  out.reserve(1 + 2 * kMaxVarintBytes + dict_bytes + body.size());
  out.push_back(static_cast<char>(kAuditSegmentVersion));
  PutVarint(&out, dict.size());
  for (std::string_view s : dict) {
    PutVarint(&out, s.size());
    out.append(s);
  }
  PutVarint(&out, entries.size());
  out.append(body);
  return out;
}

namespace {

Status DecodeInto(std::string_view data, int64_t first_seq, std::vector<AuditEntry>* out) {
  Reader r(data);
  uint8_t version = 0;
  if (!r.Byte(&version)) return Corrupt("empty blob", 0);
  if (version != kAuditSegmentVersion) {
    return Corrupt("unknown version " + std::to_string(version), 0);
  }
  uint64_t dict_size = 0;
  // Each dictionary string takes at least its one-byte length.
  if (!r.Varint(&dict_size) || dict_size > r.remaining()) return Corrupt("bad dictionary size", r.pos());
  std::vector<std::string_view> dict;
  dict.reserve(static_cast<size_t>(dict_size));
  for (uint64_t i = 0; i < dict_size; ++i) {
    uint64_t len = 0;
    std::string_view s;
    if (!r.Varint(&len) || !r.Bytes(len, &s)) return Corrupt("bad dictionary string " + std::to_string(i), r.pos());
    dict.push_back(s);
  }
  uint64_t count = 0;
  if (!r.Varint(&count) || count > r.remaining() / kMinEntryBytes) return Corrupt("bad entry count", r.pos());
  out->resize(static_cast<size_t>(count));
  uint64_t at = 0;
  for (uint64_t i = 0; i < count; ++i) {
    AuditEntry& e = (*out)[static_cast<size_t>(i)];
    e.seq = static_cast<int64_t>(static_cast<uint64_t>(first_seq) + i);
    uint64_t z = 0;
    if (!r.Varint(&z)) return Corrupt("bad time of entry " + std::to_string(i), r.pos());
    at += static_cast<uint64_t>(Unzigzag(z));
    e.at = static_cast<int64_t>(at);
    auto fields = DictFields(e);
    for (size_t f = 0; f < kDictFields; ++f) {
      uint64_t idx = 0;
      if (!r.Varint(&idx) || idx >= dict.size()) return Corrupt("bad string index in entry " + std::to_string(i), r.pos());
      fields[f]->assign(dict[static_cast<size_t>(idx)]);
    }
    uint64_t tag = 0;
    if (!r.Varint(&tag)) return Corrupt("bad pseudonym of entry " + std::to_string(i), r.pos());
    std::string_view p;
    if (tag == 0) {
      if (!r.Bytes(kPseudonymRawBytes, &p)) return Corrupt("truncated pseudonym of entry " + std::to_string(i), r.pos());
      e.pseudonym.resize(kPseudonymHexChars);
      for (size_t b = 0; b < kPseudonymRawBytes; ++b) {
        auto byte = static_cast<uint8_t>(p[b]);
        e.pseudonym[2 * b] = kHexDigits[byte >> 4];
        e.pseudonym[2 * b + 1] = kHexDigits[byte & 0x0f];
      }
    } else {
      if (!r.Bytes(tag - 1, &p)) return Corrupt("truncated pseudonym of entry " + std::to_string(i), r.pos());
      e.pseudonym.assign(p);
    }
  }
  if (r.remaining() != 0) return Corrupt("trailing bytes", r.pos());
  return Status::Ok();
}

}  // namespace

Status DecodeAuditSegment(std::string_view data, int64_t first_seq, std::vector<AuditEntry>* out) {
  out->clear();
  Status s = DecodeInto(data, first_seq, out);
  if (!s.ok()) out->clear();  // no half-decoded segment reaches a caller
  return s;
}

}  // namespace zicht::store

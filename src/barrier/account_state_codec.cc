// The stored form of an AccountState (account_store.h). Layout, all
// integers little-endian:
//   u8  version (1)
//   i64 limit_cents, pending_limit_cents, pending_effective_at, day,
//       spent_today_cents, last_contact_change, last_new_device,
//       last_limit_change
//   u8  device_count (≤ kMaxDevices), then per device: u64 hash, i64 first_seen, i64 last_seen
//   u16 beneficiary count (≤ kMaxBeneficiaries), then u64 hashes, oldest first
// 67 bytes plus 24 per device and 8 per beneficiary; never a raw
// identifier (hashes only, like the state in memory).
#include <string>

#include "barrier/account_store.h"

namespace zicht::barrier {
namespace {

constexpr uint8_t kVersion = 1;

void PutU64(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(b, 8);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool U8(uint8_t* v) {
    if (bytes_.size() < 1) return false;
    *v = static_cast<uint8_t>(bytes_[0]);
    bytes_.remove_prefix(1);
    return true;
  }
  bool U64(uint64_t* v) {
    if (bytes_.size() < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v |= static_cast<uint64_t>(static_cast<uint8_t>(bytes_[i])) << (8 * i);
    bytes_.remove_prefix(8);
    return true;
  }
  bool I64(int64_t* v) {
    uint64_t u;
    if (!U64(&u)) return false;
    *v = static_cast<int64_t>(u);
    return true;
  }
  bool empty() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
};

}  // namespace

std::string EncodeAccountState(const AccountState& s) {
  std::string out;
  out.reserve(67 + 24 * s.device_count + 8 * s.beneficiaries.size());
  out.push_back(static_cast<char>(kVersion));
  for (int64_t v : {s.limit_cents, s.pending_limit_cents, s.pending_effective_at, s.day, s.spent_today_cents,
                    s.last_contact_change, s.last_new_device, s.last_limit_change}) {
    PutU64(out, static_cast<uint64_t>(v));
  }
  out.push_back(static_cast<char>(s.device_count));
  for (size_t i = 0; i < s.device_count; ++i) {
    PutU64(out, s.devices[i].hash);
    PutU64(out, static_cast<uint64_t>(s.devices[i].first_seen));
    PutU64(out, static_cast<uint64_t>(s.devices[i].last_seen));
  }
  const size_t n = s.beneficiaries.size();
  out.push_back(static_cast<char>(n & 0xff));
  out.push_back(static_cast<char>(n >> 8));
  for (uint64_t h : s.beneficiaries) PutU64(out, h);
  return out;
}

Status DecodeAccountState(std::string_view bytes, AccountState* state) {
  Reader r(bytes);
  AccountState s;
  uint8_t version = 0;
  if (!r.U8(&version) || version != kVersion) return Status::Corruption("barrier account state: unknown version");
  bool ok = r.I64(&s.limit_cents) && r.I64(&s.pending_limit_cents) && r.I64(&s.pending_effective_at) &&
            r.I64(&s.day) && r.I64(&s.spent_today_cents) && r.I64(&s.last_contact_change) &&
            r.I64(&s.last_new_device) && r.I64(&s.last_limit_change) && r.U8(&s.device_count) &&
            s.device_count <= AccountState::kMaxDevices;
  for (size_t i = 0; ok && i < s.device_count; ++i) {
    ok = r.U64(&s.devices[i].hash) && r.I64(&s.devices[i].first_seen) && r.I64(&s.devices[i].last_seen);
  }
  uint8_t lo = 0, hi = 0;
  ok = ok && r.U8(&lo) && r.U8(&hi);
  const size_t n = static_cast<size_t>(lo) | (static_cast<size_t>(hi) << 8);
  ok = ok && n <= AccountState::kMaxBeneficiaries;
  if (ok) s.beneficiaries.resize(n);
  for (size_t i = 0; ok && i < n; ++i) ok = r.U64(&s.beneficiaries[i]);
  if (!ok || !r.empty()) return Status::Corruption("barrier account state: truncated or malformed");
  *state = std::move(s);
  return Status::Ok();
}

}  // namespace zicht::barrier

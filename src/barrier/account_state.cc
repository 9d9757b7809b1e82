#include "barrier/account_state.h"

#include <algorithm>

namespace zicht::barrier {

uint64_t IdentifierHash(std::string_view value) {
  uint64_t h = 14695981039346656037ull;
  for (char c : value) {
    if (c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

bool AccountState::SeeDevice(uint64_t hash, UnixSeconds at) {
  for (size_t i = 0; i < device_count; ++i) {
    if (devices[i].hash == hash) {
      devices[i].last_seen = std::max(devices[i].last_seen, at);
      return false;
    }
  }
  bool is_new = device_count > 0;
  size_t slot = device_count;
  if (device_count == kMaxDevices) {
    slot = 0;
    for (size_t i = 1; i < kMaxDevices; ++i) {
      if (devices[i].last_seen < devices[slot].last_seen) slot = i;
    }
  } else {
    ++device_count;
  }
  devices[slot] = DeviceSeen{hash, at, at};
  if (is_new) last_new_device = at;
  return is_new;
}

bool AccountState::KnowsBeneficiary(uint64_t hash) const {
  return std::find(beneficiaries.begin(), beneficiaries.end(), hash) != beneficiaries.end();
}

void AccountState::AddBeneficiary(uint64_t hash) {
  if (!KnowsBeneficiary(hash)) AddUnknownBeneficiary(hash);
}

void AccountState::AddUnknownBeneficiary(uint64_t hash) {
  if (beneficiaries.size() >= kMaxBeneficiaries) beneficiaries.erase(beneficiaries.begin());
  beneficiaries.push_back(hash);
}

void AccountState::Advance(UnixSeconds at, int64_t today) {
  if (today != day) {
    day = today;
    spent_today_cents = 0;
  }
  if (pending_limit_cents >= 0 && at >= pending_effective_at) {
    limit_cents = pending_limit_cents;
    pending_limit_cents = -1;
  }
}

}  // namespace zicht::barrier

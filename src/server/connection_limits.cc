#include "server/connection_limits.h"

#include <cstring>

namespace zicht::server {

size_t ConnectionLimits::KeyHash::operator()(const AddressKey& k) const {
  uint64_t a, b;
  std::memcpy(&a, k.data(), 8);
  std::memcpy(&b, k.data() + 8, 8);
  return static_cast<size_t>((a * 0x9E3779B97F4A7C15ull) ^ b);
}

bool ConnectionLimits::TryAcquire(const AddressKey& address) {
  MutexLock lock(&mu_);
  if (total_ >= max_total_) return false;
  int& n = per_address_[address];
  if (n >= max_per_address_) return false;
  ++n;
  ++total_;
  return true;
}

void ConnectionLimits::Release(const AddressKey& address) {
  MutexLock lock(&mu_);
  auto it = per_address_.find(address);
  if (it == per_address_.end()) return;
  --total_;
  if (--it->second == 0) per_address_.erase(it);
}

int ConnectionLimits::total() const {
  MutexLock lock(&mu_);
  return total_;
}

}  // namespace zicht::server

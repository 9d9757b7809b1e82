#pragma once
// How many connections `zicht serve` holds open, in total and per client
// address (docs/security.md).
//
// Why per address: 1,024 sockets that each trickled one header byte every
// 3 s from one address held every connection slot, and /healthz answered 0
// of 15 probes for 30 s. With a per-address cap one client can take only
// its share; the rest stays free for everyone else. The cap counts the
// address as the server sees it (a load balancer in front makes every
// client one address: raise the cap there and let the balancer limit).
//
// Thread-safety: TryAcquire and Release may be called from any thread (one
// mutex; taken once per connection, not per request).
#include <array>
#include <cstdint>
#include <unordered_map>

#include "common/mutex.h"

namespace zicht::server {

//! An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d).
using AddressKey = std::array<uint8_t, 16>;

class ConnectionLimits {
 public:
  ConnectionLimits(int max_total, int max_per_address) : max_total_(max_total), max_per_address_(max_per_address) {}

  //! True (and the connection counted) when one more connection from
  //! `address` fits both caps; false when it must be closed at once.
  bool TryAcquire(const AddressKey& address);

  //! Forgets one connection of `address` counted by TryAcquire.
  void Release(const AddressKey& address);

  int total() const;

 private:
  struct KeyHash {
    size_t operator()(const AddressKey& k) const;
  };
  const int max_total_;
  const int max_per_address_;
  mutable Mutex mu_;
  int total_ ZICHT_GUARDED_BY(mu_) = 0;
  std::unordered_map<AddressKey, int, KeyHash> per_address_ ZICHT_GUARDED_BY(mu_);  // no zero entries
};

}  // namespace zicht::server

#include "normalize/registrable_domain.h"

#include <libpsl.h>

#include <array>
#include <functional>
#include <string>
#include <unordered_map>

#include "common/mutex.h"

namespace zicht::normalize {
namespace {

const psl_ctx_t* PublicSuffixList() {
  // Loaded once and kept for the life of the process (never freed: the
  // handle is shared by all threads until exit).
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return list;
}

std::string LookUp(const std::string& host) {
  const psl_ctx_t* list = PublicSuffixList();
  if (list == nullptr) return host;
  const char* domain = psl_registrable_domain(list, host.c_str());
  // psl_registrable_domain returns a pointer into `host`, or null when the
  // host is itself a public suffix.
  return domain == nullptr ? host : std::string(domain);
}

// WHY a memo: libpsl's lookup costs 1.5-3 µs per host (it case-folds and
// converts each label), more than the rest of URL normalisation together,
// and reports repeat hosts heavily (one phishing site, many victims).
// HOW: 16 shards, each a hash map behind its own mutex, so two ingest
// threads rarely wait on each other. LIMITS: a shard that reaches
// kMaxEntriesPerShard is simply cleared: the memo stays bounded (~64k hosts)
// without eviction bookkeeping, at the price of a burst of fresh lookups.
// Like libphonenumber's singleton, this process-wide state is a memo of a
// pure function and is observable only as speed.
constexpr size_t kShards = 16;
constexpr size_t kMaxEntriesPerShard = 4096;
constexpr size_t kMaxMemoHostLength = 253;  // longest DNS name

struct Shard {
  Mutex mu;
  std::unordered_map<std::string, std::string> domains ZICHT_GUARDED_BY(mu);
};
std::array<Shard, kShards> g_shards;

}  // namespace

std::string RegistrableDomain(std::string_view host) {
  std::string name(host);  // libpsl wants a NUL-terminated string
  if (name.size() > kMaxMemoHostLength) return LookUp(name);
  Shard& shard = g_shards[std::hash<std::string>{}(name) % kShards];
  {
    MutexLock lock(&shard.mu);
    if (auto it = shard.domains.find(name); it != shard.domains.end()) return it->second;
  }
  std::string domain = LookUp(name);
  MutexLock lock(&shard.mu);
  if (shard.domains.size() >= kMaxEntriesPerShard) shard.domains.clear();
  shard.domains.emplace(std::move(name), domain);
  return domain;
}

}  // namespace zicht::normalize

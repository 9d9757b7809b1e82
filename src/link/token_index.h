#pragma once
// The token index of blind look-ups (docs/privacy.md, "Blind look-ups"):
// for every identifier in the engine's index, its OPRF token under the
// hub's OPRF key (blind/oprf.h, input "kind:canonical"), kept in 65,536
// buckets by the token's first two bytes. POST /v1/blind/bucket answers a
// bucket with every entry's verdict sealed under its token
// (blind/verdict_box.h), so the hub sees only the bucket asked for.
//
// HOW IT STAYS CURRENT: built once from Engine::ForEachIdentifier at start
// (parallel over `threads`: one scalar multiplication per identifier), then
// the server Add()s the identifiers of every batch it applies to the
// engine (server/service_writes.cc, one call after Engine::Apply). An
// identifier whose reports are all gone stays in the index, but the
// server asks the engine for each entry's verdict when it answers and
// leaves out entries that are no longer known — so removals need no hook
// in the engine, at the cost of a dead entry until the next restart.
//
// COST: 125 bytes per identifier measured at 1M IBANs (64-byte token, kind,
// canonical string); building is one OPRF evaluation per identifier:
// 15,786 tokens/s per core, 1M identifiers in 69 s on 2 shared threads
// (bench/parts/60-oprf.sh).
//
// Thread-safety: Add() and Bucket() may be called from any thread; one
// reader-writer lock, never held during the scalar multiplication.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "blind/oprf.h"
#include "common/mutex.h"
#include "link/engine.h"
#include "model/identifier.h"

namespace zicht::link {

struct TokenEntry {
  blind::Output token;
  model::IdentifierKind kind = model::IdentifierKind::kIban;
  std::string canonical;
};

class TokenIndex {
 public:
  static constexpr size_t kBuckets = size_t{1} << (8 * 2);  // blind::kPrefixBytes = 2

  explicit TokenIndex(const blind::Scalar& key) : key_(key), buckets_(kBuckets) {}
  TokenIndex(const TokenIndex&) = delete;
  TokenIndex& operator=(const TokenIndex&) = delete;

  //! Adds every identifier of `engine`, computing tokens on `threads` threads.
  void AddAllFrom(const Engine& engine, int threads) ZICHT_EXCLUDES(mu_);

  //! Adds (kind, canonical) unless it is there. `canonical` must be the
  //! canonical form (normalize/). Returns true when it was added.
  bool Add(model::IdentifierKind kind, std::string_view canonical) ZICHT_EXCLUDES(mu_);

  //! The bucket of tokens starting with the two bytes `prefix` (big-endian).
  std::vector<TokenEntry> Bucket(uint16_t prefix) const ZICHT_EXCLUDES(mu_);

  //! Entries held, and an estimate of their memory (for /metrics and bench).
  size_t size() const ZICHT_EXCLUDES(mu_);
  int64_t Bytes() const ZICHT_EXCLUDES(mu_);

  //! The bucket number of a token.
  static uint16_t BucketOf(const blind::Output& token) {
    return static_cast<uint16_t>((token[0] << 8) | token[1]);
  }

 private:
  void InsertLocked(TokenEntry entry) ZICHT_REQUIRES(mu_);

  const blind::Scalar key_;
  mutable SharedMutex mu_;
  std::vector<std::vector<TokenEntry>> buckets_ ZICHT_GUARDED_BY(mu_);
  size_t size_ ZICHT_GUARDED_BY(mu_) = 0;
  int64_t heap_bytes_ ZICHT_GUARDED_BY(mu_) = 0;
};

}  // namespace zicht::link

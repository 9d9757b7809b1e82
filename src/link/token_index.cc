#include "link/token_index.h"

#include <thread>

namespace zicht::link {
namespace {

// Strings up to this length live inside std::string (libstdc++'s SSO).
constexpr size_t kInlineString = 15;

int64_t EntryHeapBytes(const TokenEntry& e) {
  return e.canonical.size() > kInlineString ? static_cast<int64_t>(e.canonical.capacity() + 1) : 0;
}

}  // namespace

void TokenIndex::InsertLocked(TokenEntry entry) {
  heap_bytes_ += EntryHeapBytes(entry);
  buckets_[BucketOf(entry.token)].push_back(std::move(entry));
  ++size_;
}

void TokenIndex::AddAllFrom(const Engine& engine, int threads) {
  std::vector<TokenEntry> entries;
  engine.ForEachIdentifier([&entries](model::IdentifierKind kind, std::string_view canonical) {
    entries.push_back(TokenEntry{blind::Output{}, kind, std::string(canonical)});
  });
  if (threads < 1) threads = 1;
  // Each thread takes every threads-th entry: identifiers of one kind come
  // in runs, and their canonical forms (hence hash input) differ in length.
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([this, &entries, t, threads] {
      for (size_t i = static_cast<size_t>(t); i < entries.size(); i += static_cast<size_t>(threads)) {
        TokenEntry& e = entries[i];
        auto token = blind::Evaluate(key_, blind::OprfInput(model::kIdentifierKindNames.Name(e.kind), e.canonical));
        // Hashing to the identity has probability 2^-252; such an entry keeps
        // an all-zero token that no client can produce.
        if (token.ok()) e.token = *token;
      }
    });
  }
  for (std::thread& w : workers) w.join();
  WriterLock lock(&mu_);
  for (TokenEntry& e : entries) {
    if (e.token != blind::Output{}) InsertLocked(std::move(e));
  }
}

bool TokenIndex::Add(model::IdentifierKind kind, std::string_view canonical) {
  auto token = blind::Evaluate(key_, blind::OprfInput(model::kIdentifierKindNames.Name(kind), canonical));
  if (!token.ok()) return false;
  WriterLock lock(&mu_);
  for (const TokenEntry& e : buckets_[BucketOf(*token)]) {
    if (e.token == *token) return false;
  }
  InsertLocked(TokenEntry{*token, kind, std::string(canonical)});
  return true;
}

std::vector<TokenEntry> TokenIndex::Bucket(uint16_t prefix) const {
  ReaderLock lock(&mu_);
  return buckets_[prefix];
}

size_t TokenIndex::size() const {
  ReaderLock lock(&mu_);
  return size_;
}

int64_t TokenIndex::Bytes() const {
  ReaderLock lock(&mu_);
  return static_cast<int64_t>(size_ * sizeof(TokenEntry) + kBuckets * sizeof(std::vector<TokenEntry>)) + heap_bytes_;
}

}  // namespace zicht::link

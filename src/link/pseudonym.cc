// HMAC-SHA256 (RFC 2104) over OpenSSL's SHA-256, with the two keyed states
// computed once per (thread, key): a pseudonym then costs two SHA-256
// compressions and two struct copies. OpenSSL 3's one-shot HMAC() fetches
// SHA-256, allocates a context and hashes the key on every call, and even a
// kept EVP_MAC context goes through the provider layer on each reset and
// final — about three times the cost. Every check writes a pseudonym to
// the audit log and the first look-up by pseudonym hashes every identifier,
// so this is on hot paths. The low-level SHA256_* functions are deprecated
// in OpenSSL 3 but kept, and they use the CPU's SHA extensions. Tested
// against OpenSSL's own HMAC() and against values computed independently
// (pseudonym_test.cc).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "link/pseudonym.h"

#include <openssl/sha.h>

#include <cstring>

#include "common/encoding.h"

namespace zicht::link {
namespace {

constexpr size_t kBlock = SHA256_CBLOCK;  // 64

// One thread's HMAC states for the key it saw last.
class ThreadHmac {
 public:
  void Compute(std::string_view key, std::string_view a, std::string_view b, std::string_view c, std::string* out) {
    if (!keyed_ || key != key_) SetKey(key);
    SHA256_CTX ctx = inner_;
    SHA256_Update(&ctx, a.data(), a.size());
    SHA256_Update(&ctx, b.data(), b.size());
    SHA256_Update(&ctx, c.data(), c.size());
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256_Final(digest, &ctx);
    ctx = outer_;
    SHA256_Update(&ctx, digest, sizeof digest);
    SHA256_Final(digest, &ctx);
    out->clear();
    AppendHex(digest, out);
  }

 private:
  void SetKey(std::string_view key) {
    unsigned char block[kBlock] = {};
    if (key.size() > kBlock) {
      SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), block);
    } else if (!key.empty()) {
      std::memcpy(block, key.data(), key.size());
    }
    unsigned char pad[kBlock];
    for (size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x36;
    SHA256_Init(&inner_);
    SHA256_Update(&inner_, pad, kBlock);
    for (size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x5c;
    SHA256_Init(&outer_);
    SHA256_Update(&outer_, pad, kBlock);
    key_.assign(key);
    keyed_ = true;
  }

  bool keyed_ = false;
  std::string key_;
  SHA256_CTX inner_{};
  SHA256_CTX outer_{};
};

}  // namespace

void PseudonymizeInto(std::string_view key, model::IdentifierKind kind, std::string_view canonical,
                      std::string* out) {
  thread_local ThreadHmac hmac;
  hmac.Compute(key, model::kIdentifierKindNames.Name(kind), ":", canonical, out);
}

std::string Pseudonymize(std::string_view key, model::IdentifierKind kind, std::string_view canonical) {
  std::string out;
  PseudonymizeInto(key, kind, canonical, &out);
  return out;
}

std::string PartnerPseudonym(std::string_view key, std::string_view partner, std::string_view hub_pseudonym) {
  // Own states: the partner key would otherwise evict the deployment key
  // from the thread's cache on every call.
  thread_local ThreadHmac derive;
  thread_local ThreadHmac partner_hmac;
  std::string partner_key, out;
  derive.Compute(key, "zicht partner pseudonym key:", partner, "", &partner_key);
  partner_hmac.Compute(partner_key, hub_pseudonym, "", "", &out);
  return out;
}

}  // namespace zicht::link

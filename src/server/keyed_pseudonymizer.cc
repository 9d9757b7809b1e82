#include "server/keyed_pseudonymizer.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "link/pseudonym.h"

namespace zicht::server {
namespace {

// One thread's HMAC-SHA256 context and the key it was initialised with.
class ThreadMac {
 public:
  ThreadMac() {
    mac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac_ != nullptr) ctx_ = EVP_MAC_CTX_new(mac_);
  }
  ~ThreadMac() {
    EVP_MAC_CTX_free(ctx_);
    EVP_MAC_free(mac_);
  }
  ThreadMac(const ThreadMac&) = delete;
  ThreadMac& operator=(const ThreadMac&) = delete;

  // Hex HMAC of `a` + `b` + `c` under `key` into *out; false when OpenSSL
  // fails (the caller falls back to the one-shot path).
  bool Compute(std::string_view key, std::string_view a, std::string_view b, std::string_view c,
               std::string* out) {
    if (ctx_ == nullptr) return false;
    if (!keyed_ || key != key_) {
      char digest_name[] = "SHA256";
      OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                             OSSL_PARAM_construct_end()};
      keyed_ = EVP_MAC_init(ctx_, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params) == 1;
      if (!keyed_) return false;
      key_.assign(key);
    } else if (EVP_MAC_init(ctx_, nullptr, 0, nullptr) != 1) {  // same key: just reset the state
      keyed_ = false;
      return false;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t length = 0;
    bool ok = EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(a.data()), a.size()) == 1 &&
              EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(b.data()), b.size()) == 1 &&
              EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(c.data()), c.size()) == 1 &&
              EVP_MAC_final(ctx_, digest, &length, sizeof digest) == 1;
    if (!ok) {
      keyed_ = false;
      return false;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out->resize(length * 2);
    for (size_t i = 0; i < length; ++i) {
      (*out)[2 * i] = kHex[digest[i] >> 4];
      (*out)[2 * i + 1] = kHex[digest[i] & 15];
    }
    return true;
  }

 private:
  EVP_MAC* mac_ = nullptr;
  EVP_MAC_CTX* ctx_ = nullptr;
  bool keyed_ = false;
  std::string key_;
};

}  // namespace

std::string KeyedPseudonym(std::string_view key, model::IdentifierKind kind, std::string_view canonical) {
  // An empty key is legal for HMAC but not for every EVP_MAC_init; leave
  // that rare case to the reference implementation.
  if (!key.empty()) {
    thread_local ThreadMac mac;
    std::string out;
    if (mac.Compute(key, model::kIdentifierKindNames.Name(kind), ":", canonical, &out)) return out;
  }
  return link::Pseudonymize(key, kind, canonical);
}

}  // namespace zicht::server

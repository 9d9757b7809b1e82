#include "link/cluster_id.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "common/encoding.h"

namespace zicht::link {
namespace {

// SHA-256 with the implementation fetched once and one digest context per
// thread. The one-shot SHA256() of OpenSSL 3 fetches the algorithm and
// allocates a context on every call; a check that lands in a cluster pays
// for one id, and that one-shot path was ~4 % of the server's CPU.
class ThreadSha256 {
 public:
  ThreadSha256() : ctx_(EVP_MD_CTX_new()) {}
  ~ThreadSha256() { EVP_MD_CTX_free(ctx_); }
  ThreadSha256(const ThreadSha256&) = delete;
  ThreadSha256& operator=(const ThreadSha256&) = delete;

  // false when OpenSSL fails; the caller then takes the one-shot path.
  bool Digest(std::string_view a, std::string_view b, std::string_view c, unsigned char* out) {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);  // never freed: process lifetime
    unsigned int length = 0;
    return md != nullptr && ctx_ != nullptr && EVP_DigestInit_ex2(ctx_, md, nullptr) == 1 &&
           EVP_DigestUpdate(ctx_, a.data(), a.size()) == 1 && EVP_DigestUpdate(ctx_, b.data(), b.size()) == 1 &&
           EVP_DigestUpdate(ctx_, c.data(), c.size()) == 1 && EVP_DigestFinal_ex(ctx_, out, &length) == 1 &&
           length == SHA256_DIGEST_LENGTH;
  }

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace

std::string ClusterId(std::string_view source, std::string_view id) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  thread_local ThreadSha256 sha;
  if (!sha.Digest(source, "/", id, digest)) {
    std::string key;
    key.reserve(source.size() + 1 + id.size());
    key.append(source).append("/").append(id);
    SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  }
  std::string out = "c-";
  AppendHex({digest, 6}, &out);
  return out;
}

}  // namespace zicht::link

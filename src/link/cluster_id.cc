#include "link/cluster_id.h"

#include <openssl/sha.h>

namespace zicht::link {

std::string ClusterId(std::string_view source, std::string_view id) {
  std::string key;
  key.reserve(source.size() + 1 + id.size());
  key.append(source).append("/").append(id);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "c-";
  for (int i = 0; i < 6; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace zicht::link

#include "link/pseudonym.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace zicht::link {

std::string Pseudonymize(std::string_view key, model::IdentifierKind kind, std::string_view canonical) {
  std::string message(model::kIdentifierKindNames.Name(kind));
  message.push_back(':');
  message.append(canonical);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace zicht::link

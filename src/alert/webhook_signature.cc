#include "alert/webhook_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/encoding.h"

namespace zicht::alert {

std::string SignWebhook(std::string_view secret, UnixSeconds timestamp, std::string_view body) {
  std::string message = std::to_string(timestamp);
  message += '.';
  message.append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_len);
  return "v1=" + HexEncode(std::span<const unsigned char>(mac, mac_len));
}

bool VerifyWebhook(std::string_view secret, UnixSeconds timestamp, std::string_view body,
                   std::string_view signature) {
  std::string expected = SignWebhook(secret, timestamp, body);
  return expected.size() == signature.size() &&
         CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

}  // namespace zicht::alert

#include "blind/verdict_box.h"

#include <sodium.h>

namespace zicht::blind {
namespace {

constexpr char kKdfKey[] = "zicht blind verdict v1";

void BoxKey(const Output& token, unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES]) {
  crypto_generichash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, token.data(), token.size(),
                     reinterpret_cast<const unsigned char*>(kKdfKey), sizeof kKdfKey - 1);
}

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string BucketPrefix(const Output& token) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < kPrefixBytes; ++i) {
    out.push_back(kHex[token[i] >> 4]);
    out.push_back(kHex[token[i] & 0xf]);
  }
  return out;
}

bool IsBucketPrefix(std::string_view prefix) {
  if (prefix.size() != kPrefixHexChars) return false;
  for (char c : prefix) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string BoxContext(std::string_view key_id, std::string_view prefix, std::string_view scope) {
  std::string out(key_id);
  out.append("/").append(prefix).append("/").append(scope);
  return out;
}

std::string SealVerdict(const Output& token, std::string_view context, std::string_view verdict_json) {
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  BoxKey(token, key);
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + verdict_json.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
                                             Bytes(verdict_json), verdict_json.size(), Bytes(context),
                                             context.size(), nullptr, out, key);
  sodium_memzero(key, sizeof key);
  return box;
}

std::optional<std::string> OpenVerdict(const Output& token, std::string_view context, std::string_view box) {
  constexpr size_t kOverhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (box.size() < kOverhead) return std::nullopt;
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  BoxKey(token, key);
  std::string plain(box.size() - kOverhead, '\0');
  unsigned long long written = 0;
  const unsigned char* nonce = Bytes(box);
  const unsigned char* cipher = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr, cipher,
      box.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, Bytes(context), context.size(), nonce, key);
  sodium_memzero(key, sizeof key);
  if (rc != 0) return std::nullopt;
  plain.resize(written);
  return plain;
}

std::string ToBase64Url(std::span<const unsigned char> bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  size_t written = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &written, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(written);
  return out;
}

}  // namespace zicht::blind

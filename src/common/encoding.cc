#include "common/encoding.h"

namespace zicht {

namespace {
constexpr std::string_view kHexDigits = kLowerHexDigits;
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}  // namespace

void AppendHexUint(uint64_t value, int digits, std::string* out) {
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out->push_back(kHexDigits[(value >> shift) & 0xf]);
}

void AppendHex(std::span<const unsigned char> bytes, std::string* out) {
  size_t at = out->size();
  out->resize(at + 2 * bytes.size());
  for (unsigned char b : bytes) {
    (*out)[at++] = kHexDigits[b >> 4];
    (*out)[at++] = kHexDigits[b & 0xf];
  }
}

std::string HexEncode(std::span<const unsigned char> bytes) {
  std::string out;
  AppendHex(bytes, &out);
  return out;
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HexDecode(std::string_view text, std::span<unsigned char> out) {
  if (text.size() % 2 != 0 || out.size() < text.size() / 2) return false;
  for (size_t i = 0; i < text.size() / 2; ++i) {
    int hi = HexDigitValue(text[2 * i]), lo = HexDigitValue(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return true;
}

std::string Base64UrlEncode(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kBase64Url[(acc >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kBase64Url[(acc << (6 - bits)) & 0x3f];
  return out;
}

}  // namespace zicht

#include "blind/oprf.h"

#include <sodium.h>

#include <cstring>

namespace zicht::blind {
namespace {

// contextString = "OPRFV1-" || I2OSP(modeOPRF = 0, 1) || "-" || "ristretto255-SHA512" (RFC 9497 §3.1).
constexpr char kContext[] = "OPRFV1-\0-ristretto255-SHA512";
constexpr size_t kContextBytes = sizeof kContext - 1;

std::string Dst(std::string_view label) { return std::string(label) + std::string(kContext, kContextBytes); }

// expand_message_xmd with SHA-512 (RFC 9380 §5.3.1) for len_in_bytes = 64:
// ell = 1, so uniform_bytes = b_1.
void ExpandMessageXmd64(std::span<const std::string_view> msg_parts, std::string_view dst, unsigned char out[64]) {
  const unsigned char dst_len = static_cast<unsigned char>(dst.size());
  static const unsigned char kZeroPad[128] = {};  // s_in_bytes of SHA-512
  const unsigned char len_and_zero[3] = {0, 64, 0};  // I2OSP(64, 2) || I2OSP(0, 1)
  unsigned char b0[crypto_hash_sha512_BYTES];
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, kZeroPad, sizeof kZeroPad);
  for (std::string_view part : msg_parts) {
    crypto_hash_sha512_update(&st, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  }
  crypto_hash_sha512_update(&st, len_and_zero, sizeof len_and_zero);
  crypto_hash_sha512_update(&st, reinterpret_cast<const unsigned char*>(dst.data()), dst.size());
  crypto_hash_sha512_update(&st, &dst_len, 1);
  crypto_hash_sha512_final(&st, b0);
  const unsigned char one = 1;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, b0, sizeof b0);
  crypto_hash_sha512_update(&st, &one, 1);
  crypto_hash_sha512_update(&st, reinterpret_cast<const unsigned char*>(dst.data()), dst.size());
  crypto_hash_sha512_update(&st, &dst_len, 1);
  crypto_hash_sha512_final(&st, out);
}

const std::string& HashToGroupDst() {
  static const std::string dst = Dst("HashToGroup-");
  return dst;
}

// HashToGroup; false when the result is the identity.
bool HashToGroup(std::string_view input, Element* out) {
  unsigned char uniform[64];
  std::string_view parts[] = {input};
  ExpandMessageXmd64(parts, HashToGroupDst(), uniform);
  crypto_core_ristretto255_from_hash(out->data(), uniform);
  static const Element kIdentity{};
  return sodium_memcmp(out->data(), kIdentity.data(), kElementBytes) != 0;
}

void I2osp2(size_t n, unsigned char out[2]) {
  out[0] = static_cast<unsigned char>(n >> 8);
  out[1] = static_cast<unsigned char>(n & 0xff);
}

// Hash(I2OSP(len(input), 2) || input || I2OSP(Ne, 2) || element || "Finalize").
Output FinalizeHash(std::string_view input, const Element& element) {
  unsigned char len[2];
  Output out;
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  I2osp2(input.size(), len);
  crypto_hash_sha512_update(&st, len, 2);
  crypto_hash_sha512_update(&st, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  I2osp2(kElementBytes, len);
  crypto_hash_sha512_update(&st, len, 2);
  crypto_hash_sha512_update(&st, element.data(), element.size());
  crypto_hash_sha512_update(&st, reinterpret_cast<const unsigned char*>("Finalize"), 8);
  crypto_hash_sha512_final(&st, out.data());
  return out;
}

}  // namespace

Status InitSodium() {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

Result<Element> DeserializeElement(std::span<const unsigned char> bytes) {
  if (bytes.size() != kElementBytes) {
    return Status::InvalidArgument("an element is " + std::to_string(kElementBytes) + " bytes, not " +
                                   std::to_string(bytes.size()));
  }
  Element e;
  std::memcpy(e.data(), bytes.data(), kElementBytes);
  // The identity's only canonical encoding is 32 zero bytes.
  if (sodium_is_zero(e.data(), kElementBytes)) return Status::InvalidArgument("the identity element is not allowed");
  if (crypto_core_ristretto255_is_valid_point(e.data()) != 1) {
    return Status::InvalidArgument("not a valid ristretto255 encoding");
  }
  return e;
}

Scalar RandomScalar() {
  Scalar s;
  do {
    crypto_core_ristretto255_scalar_random(s.data());
  } while (sodium_is_zero(s.data(), s.size()));
  return s;
}

Result<Scalar> DeriveKey(std::span<const unsigned char> seed, std::string_view info) {
  if (seed.size() != kScalarBytes) return Status::InvalidArgument("an OPRF seed is 32 bytes");
  unsigned char info_len[2];
  I2osp2(info.size(), info_len);
  const std::string dst = Dst("DeriveKeyPair");
  for (unsigned counter = 0; counter <= 255; ++counter) {
    const unsigned char c = static_cast<unsigned char>(counter);
    std::string_view parts[] = {
        std::string_view(reinterpret_cast<const char*>(seed.data()), seed.size()),
        std::string_view(reinterpret_cast<const char*>(info_len), 2), info,
        std::string_view(reinterpret_cast<const char*>(&c), 1)};
    unsigned char uniform[64];
    ExpandMessageXmd64(parts, dst, uniform);
    Scalar sk;
    crypto_core_ristretto255_scalar_reduce(sk.data(), uniform);
    if (!sodium_is_zero(sk.data(), sk.size())) return sk;
  }
  return Status::Internal("DeriveKeyPair: no non-zero key in 256 tries");
}

Element PublicKey(const Scalar& key) {
  Element pk;
  crypto_scalarmult_ristretto255_base(pk.data(), key.data());
  return pk;
}

Result<Element> Blind(std::string_view input, const Scalar& blind) {
  Element h;
  if (!HashToGroup(input, &h)) return Status::InvalidArgument("the input hashes to the identity element");
  Element out;
  if (crypto_scalarmult_ristretto255(out.data(), blind.data(), h.data()) != 0) {
    return Status::InvalidArgument("blinding gave the identity element");
  }
  return out;
}

Element BlindEvaluate(const Scalar& key, const Element& blinded) {
  Element out;
  // Cannot fail for a non-zero key and a non-identity element of prime order.
  [[maybe_unused]] int rc = crypto_scalarmult_ristretto255(out.data(), key.data(), blinded.data());
  return out;
}

Result<Output> Finalize(std::string_view input, const Scalar& blind, const Element& evaluated) {
  ZICHT_ASSIGN_OR_RETURN(Element z, DeserializeElement(evaluated));
  Scalar inverse;
  if (crypto_core_ristretto255_scalar_invert(inverse.data(), blind.data()) != 0) {
    return Status::InvalidArgument("the blind is zero");
  }
  Element n;
  if (crypto_scalarmult_ristretto255(n.data(), inverse.data(), z.data()) != 0) {
    return Status::InvalidArgument("unblinding gave the identity element");
  }
  return FinalizeHash(input, n);
}

Result<Output> Evaluate(const Scalar& key, std::string_view input) {
  Element h;
  if (!HashToGroup(input, &h)) return Status::InvalidArgument("the input hashes to the identity element");
  Element issued = BlindEvaluate(key, h);
  return FinalizeHash(input, issued);
}

std::string OprfInput(std::string_view kind, std::string_view canonical) {
  std::string out;
  out.reserve(kind.size() + 1 + canonical.size());
  out.append(kind).push_back(':');
  out.append(canonical);
  return out;
}

}  // namespace zicht::blind

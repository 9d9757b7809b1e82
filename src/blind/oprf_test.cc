// RFC 9497 test vectors for OPRF(ristretto255, SHA-512), OPRF mode.
// Source: RFC 9497 Appendix A.1.1 ("ristretto255-SHA512", "OPRF Mode"),
// the same values as the CFRG draft repository
// (github.com/cfrg/draft-irtf-cfrg-voprf, draft-irtf-cfrg-voprf.md at
// commit 43da59f, section "ristretto255-SHA512" / "OPRF Mode").
#include "blind/oprf.h"

#include <gtest/gtest.h>

#include "blind/verdict_box.h"
#include "common/encoding.h"

namespace zicht::blind {
namespace {

template <size_t N>
std::array<unsigned char, N> FromHex(std::string_view hex) {
  std::array<unsigned char, N> out{};
  EXPECT_EQ(hex.size(), 2 * N);
  EXPECT_TRUE(HexDecode(hex, out));
  return out;
}

std::string Hex(std::span<const unsigned char> b) { return HexEncode(b); }

std::string Bytes(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  EXPECT_TRUE(HexDecode(hex, std::span<unsigned char>(reinterpret_cast<unsigned char*>(out.data()), out.size())));
  return out;
}

constexpr std::string_view kSeed = "a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3";
constexpr std::string_view kKeyInfo = "74657374206b6579";  // "test key"
constexpr std::string_view kSkSm = "5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e";
constexpr std::string_view kBlind = "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706";

struct Vector {
  std::string_view input, blinded, evaluated, output;
};
constexpr Vector kVectors[] = {
    {"00", "609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c",
     "7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e",
     "527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3ab9135e3bd69955851de4b1f9fe8a0973396719b7912ba9"
     "ee8aa7d0b5e24bcf6"},
    {"5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418",
     "b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25",
     "f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4f2a6413a6bf6fa5e19ba6348eb673934a722a7ede2e7621"
     "306d18951e7cf2c73"},
};

class OprfTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitSodium().ok()); }
};

TEST_F(OprfTest, DeriveKeyPairMatchesRfc9497) {
  auto seed = FromHex<32>(kSeed);
  auto key = DeriveKey(seed, Bytes(kKeyInfo));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(Hex(*key), kSkSm);
}

TEST_F(OprfTest, BlindEvaluateFinalizeMatchRfc9497) {
  const Scalar key = FromHex<32>(kSkSm);
  const Scalar blind = FromHex<32>(kBlind);
  for (const Vector& v : kVectors) {
    SCOPED_TRACE(v.input);
    std::string input = Bytes(v.input);
    auto blinded = Blind(input, blind);
    ASSERT_TRUE(blinded.ok());
    EXPECT_EQ(Hex(*blinded), v.blinded);
    auto checked = DeserializeElement(*blinded);
    ASSERT_TRUE(checked.ok());
    Element evaluated = BlindEvaluate(key, *checked);
    EXPECT_EQ(Hex(evaluated), v.evaluated);
    auto output = Finalize(input, blind, evaluated);
    ASSERT_TRUE(output.ok());
    EXPECT_EQ(Hex(*output), v.output);
    // The hub's own evaluation gives the client's token.
    auto direct = Evaluate(key, input);
    ASSERT_TRUE(direct.ok());
    EXPECT_EQ(Hex(*direct), v.output);
  }
}

TEST_F(OprfTest, DeserializeElementRefusesBadEncodings) {
  unsigned char zeros[32] = {};
  auto identity = DeserializeElement(zeros);
  ASSERT_FALSE(identity.ok());
  EXPECT_NE(identity.status().message().find("identity"), std::string::npos);
  unsigned char ones[32];
  std::fill(std::begin(ones), std::end(ones), 0xff);
  auto invalid = DeserializeElement(ones);
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("ristretto255"), std::string::npos);
  unsigned char short_bytes[31] = {1};
  auto wrong_length = DeserializeElement(short_bytes);
  ASSERT_FALSE(wrong_length.ok());
  EXPECT_NE(wrong_length.status().message().find("32 bytes"), std::string::npos);
  EXPECT_FALSE(Finalize("x", FromHex<32>(kBlind), Element{}).ok());
}

TEST_F(OprfTest, RandomBlindsGiveTheSameToken) {
  const Scalar key = RandomScalar();
  const std::string input = OprfInput("iban", "NL91ABNA0417164300");
  EXPECT_EQ(input, "iban:NL91ABNA0417164300");
  auto want = Evaluate(key, input);
  ASSERT_TRUE(want.ok());
  for (int i = 0; i < 3; ++i) {
    Scalar r = RandomScalar();
    auto b = Blind(input, r);
    ASSERT_TRUE(b.ok());
    auto out = Finalize(input, r, BlindEvaluate(key, *b));
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, *want);
  }
  EXPECT_NE(*Evaluate(RandomScalar(), input), *want);
}

TEST_F(OprfTest, VerdictBoxOpensOnlyWithItsTokenAndContext) {
  const Scalar key = RandomScalar();
  Output mine = *Evaluate(key, "iban:A");
  Output other = *Evaluate(key, "iban:B");
  std::string ctx = BoxContext("k1", BucketPrefix(mine), "hit");
  std::string box = SealVerdict(mine, ctx, R"({"known":true})");
  EXPECT_EQ(OpenVerdict(mine, ctx, box).value_or("-"), R"({"known":true})");
  EXPECT_FALSE(OpenVerdict(other, ctx, box).has_value());
  EXPECT_FALSE(OpenVerdict(mine, BoxContext("k1", BucketPrefix(mine), "detail"), box).has_value());
  std::string flipped = box;
  flipped.back() ^= 1;
  EXPECT_FALSE(OpenVerdict(mine, ctx, flipped).has_value());
  EXPECT_NE(SealVerdict(mine, ctx, "x"), SealVerdict(mine, ctx, "x"));  // fresh nonce
  EXPECT_TRUE(IsBucketPrefix(BucketPrefix(mine)));
  EXPECT_FALSE(IsBucketPrefix("ABCD"));
  EXPECT_FALSE(IsBucketPrefix("abc"));
}

TEST_F(OprfTest, Base64UrlRoundTrips) {
  std::string raw = "\xff\xfe\x00\x01z";
  raw.resize(5);
  std::string text = ToBase64Url(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(raw.data()), 5));
  EXPECT_EQ(text.find('='), std::string::npos);
  EXPECT_EQ(FromBase64Url(text).value_or(""), raw);
  EXPECT_FALSE(FromBase64Url("ab+c").has_value());
  EXPECT_FALSE(FromBase64Url("a b").has_value());
}

}  // namespace
}  // namespace zicht::blind

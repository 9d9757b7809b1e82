#include "common/encoding.h"

#include <gtest/gtest.h>

#include <array>

namespace zicht {
namespace {

std::span<const unsigned char> Bytes(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

TEST(Encoding, HexIsLowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(HexEncode(std::string_view("")), "");
  EXPECT_EQ(HexEncode(std::string_view("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  std::string out = "id:";
  AppendHex(Bytes("AB"), &out);
  EXPECT_EQ(out, "id:4142");
}

TEST(Encoding, HexUintKeepsLeadingZeros) {
  std::string out = "fp:";
  AppendHexUint(0xbeef, 8, &out);
  EXPECT_EQ(out, "fp:0000beef");
  out.clear();
  AppendHexUint(0xfedcba9876543210ULL, 16, &out);
  EXPECT_EQ(out, "fedcba9876543210");
  out.clear();
  AppendHexUint(0x123, 2, &out);  // only the lowest digits
  EXPECT_EQ(out, "23");
}

TEST(Encoding, HexDecodeAcceptsEitherCaseAndRejectsTheRest) {
  std::array<unsigned char, 3> raw{};
  ASSERT_TRUE(HexDecode("00Fa7f", raw));
  EXPECT_EQ(raw, (std::array<unsigned char, 3>{0x00, 0xfa, 0x7f}));
  EXPECT_FALSE(HexDecode("0", raw));       // odd length
  EXPECT_FALSE(HexDecode("0g", raw));      // not a digit
  EXPECT_FALSE(HexDecode("00112233", raw));  // longer than the output
  EXPECT_EQ(HexDigitValue('x'), -1);
}

TEST(Encoding, Base64UrlMatchesRfc4648VectorsWithoutPadding) {
  // RFC 4648 §10 test vectors, '=' padding dropped.
  EXPECT_EQ(Base64UrlEncode(Bytes("")), "");
  EXPECT_EQ(Base64UrlEncode(Bytes("f")), "Zg");
  EXPECT_EQ(Base64UrlEncode(Bytes("fo")), "Zm8");
  EXPECT_EQ(Base64UrlEncode(Bytes("foo")), "Zm9v");
  EXPECT_EQ(Base64UrlEncode(Bytes("foob")), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode(Bytes("fooba")), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode(Bytes("foobar")), "Zm9vYmFy");
  // The two characters that differ from standard base64 ('+' '/').
  EXPECT_EQ(Base64UrlEncode(Bytes("\xfb\xff")), "-_8");
}

}  // namespace
}  // namespace zicht

#include "normalize/simple_kinds.h"

#include <gtest/gtest.h>

#include <string>

namespace zicht::normalize {
namespace {

TEST(SimpleKindsTest, DeviceAndHandleTrimmedAndLowerCase) {
  EXPECT_EQ(*NormalizeDevice("  FP:9F2C-AB  "), "fp:9f2c-ab");
  EXPECT_EQ(*NormalizeHandle("\t@Crypto_Koning\n"), "@crypto_koning");
  EXPECT_EQ(*NormalizeHandle("Anna Jansen"), "anna jansen");
}

TEST(SimpleKindsTest, CryptoKeepsCase) {
  EXPECT_EQ(*NormalizeCrypto(" 1BoatSLRHtKNngkdXEeobR76b53LETtpyT "), "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
  EXPECT_EQ(*NormalizeCrypto("0x52908400098527886E0F7030069857D2E4169EE7"),
            "0x52908400098527886E0F7030069857D2E4169EE7");
}

TEST(SimpleKindsTest, EmptyTooLongAndControlCharactersAreInvalid) {
  EXPECT_EQ(NormalizeDevice("").status().message(), "device is empty");
  EXPECT_EQ(NormalizeHandle("   ").status().message(), "handle is empty");
  EXPECT_EQ(NormalizeCrypto("\t").status().message(), "crypto address is empty");
  EXPECT_EQ(NormalizeDevice(std::string(513, 'a')).status().message(), "device is too long (at most 512 characters)");
  EXPECT_TRUE(NormalizeDevice(std::string(512, 'a')).ok());
  EXPECT_EQ(NormalizeHandle(std::string("ab\0cd", 5)).status().message(), "handle contains a control character");
}

}  // namespace
}  // namespace zicht::normalize

#include "normalize/host.h"

#include <gtest/gtest.h>

#include <string>

namespace zicht::normalize {
namespace {

std::string Ascii(std::string_view host) {
  Result<std::string> result = DomainToAscii(host, "host");
  return result.ok() ? *result : "ERROR: " + result.status().message();
}

TEST(HostTest, DomainToAsciiGivesLowerCaseALabels) {
  EXPECT_EQ(Ascii("Example.NL"), "example.nl");
  EXPECT_EQ(Ascii("MÜNCHEN.DE"), "xn--mnchen-3ya.de");
  EXPECT_EQ(Ascii("xn--MNCHEN-3ya.de"), "xn--mnchen-3ya.de");
  EXPECT_EQ(Ascii("faß.de"), "xn--fa-hia.de");  // nontransitional, as browsers
  EXPECT_EQ(Ascii("a--b.example"), "a--b.example");
  EXPECT_EQ(Ascii("ü.a--b-.example"), "xn--tda.a--b-.example");  // hyphens not judged
  EXPECT_EQ(Ascii("xn--zz-ww.de"), "ERROR: host is not a valid internationalised domain name");
}

TEST(HostTest, EndsInNumber) {
  EXPECT_TRUE(EndsInNumber("127.0.0.1"));
  EXPECT_TRUE(EndsInNumber("2130706433"));
  EXPECT_TRUE(EndsInNumber("example.0x1F"));
  EXPECT_TRUE(EndsInNumber("a.1."));
  EXPECT_FALSE(EndsInNumber("example.nl"));
  EXPECT_FALSE(EndsInNumber("1.2.3.4a"));
  EXPECT_FALSE(EndsInNumber("0x1g"));
}

TEST(HostTest, Ipv4AsTheWhatwgUrlParser) {
  EXPECT_EQ(ParseIpv4Host("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(ParseIpv4Host("0x7f.0.0.1"), "127.0.0.1");
  EXPECT_EQ(ParseIpv4Host("0177.0.0.01"), "127.0.0.1");
  EXPECT_EQ(ParseIpv4Host("2130706433"), "127.0.0.1");
  EXPECT_EQ(ParseIpv4Host("127.1"), "127.0.0.1");
  EXPECT_EQ(ParseIpv4Host("10.0x10203"), "10.1.2.3");
  EXPECT_EQ(ParseIpv4Host("0x"), "0.0.0.0");
  EXPECT_EQ(ParseIpv4Host("255.255.255.255"), "255.255.255.255");
  EXPECT_EQ(ParseIpv4Host("4294967295"), "255.255.255.255");
  EXPECT_EQ(ParseIpv4Host("4294967296"), std::nullopt);
  EXPECT_EQ(ParseIpv4Host("1.2.3.256"), std::nullopt);
  EXPECT_EQ(ParseIpv4Host("1.2.65536"), std::nullopt);
  EXPECT_EQ(ParseIpv4Host("1.2.3.4.5"), std::nullopt);
  EXPECT_EQ(ParseIpv4Host("1..2"), std::nullopt);
  EXPECT_EQ(ParseIpv4Host("08"), std::nullopt);
  EXPECT_EQ(ParseIpv4Host("99999999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace zicht::normalize

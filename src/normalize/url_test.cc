#include "normalize/url.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "normalize/registrable_domain.h"
#include "normalize/threads_test_util.h"

namespace zicht::normalize {
namespace {

// "canonical | domain", or "ERROR: message".
std::string Norm(const std::string& raw) {
  Result<Normalized> result = NormalizeUrl(raw);
  if (!result.ok()) return "ERROR: " + result.status().message();
  return result->canonical + " | " + result->domain;
}

TEST(UrlTest, SchemeAndHostLowerCaseDefaultPortAndFragmentDropped) {
  EXPECT_EQ(Norm("HTTPS://Login.Betaal-Nu.example:443/Pay?ID=7#top"),
            "https://login.betaal-nu.example/Pay?ID=7 | betaal-nu.example");
  EXPECT_EQ(Norm("http://Example.NL:80/"), "http://example.nl/ | example.nl");
  EXPECT_EQ(Norm("http://example.nl:443/"), "http://example.nl:443/ | example.nl");
  EXPECT_EQ(Norm("https://example.nl:8443/a"), "https://example.nl:8443/a | example.nl");
  EXPECT_EQ(Norm("https://example.nl:/a"), "https://example.nl/a | example.nl");
  EXPECT_EQ(Norm("https://example.nl#frag"), "https://example.nl/ | example.nl");
  EXPECT_EQ(Norm("https://example.nl?q=1#x"), "https://example.nl/?q=1 | example.nl");
  EXPECT_EQ(Norm("https://example.nl/a/b/?x=Y&z=%20#f"), "https://example.nl/a/b/?x=Y&z=%20 | example.nl");
  EXPECT_EQ(Norm("  https://www.example.nl./  "), "https://www.example.nl/ | example.nl");
}

TEST(UrlTest, NoSchemeMeansHttps) {
  EXPECT_EQ(Norm("betaal-nu.example"), "https://betaal-nu.example/ | betaal-nu.example");
  EXPECT_EQ(Norm("Betaal-Nu.example/iDEAL?x=1"), "https://betaal-nu.example/iDEAL?x=1 | betaal-nu.example");
  EXPECT_EQ(Norm("www.marktplaats-betalen.nl:8080"), "https://www.marktplaats-betalen.nl:8080/ | marktplaats-betalen.nl");
  EXPECT_EQ(Norm("//cdn.example.com/x"), "https://cdn.example.com/x | example.com");
}

TEST(UrlTest, RegistrableDomainFollowsPublicSuffixList) {
  EXPECT_EQ(Norm("https://a.b.bank.co.uk/x"), "https://a.b.bank.co.uk/x | bank.co.uk");
  EXPECT_EQ(Norm("https://secure.ing-verify.com.au/"), "https://secure.ing-verify.com.au/ | ing-verify.com.au");
  EXPECT_EQ(Norm("https://phish.github.io/"), "https://phish.github.io/ | phish.github.io");
  EXPECT_EQ(Norm("https://login.example.nl/"), "https://login.example.nl/ | example.nl");
  EXPECT_EQ(RegistrableDomain("github.io"), "github.io");  // a public suffix itself
  EXPECT_EQ(RegistrableDomain("deep.sub.example.nl"), "example.nl");
}

TEST(UrlTest, IpAddressHosts) {
  EXPECT_EQ(Norm("http://192.168.10.5:8080/login"), "http://192.168.10.5:8080/login | 192.168.10.5");
  EXPECT_EQ(Norm("http://[2001:DB8::1]:80/x"), "http://[2001:db8::1]/x | [2001:db8::1]");
  EXPECT_EQ(Norm("https://[::1]:8443"), "https://[::1]:8443/ | [::1]");
}

TEST(UrlTest, UserInfoKeptAndHostIsAfterTheAt) {
  EXPECT_EQ(Norm("https://www.ing.nl@evil.example/login"), "https://www.ing.nl@evil.example/login | evil.example");
}

TEST(UrlTest, DefangedLinks) {
  EXPECT_EQ(Norm("hxxps://evil[.]example/pay"), "https://evil.example/pay | evil.example");
  EXPECT_EQ(Norm("hxxp://evil(.)co[.]uk"), "http://evil.co.uk/ | evil.co.uk");
  EXPECT_EQ(Norm("HXXPS://evil[dot]example"), "https://evil.example/ | evil.example");
  EXPECT_EQ(Norm("hxxpevil.example"), "https://hxxpevil.example/ | hxxpevil.example");
  EXPECT_EQ(Norm("evil[[.]]example"), "https://evil.example/ | evil.example");  // to a fixed point
  EXPECT_EQ(Norm("https://evil.example/wiki/A_(.)"), "https://evil.example/wiki/A_(.) | evil.example");
}

TEST(UrlTest, OtherSchemesKept) {
  EXPECT_EQ(Norm("FTP://Files.Example.com:21/a"), "ftp://files.example.com:21/a | example.com");
}

// Issue 16: every spelling of one internationalised host is one host, in
// its A-label (punycode) form.
TEST(UrlTest, InternationalisedHostsBecomeALabels) {
  const std::string want = "https://xn--mnchen-3ya.de/x | xn--mnchen-3ya.de";
  EXPECT_EQ(Norm("https://MÜNCHEN.DE/x"), want);
  EXPECT_EQ(Norm("https://münchen.de/x"), want);
  EXPECT_EQ(Norm("https://xn--mnchen-3ya.de/x"), want);
  EXPECT_EQ(Norm("https://XN--MNCHEN-3YA.DE/x"), want);
  EXPECT_EQ(Norm("münchen。de/x"), want);  // ideographic full stop, no scheme
  // A look-alike stays apart from the real host: Cyrillic "а" in "аpple".
  EXPECT_EQ(Norm("https://\xD0\xB0pple.com/"), "https://xn--pple-43d.com/ | xn--pple-43d.com");
  // The registrable domain of an A-label host under an IDN suffix.
  EXPECT_EQ(Norm("https://shop.bücher.example/"),
            "https://shop.xn--bcher-kva.example/ | xn--bcher-kva.example");
  EXPECT_EQ(Norm("https://xn--zz-ww.de/"), "ERROR: URL host is not a valid internationalised domain name");
}

// Issue 16: a host whose last label is a number is an IPv4 address in one
// of the notations browsers accept, or invalid; never a domain name.
TEST(UrlTest, Ipv4InBrowserNotations) {
  const std::string want = "http://127.0.0.1/ | 127.0.0.1";
  EXPECT_EQ(Norm("http://0x7f.0.0.1/"), want);
  EXPECT_EQ(Norm("http://2130706433/"), want);
  EXPECT_EQ(Norm("http://0177.0.0.1/"), want);
  EXPECT_EQ(Norm("http://127.1/"), want);
  EXPECT_EQ(Norm("http://0x7F000001/"), want);
  EXPECT_EQ(Norm("http://127.0.0.1./"), want);
  EXPECT_EQ(Norm("http://192.168.0x1.010:8080/a"), "http://192.168.1.8:8080/a | 192.168.1.8");
  EXPECT_EQ(Norm("http://1.2.3.256/"), "ERROR: URL host is not a valid IPv4 address");
  EXPECT_EQ(Norm("http://example.123/"), "ERROR: URL host is not a valid IPv4 address");
  EXPECT_EQ(Norm("http://4294967296/"), "ERROR: URL host is not a valid IPv4 address");
  EXPECT_EQ(Norm("http://1.2.3.4.5/"), "ERROR: URL host is not a valid IPv4 address");
  EXPECT_EQ(Norm("http://09.1.1.1/"), "ERROR: URL host is not a valid IPv4 address");
  EXPECT_EQ(Norm("http://0x7g.example/"), "http://0x7g.example/ | 0x7g.example");
}

// Issue 16: in http(s) URLs a browser reads '\' as '/', so the host ends
// at the first backslash.
TEST(UrlTest, BackslashReadAsBrowsersDo) {
  EXPECT_EQ(Norm("https://evil.example\\@www.ing.nl/login"), "https://evil.example/@www.ing.nl/login | evil.example");
  EXPECT_EQ(Norm("https:\\\\evil.example\\pay\\now"), "https://evil.example/pay/now | evil.example");
  EXPECT_EQ(Norm("https:/evil.example/x"), "https://evil.example/x | evil.example");
  EXPECT_EQ(Norm("HTTP:\\/evil.example"), "http://evil.example/ | evil.example");
  EXPECT_EQ(Norm("\\\\evil.example\\x"), "https://evil.example/x | evil.example");
  EXPECT_EQ(Norm("evil.example\\x?q=a\\b"), "https://evil.example/x?q=a\\b | evil.example");  // query kept
  EXPECT_EQ(Norm("hxxps:\\\\evil[.]example\\x"), "https://evil.example/x | evil.example");
}

TEST(UrlTest, InvalidUrls) {
  EXPECT_EQ(Norm(""), "ERROR: URL is empty");
  EXPECT_EQ(Norm("https://"), "ERROR: URL has no host");
  EXPECT_EQ(Norm("https:///"), "ERROR: URL has no host");
  EXPECT_EQ(Norm("localhost"), "ERROR: URL host must be a domain name with a dot, or an IP address");
  EXPECT_EQ(Norm("https://exa mple.nl/"), "ERROR: URL contains white space or a control character");
  EXPECT_EQ(Norm("https://exa%6dple.nl/"), "ERROR: URL host contains a character not allowed in a host name");
  EXPECT_EQ(Norm("https://example..nl/"), "ERROR: URL host has an empty label");
  EXPECT_EQ(Norm("https://.example.nl/"), "ERROR: URL host has an empty label");
  EXPECT_EQ(Norm("https://example.nl../"), "ERROR: URL host has an empty label");
  EXPECT_EQ(Norm("https://example.nl:99999/"), "ERROR: URL port is not a number between 1 and 65535");
  EXPECT_EQ(Norm("https://example.nl:0/"), "ERROR: URL port is not a number between 1 and 65535");
  EXPECT_EQ(Norm("https://example.nl:http/"), "ERROR: URL port is not a number between 1 and 65535");
  EXPECT_EQ(Norm("https://[::1/"), "ERROR: URL host has an unclosed '['");
  EXPECT_EQ(Norm("https://[::1]x/"), "ERROR: URL has text after the IPv6 address");
  EXPECT_EQ(Norm("https://[zz::1]/"), "ERROR: URL host is not a valid IPv6 address");
  EXPECT_EQ(Norm("[(.)]"), "ERROR: URL has no host");  // refanged to "."
  EXPECT_EQ(Norm("https://[1.2]/"), "ERROR: URL host is not a valid IPv6 address");
  EXPECT_EQ(Norm("https://example.nl/" + std::string(9000, 'a')), "ERROR: URL is too long");
}

TEST(UrlTest, ThreadSafeWithSharedDomainMemo) {
  std::vector<std::string> inputs;
  std::vector<std::string> expected;
  for (int i = 0; i < 300; ++i) {
    inputs.push_back("https://www.shop-" + std::to_string(i % 50) + ".co.uk/p/" + std::to_string(i));
    expected.push_back("https://www.shop-" + std::to_string(i % 50) + ".co.uk/p/" + std::to_string(i) +
                       " | shop-" + std::to_string(i % 50) + ".co.uk");
  }
  for (int m : MismatchesFromThreadsForTest(inputs, expected, Norm)) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace zicht::normalize

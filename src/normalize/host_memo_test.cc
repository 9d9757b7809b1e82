// DomainToAscii keeps a memo of UTS #46 answers per thread (host.cc): these
// tests check that it is observable only as speed: the same answers from
// several threads at once, after the memo is cleared, and for the callers'
// own error texts. Labelled `concurrency` (make test-tsan).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/email.h"
#include "normalize/host.h"
#include "normalize/threads_test_util.h"
#include "normalize/url.h"

namespace zicht::normalize {
namespace {

std::string Ascii(const std::string& host) {
  Result<std::string> result = DomainToAscii(host, "host");
  return result.ok() ? *result : "ERROR: " + result.status().message();
}

TEST(HostMemoTest, SameAnswersFromFourThreadsAtOnce) {
  std::vector<std::string> inputs;
  for (int i = 0; i < 200; ++i) inputs.push_back("Bücher-" + std::to_string(i % 40) + ".MÜNCHEN.de");
  inputs.push_back("xn--zz-ww.de");
  inputs.push_back("ÄPPLE.example");
  // Answers computed once on this thread; the other threads start with an
  // empty memo of their own and must agree.
  std::vector<std::string> expected;
  for (const std::string& host : inputs) expected.push_back(Ascii(host));
  EXPECT_EQ(expected[0], "xn--bcher-0-n2a.xn--mnchen-3ya.de");
  EXPECT_EQ(expected[200], "ERROR: host is not a valid internationalised domain name");
  EXPECT_EQ(expected[201], "xn--pple-koa.example");
  for (int m : MismatchesFromThreadsForTest(inputs, expected, Ascii)) EXPECT_EQ(m, 0);
}

TEST(HostMemoTest, SameAnswersAfterTheMemoIsCleared) {
  // More distinct hosts than the memo keeps, so it is cleared on the way.
  for (int i = 0; i < 20000; ++i) ASSERT_EQ(Ascii("ü" + std::to_string(i) + ".de").substr(0, 4), "xn--");
  EXPECT_EQ(Ascii("MÜNCHEN.DE"), "xn--mnchen-3ya.de");
  EXPECT_EQ(Ascii("münchen.de"), "xn--mnchen-3ya.de");
  EXPECT_EQ(Ascii("xn--zz-ww.de"), "ERROR: host is not a valid internationalised domain name");
}

TEST(HostMemoTest, AnInvalidHostKeepsEachCallersErrorText) {
  // One memo entry, two callers: each names its own field.
  Result<Normalized> url = NormalizeUrl("https://xn--zz-ww.de/");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().message(), "URL host is not a valid internationalised domain name");
  Result<std::string> email = NormalizeEmail("jan@xn--zz-ww.de");
  ASSERT_FALSE(email.ok());
  EXPECT_EQ(email.status().message(), "e-mail domain is not a valid internationalised domain name");
}

}  // namespace
}  // namespace zicht::normalize

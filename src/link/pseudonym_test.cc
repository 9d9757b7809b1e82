// Pseudonymize is HMAC-SHA256(key, kind ":" canonical) in lower-case hex,
// computed from keyed SHA-256 states kept per thread (pseudonym.cc). It
// must equal OpenSSL's own HMAC() for every key length (shorter than,
// exactly and longer than the 64-byte block), every message length, one
// thread switching keys, and other threads; and values computed outside
// OpenSSL altogether (Python's hmac module).
#include "link/pseudonym.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <thread>

namespace zicht::link {
namespace {

using model::IdentifierKind;

std::string OpenSslHmacHex(std::string_view key, IdentifierKind kind, std::string_view canonical) {
  std::string message = std::string(model::kIdentifierKindNames.Name(kind)) + ":" + std::string(canonical);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  static const char kNoKey = 0;
  HMAC(EVP_sha256(), key.empty() ? &kNoKey : key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

TEST(PseudonymTest, EqualsOpenSslHmacAcrossKeysAndMessages) {
  const std::string keys[] = {std::string(32, '\x01'), "another key of other length", std::string(64, 'k'),
                              std::string(100, '\xfe'), std::string(1, '\0'), ""};
  const std::pair<IdentifierKind, std::string> inputs[] = {
      {IdentifierKind::kIban, "NL91ABNA0417164300"}, {IdentifierKind::kPhone, "+31612345678"},
      {IdentifierKind::kIban, ""}, {IdentifierKind::kEmail, std::string(300, 'x') + "@example.nl"},
      {IdentifierKind::kPhone, std::string(55, '7')}};  // "phone:" + 55 bytes = 61; +padding crosses a block
  for (int round = 0; round < 2; ++round) {  // the second round reuses each thread's keyed states
    for (const std::string& key : keys) {
      for (const auto& [kind, value] : inputs) {
        std::string got = Pseudonymize(key, kind, value);
        EXPECT_EQ(got, OpenSslHmacHex(key, kind, value)) << "key size " << key.size();
        EXPECT_EQ(got.size(), 64u);
      }
    }
  }
}

// Computed with Python: hmac.new(key, message, hashlib.sha256).hexdigest().
// "Jefe" is RFC 4231's key of test case 2; a 100-byte key takes the
// hash-the-key-first path.
TEST(PseudonymTest, MatchesAnIndependentHmac) {
  std::string out;
  PseudonymizeInto("Jefe", IdentifierKind::kUrl, "//what do ya want for nothing?", &out);
  EXPECT_EQ(out, "c962b60b8526ea26eb046ec34857532b3a8bbabcd6c5aabe21fd10b7b879f690");
  PseudonymizeInto(std::string(100, '\xfe'), IdentifierKind::kIban, "NL91ABNA0417164300", &out);
  EXPECT_EQ(out, "0295b8bfef7de77eae610ee400e7f2a583db185ed6200c3801309330a17c2ca6");
}

TEST(PseudonymTest, SameOnOtherThreads) {
  const std::string key(32, '\x7f');
  std::string a, b;
  std::thread t1([&] { a = Pseudonymize(key, IdentifierKind::kIban, "NL91ABNA0417164300"); });
  std::thread t2([&] { b = Pseudonymize(key, IdentifierKind::kIban, "NL91ABNA0417164300"); });
  t1.join();
  t2.join();
  EXPECT_EQ(a, OpenSslHmacHex(key, IdentifierKind::kIban, "NL91ABNA0417164300"));
  EXPECT_EQ(a, b);
}

// Computed with Python's hmac module: pk = HMAC(key, "zicht partner
// pseudonym key:rabobank").hexdigest(); HMAC(pk, hub).hexdigest().
TEST(PseudonymTest, PartnerPseudonymsDifferPerPartnerAndMatchPython) {
  const std::string key(32, '\x01');
  const std::string hub(32 * 2, 'a');
  std::string hub_ab;
  for (int i = 0; i < 32; ++i) hub_ab += "ab";
  EXPECT_EQ(PartnerPseudonym(key, "rabobank", hub_ab),
            "cf8ec3662948722a62d73bac4d9ddbf4a24ad05da68c1ff4bbfb60c777245b66");
  const std::string a = PartnerPseudonym(key, "rabobank", hub);
  const std::string b = PartnerPseudonym(key, "ing", hub);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_NE(a, hub);
  // Stable, and the deployment key's own cache is not disturbed.
  EXPECT_EQ(PartnerPseudonym(key, "rabobank", hub), a);
  EXPECT_EQ(Pseudonymize(key, IdentifierKind::kIban, "NL91ABNA0417164300"),
            OpenSslHmacHex(key, IdentifierKind::kIban, "NL91ABNA0417164300"));
}

}  // namespace
}  // namespace zicht::link

// KeyedPseudonym must equal link::Pseudonymize for every key and input,
// also when one thread switches between keys and across threads.
#include "server/keyed_pseudonymizer.h"

#include <gtest/gtest.h>

#include <thread>

#include "link/pseudonym.h"

namespace zicht::server {
namespace {

using model::IdentifierKind;

TEST(KeyedPseudonymTest, EqualsReferenceAcrossKeysAndCalls) {
  // Shorter than, exactly and longer than SHA-256's 64-byte block (a longer
  // key is hashed first), a NUL byte, and empty.
  const std::string keys[] = {std::string(32, '\x01'), "another key of other length", std::string(64, 'k'),
                              std::string(100, '\xfe'), std::string(1, '\0'), ""};
  const std::pair<IdentifierKind, std::string> inputs[] = {
      {IdentifierKind::kIban, "NL91ABNA0417164300"}, {IdentifierKind::kPhone, "+31612345678"},
      {IdentifierKind::kIban, ""}, {IdentifierKind::kEmail, std::string(300, 'x') + "@example.nl"},
      {IdentifierKind::kPhone, std::string(55, '7')}};  // "phone:" + 55 bytes: the inner message fills a block
  for (int round = 0; round < 2; ++round) {
    for (const std::string& key : keys) {
      for (const auto& [kind, value] : inputs) {
        std::string got = KeyedPseudonym(key, kind, value);
        EXPECT_EQ(got, link::Pseudonymize(key, kind, value)) << "key size " << key.size();
        EXPECT_EQ(got.size(), 64u);
      }
    }
  }
}

// Values computed independently (Python's hmac module), so the
// construction is pinned to HMAC-SHA256 itself and not only to the
// reference implementation: "Jefe" is RFC 4231's key of test case 2, and a
// 100-byte key takes the hash-the-key-first path.
TEST(KeyedPseudonymTest, MatchesAnIndependentHmac) {
  std::string out;
  KeyedPseudonymInto("Jefe", IdentifierKind::kUrl, "//what do ya want for nothing?", &out);
  EXPECT_EQ(out, "c962b60b8526ea26eb046ec34857532b3a8bbabcd6c5aabe21fd10b7b879f690");
  KeyedPseudonymInto(std::string(100, '\xfe'), IdentifierKind::kIban, "NL91ABNA0417164300", &out);
  EXPECT_EQ(out, "0295b8bfef7de77eae610ee400e7f2a583db185ed6200c3801309330a17c2ca6");
}

TEST(KeyedPseudonymTest, EqualsReferenceOnOtherThreads) {
  const std::string key(32, '\x7f');
  std::string a, b;
  std::thread t1([&] { a = KeyedPseudonym(key, IdentifierKind::kIban, "NL91ABNA0417164300"); });
  std::thread t2([&] { b = KeyedPseudonym(key, IdentifierKind::kIban, "NL91ABNA0417164300"); });
  t1.join();
  t2.join();
  EXPECT_EQ(a, link::Pseudonymize(key, IdentifierKind::kIban, "NL91ABNA0417164300"));
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace zicht::server

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
  const std::string keys[] = {std::string(32, '\x01'), "another key of other length", std::string(1, '\0'), ""};
  const std::pair<IdentifierKind, std::string> inputs[] = {
      {IdentifierKind::kIban, "NL91ABNA0417164300"}, {IdentifierKind::kPhone, "+31612345678"},
      {IdentifierKind::kIban, ""}, {IdentifierKind::kEmail, std::string(300, 'x') + "@example.nl"}};
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

#include "server/key_ring.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace zicht::server {
namespace {

TEST(KeyRingTest, GeneratedKeysAreDistinctAndUrlSafe) {
  auto a = GenerateApiKey();
  auto b = GenerateApiKey();
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->substr(0, 3), "zk_");
  EXPECT_EQ(a->size(), 3u + 43u);
  EXPECT_EQ(a->find_first_not_of("zk_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"),
            std::string::npos);
}

TEST(KeyRingTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(KeyRingTest, SaveLoadRoundTripAndLookup) {
  testutil::TempDir dir;
  KeysFile file;
  KeyEntry e;
  e.sha256 = Sha256Hex("secret-1");
  e.id = e.sha256.substr(0, 12);
  e.partner = "rabobank";
  e.role = Role::kChecker;
  e.created = 1700000000;
  file.keys.push_back(e);
  e.sha256 = Sha256Hex("secret-2");
  e.id = e.sha256.substr(0, 12);
  e.partner = "politie";
  e.role = Role::kAnalyst;
  e.revoked = true;
  file.keys.push_back(e);
  ASSERT_TRUE(file.Save(dir.File("keys.toml")).ok());
  std::string text = testutil::ReadFile(dir.File("keys.toml"));
  EXPECT_EQ(text.find("secret-1"), std::string::npos);  // never the key itself

  auto loaded = KeysFile::Load(dir.File("keys.toml"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->keys.size(), 2u);
  EXPECT_EQ(loaded->keys[0].partner, "rabobank");
  EXPECT_EQ(loaded->keys[0].role, Role::kChecker);
  EXPECT_EQ(loaded->keys[0].created, 1700000000);
  EXPECT_TRUE(loaded->keys[1].revoked);

  KeyRing ring;
  ring.Replace(*loaded);
  auto who = ring.Lookup("secret-1");
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->partner, "rabobank");
  EXPECT_FALSE(ring.Lookup("secret-2").has_value());  // revoked
  EXPECT_FALSE(ring.Lookup("nope").has_value());
}

TEST(KeyRingTest, SaveEscapesEveryStringTomlRequires) {
  // Ids are free text to the file format; a newline, tab or control
  // character must not break the file (a hand-rolled quoter once escaped
  // only `"` and `\`).
  testutil::TempDir dir;
  KeysFile file;
  KeyEntry e;
  e.sha256 = Sha256Hex("secret");
  e.id = "a\"b\\c\nd\te\x01" "f";
  e.partner = "rabobank";
  file.keys.push_back(e);
  ASSERT_TRUE(file.Save(dir.File("keys.toml")).ok());
  auto loaded = KeysFile::Load(dir.File("keys.toml"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->keys.size(), 1u);
  EXPECT_EQ(loaded->keys[0].id, e.id);

  KeysFile empty;
  ASSERT_TRUE(empty.Save(dir.File("empty.toml")).ok());
  auto none = KeysFile::Load(dir.File("empty.toml"));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->keys.empty());
}

TEST(KeyRingTest, MissingFileIsEmptyMalformedFileNamesTheField) {
  testutil::TempDir dir;
  auto missing = KeysFile::Load(dir.File("none.toml"));
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->keys.empty());
  testutil::WriteFile(dir.File("bad.toml"),
                      "[[key]]\nid = \"x\"\npartner = \"p\"\nrole = \"boss\"\nsha256 = \"" + std::string(64, 'a') +
                          "\"\n");
  auto bad = KeysFile::Load(dir.File("bad.toml"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("role"), std::string::npos);
  testutil::WriteFile(dir.File("syntax.toml"), "[[key]\n");
  EXPECT_FALSE(KeysFile::Load(dir.File("syntax.toml")).ok());
}

TEST(KeyRingTest, RolesHaveTheirRights) {
  EXPECT_TRUE(RoleHas(Role::kChecker, Right::kCheck));
  EXPECT_FALSE(RoleHas(Role::kChecker, Right::kSubmit));
  EXPECT_FALSE(RoleHas(Role::kChecker, Right::kReadContents));
  EXPECT_TRUE(RoleHas(Role::kReporter, Right::kSubmit));
  EXPECT_FALSE(RoleHas(Role::kReporter, Right::kReadContents));
  EXPECT_TRUE(RoleHas(Role::kAnalyst, Right::kReadContents));
}

}  // namespace
}  // namespace zicht::server

#include "link/warning_list.h"

#include <gtest/gtest.h>

namespace zicht::link {
namespace {

using model::IdentifierKind;

TEST(WarningListTest, ShippedListsAllParseAndCoverBanksAndPlatforms) {
  // ShippedWarningLists() skips a file that fails to parse: make that loud here.
  for (size_t i = 0; i < EmbeddedWarningListCountForTest(); ++i) {
    auto [name, text] = EmbeddedWarningListForTest(i);
    auto list = ParseWarningList(text, name);
    EXPECT_TRUE(list.ok()) << name << ": " << list.status().ToString();
  }
  const auto& lists = ShippedWarningLists();
  ASSERT_GE(lists.size(), 2u);
  WarningListMatcher m(lists);
  EXPECT_TRUE(m.Covers(IdentifierKind::kPhone, "+31202288800"));  // ING
  EXPECT_TRUE(m.Covers(IdentifierKind::kPhone, "+31887226767"));  // Rabobank
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://www.marktplaats.nl/a/b"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://tikkie.me/pay/x"));
  EXPECT_TRUE(m.CoversDomain("wa.me"));
  EXPECT_FALSE(m.Covers(IdentifierKind::kUrl, "https://marktplaats-betalen.nl/a"));
  EXPECT_FALSE(m.Covers(IdentifierKind::kUrl, "https://notmarktplaats.nl/"));
}

TEST(WarningListTest, PlainTextLines) {
  auto list = ParseWarningList(
      "# name: mine\n# description: test list\n\n"
      "phone, 06-12345678\niban,nl91 abna 0417 1643 00\nurl,https://www.Shop.Example.nl/x\n"
      "email,Info@Bank.nl\nemail,bank.example\n",
      "");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->name, "mine");
  EXPECT_EQ(list->description, "test list");
  ASSERT_EQ(list->entries.size(), 5u);
  EXPECT_EQ(list->entries[0], (WarningListEntry{IdentifierKind::kPhone, "+31612345678"}));
  EXPECT_EQ(list->entries[1], (WarningListEntry{IdentifierKind::kIban, "NL91ABNA0417164300"}));
  EXPECT_EQ(list->entries[2], (WarningListEntry{IdentifierKind::kUrl, "shop.example.nl"}));
  WarningListMatcher m({*list});
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "http://a.shop.example.nl/"));
  EXPECT_FALSE(m.Covers(IdentifierKind::kUrl, "http://example.nl/"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kEmail, "info@bank.nl"));
  EXPECT_FALSE(m.Covers(IdentifierKind::kEmail, "other@bank.nl"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kEmail, "anyone@mail.bank.example"));
  EXPECT_EQ(m.size(), 5u);
}

TEST(WarningListTest, PlainTextErrorsNameTheLine) {
  auto bad_kind = ParseWarningList("phone,0612345678\nfax,123\n", "x");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.status().message().find("line 2"), std::string::npos) << bad_kind.status().message();
  auto bad_value = ParseWarningList("iban,NL00XXXX\n", "x");
  ASSERT_FALSE(bad_value.ok());
  EXPECT_NE(bad_value.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseWarningList("just a value\n", "x").ok());
  auto nameless = ParseWarningList("iban,NL91ABNA0417164300\n", "");  // the caller names it
  ASSERT_TRUE(nameless.ok()) << nameless.status().ToString();
  EXPECT_EQ(nameless->name, "");
}

TEST(WarningListTest, MispJson) {
  auto hosts = ParseWarningList(
      R"({"name":"List of known hosting","description":"d","type":"hostname","matching_attributes":["domain"],
          "list":["*.example.com",".cdn.example.org","www.example.net"],"version":3})",
      "");
  ASSERT_TRUE(hosts.ok()) << hosts.status().ToString();
  EXPECT_EQ(hosts->name, "List of known hosting");
  ASSERT_EQ(hosts->entries.size(), 3u);
  EXPECT_EQ(hosts->entries[0].value, "example.com");
  EXPECT_EQ(hosts->entries[1].value, "cdn.example.org");
  EXPECT_EQ(hosts->entries[2].value, "example.net");

  auto mixed = ParseWarningList(R"({"name":"m","type":"string","list":["NL91ABNA0417164300","+31 20 123 4567","a@b.nl","example.org"]})", "");
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  EXPECT_EQ(mixed->entries[0].kind, IdentifierKind::kIban);
  EXPECT_EQ(mixed->entries[1].kind, IdentifierKind::kPhone);
  EXPECT_EQ(mixed->entries[2].kind, IdentifierKind::kEmail);
  EXPECT_EQ(mixed->entries[3].kind, IdentifierKind::kUrl);

  auto forced = ParseWarningList(R"({"name":"h","list":["@handle1"]})", "", IdentifierKind::kHandle);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_EQ(forced->entries[0].kind, IdentifierKind::kHandle);

  auto regex = ParseWarningList(R"({"name":"r","type":"regex","list":["^a"]})", "");
  ASSERT_FALSE(regex.ok());
  EXPECT_NE(regex.status().message().find("type"), std::string::npos);
  EXPECT_FALSE(ParseWarningList(R"({"name":"r","list":[1]})", "").ok());
  EXPECT_FALSE(ParseWarningList(R"({"name":"r","list":)", "").ok());
}

TEST(WarningListTest, UrlHost) {
  EXPECT_EQ(UrlHost("https://a.b.nl:8443/x?y#z"), "a.b.nl");
  EXPECT_EQ(UrlHost("http://user@host.nl/"), "host.nl");
  EXPECT_EQ(UrlHost("https://host.nl"), "host.nl");
}

}  // namespace
}  // namespace zicht::link

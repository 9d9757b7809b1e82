#include "link/warning_list.h"

#include <gtest/gtest.h>

namespace zicht::link {
namespace {

using model::IdentifierKind;

TEST(WarningListTest, ShippedListsAllParseAndCoverBanksAndPlatforms) {
  // ShippedWarningLists() skips a file that fails to parse: make that loud here.
  for (size_t i = 0; i < EmbeddedWarningListCountForTest(); ++i) {
    auto [name, text] = EmbeddedWarningListForTest(i);
    auto list = ParseWarningList(text, name, std::nullopt, /*strict=*/true);
    ASSERT_TRUE(list.ok()) << name << ": " << list.status().ToString();
    // No shipped entry may cover the sites under a public suffix.
    EXPECT_EQ(list->narrowed, 0u) << name << ": " << list->narrowed_examples.front().reason;
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
  // Each site under a public suffix is its own: the shipped lists must not
  // hide a phishing site on a free host.
  EXPECT_FALSE(m.Covers(IdentifierKind::kUrl, "https://ing-veilig.github.io/"));
  EXPECT_FALSE(m.CoversDomain("ing-veilig.github.io"));
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

TEST(WarningListTest, PlainTextStrictErrorsNameTheLine) {
  auto bad_kind = ParseWarningList("phone,0612345678\nfax,123\n", "x", std::nullopt, true);
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.status().message().find("line 2"), std::string::npos) << bad_kind.status().message();
  auto bad_value = ParseWarningList("iban,NL00XXXX\nphone,0612345678\n", "x", std::nullopt, true);
  ASSERT_FALSE(bad_value.ok());
  EXPECT_NE(bad_value.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseWarningList("just a value\n", "x").ok());  // nothing usable
  auto nameless = ParseWarningList("iban,NL91ABNA0417164300\n", "");  // the caller names it
  ASSERT_TRUE(nameless.ok()) << nameless.status().ToString();
  EXPECT_EQ(nameless->name, "");
}

TEST(WarningListTest, PlainTextSkipsBadLinesAndCountsThem) {
  auto list = ParseWarningList("phone,0612345678\nfax,123\niban,NL00XXXX\nurl,bank.nl\n", "x");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->entries.size(), 2u);
  EXPECT_EQ(list->skipped, 2u);
  ASSERT_EQ(list->skipped_examples.size(), 2u);
  EXPECT_EQ(list->skipped_examples[0].where, "line 2");
  EXPECT_NE(list->skipped_examples[0].reason.find("'fax'"), std::string::npos);
  EXPECT_EQ(list->skipped_examples[1].where, "line 3");
}

TEST(WarningListTest, BomHeaderLineAndDuplicates) {
  auto list = ParseWarningList("\xEF\xBB\xBFkind,value\r\nurl,bank.nl\r\nurl,www.bank.nl\r\nphone,020 22 888 00\r\n"
                               "phone,+31202288800\r\n",
                               "x");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->skipped, 0u);
  EXPECT_EQ(list->entries.size(), 2u);
  EXPECT_EQ(list->duplicates, 2u);
  auto misp = ParseWarningList("\xEF\xBB\xBF{\"name\":\"n\",\"type\":\"hostname\",\"list\":[\"a.nl\",\"A.nl.\"]}", "");
  ASSERT_TRUE(misp.ok()) << misp.status().ToString();
  EXPECT_EQ(misp->entries.size(), 1u);
}

// The odd entries found in real MISP lists (bank-website, majestic_million,
// public-dns-hostname): each is skipped, the rest of the list imports.
TEST(WarningListTest, MispOddEntriesAreSkippedNotFatal) {
  constexpr const char* kList =
      R"({"name":"banks","type":"hostname","matching_attributes":["domain","hostname"],
          "list":["domain",".barclays","252/24.127.188.93.mifril.ru","www.com",".bank.nl",7]})";
  auto list = ParseWarningList(kList, "");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entries.size(), 2u);
  EXPECT_EQ(list->entries[0].value, "www.com");  // a site of its own, not "com"
  EXPECT_EQ(list->entries[1].value, "bank.nl");
  EXPECT_EQ(list->skipped, 4u);
  ASSERT_EQ(list->skipped_examples.size(), 4u);
  EXPECT_EQ(list->skipped_examples[0].where, "list element 1");
  EXPECT_NE(list->skipped_examples[1].reason.find("top-level domain"), std::string::npos);
  EXPECT_NE(list->skipped_examples[2].reason.find("'/'"), std::string::npos);
  auto strict = ParseWarningList(kList, "", std::nullopt, true);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().message().find("list element 1"), std::string::npos) << strict.status().message();
}

TEST(WarningListTest, MispStringListsMatchExactHostsHostnameListsSubdomains) {
  auto exact = ParseWarningList(R"({"name":"top","type":"string","matching_attributes":["hostname","domain","url"],
                                    "list":["google.com","www.example.org"]})",
                                "");
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_FALSE(exact->entries[0].subdomains);
  WarningListMatcher m({*exact});
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://google.com/search"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://www.google.com/"));
  EXPECT_FALSE(m.Covers(IdentifierKind::kUrl, "https://sites.google.com/view/ing-veilig"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://example.org/"));
  EXPECT_TRUE(m.CoversDomain("google.com"));

  auto hosts = ParseWarningList(R"({"name":"h","type":"hostname","list":["google.com"]})", "");
  ASSERT_TRUE(hosts.ok());
  EXPECT_TRUE(WarningListMatcher({*hosts}).Covers(IdentifierKind::kUrl, "https://sites.google.com/view/x"));
}

TEST(WarningListTest, PublicSuffixEntriesNeverCoverTheSitesUnderThem) {
  auto list = ParseWarningList(
      R"({"name":"top","type":"hostname","list":["pages.dev","netlify.app","github.io","workers.dev","bank.nl"]})", "");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->narrowed, 4u);
  EXPECT_EQ(list->entries.size(), 5u);
  WarningListMatcher m({*list});
  for (const char* url : {"https://ing-veilig.pages.dev/", "https://x.netlify.app/login", "https://a.github.io/",
                          "https://b.c.workers.dev/"}) {
    EXPECT_FALSE(m.Covers(IdentifierKind::kUrl, url)) << url;
  }
  EXPECT_FALSE(m.CoversDomain("ing-veilig.pages.dev"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://pages.dev/"));
  EXPECT_TRUE(m.Covers(IdentifierKind::kUrl, "https://login.bank.nl/"));
  // A database written before the narrowing (subdomains on a public
  // suffix): the matcher itself stops at the registrable domain.
  WarningList legacy;
  legacy.entries.push_back({IdentifierKind::kUrl, "pages.dev", true});
  legacy.entries.push_back({IdentifierKind::kEmail, "github.io", true});
  WarningListMatcher old({legacy});
  EXPECT_FALSE(old.Covers(IdentifierKind::kUrl, "https://ing-veilig.pages.dev/"));
  EXPECT_FALSE(old.Covers(IdentifierKind::kEmail, "x@ing-veilig.github.io"));
  EXPECT_TRUE(old.Covers(IdentifierKind::kUrl, "https://pages.dev/"));
}

TEST(WarningListTest, MispListsForOtherAttributeTypesAreRefusedWithTheReason) {
  auto hashes = ParseWarningList(R"({"name":"h","type":"string","matching_attributes":["md5","sha1"],
                                     "list":["d41d8cd98f00b204e9800998ecf8427e"]})",
                                 "");
  ASSERT_FALSE(hashes.ok());
  EXPECT_NE(hashes.status().message().find("md5, sha1"), std::string::npos) << hashes.status().message();
  auto cidr = ParseWarningList(R"({"name":"c","type":"cidr","list":["10.0.0.0/8"]})", "");
  ASSERT_FALSE(cidr.ok());
  EXPECT_NE(cidr.status().message().find("CIDR"), std::string::npos) << cidr.status().message();
  auto phones = ParseWarningList(R"({"name":"p","type":"string","matching_attributes":["phone-number"],
                                     "list":["+31 20 123 4567"]})",
                                 "");
  ASSERT_TRUE(phones.ok()) << phones.status().ToString();
  EXPECT_EQ(phones->entries[0].kind, IdentifierKind::kPhone);
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
  EXPECT_FALSE(ParseWarningList(R"({"name":"r","list":[1]})", "").ok());  // no usable entry
  EXPECT_FALSE(ParseWarningList(R"({"name":"r","list":)", "").ok());
}

TEST(WarningListTest, UrlHost) {
  EXPECT_EQ(UrlHost("https://a.b.nl:8443/x?y#z"), "a.b.nl");
  EXPECT_EQ(UrlHost("http://user@host.nl/"), "host.nl");
  EXPECT_EQ(UrlHost("https://host.nl"), "host.nl");
}

}  // namespace
}  // namespace zicht::link

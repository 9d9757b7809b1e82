// `zicht warninglist import` through the real binary, with real lists from
// MISP's warning-list repository (tests/data/warninglists/, CC0) and the
// odd inputs partners send: a BOM, a `kind,value` header row, repeats, and
// entries that name a public suffix.
#include <gtest/gtest.h>

#include <string>

#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::link {
namespace {

using testutil::RunZicht;

std::string RealList(const std::string& name) {
  return testutil::SourceDir() + "/tests/data/warninglists/misp-" + name + ".json";
}

// On a fresh store of each backend: link_cli_test (SQLite), link_cli_test_pg
// (PostgreSQL, whose warning-list tables are its own).
class WarninglistCliTest : public testutil::StoreBackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, WarninglistCliTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

// Each real list Zicht can represent imports, with what it left out on
// stderr; lists for other attribute types are refused with the reason.
TEST_P(WarninglistCliTest, RealMispListsImport) {
  struct Case {
    const char* list;
    const char* printed;  // on stdout
  };
  for (const Case& c : {Case{"dax30", "imported warning-list 'List of known dax30 webpages': 13 entries\n"},
                        // apple.com and www.apple.com are one site
                        Case{"captive-portals", ": 20 entries, 1 duplicates\n"},
                        Case{"rfc6761", ": 21 entries\n"},
                        Case{"link-in-bio", ": 91 entries\n"},
                        Case{"url-shortener", ": 255 entries\n"}}) {
    auto r = RunZicht({"warninglist", "import", RealList(c.list), "--db", db_});
    EXPECT_EQ(r.exit_code, 0) << c.list << ": " << r.err;
    EXPECT_NE(r.out.find(c.printed), std::string::npos) << c.list << ": " << r.out;
  }
  auto cidr = RunZicht({"warninglist", "import", RealList("rfc1918"), "--db", db_});
  EXPECT_EQ(cidr.exit_code, 1);
  EXPECT_NE(cidr.err.find("MISP list type 'cidr' is not supported"), std::string::npos) << cidr.err;
  auto hashes = RunZicht({"warninglist", "import", RealList("empty-hashes"), "--db", db_});
  EXPECT_EQ(hashes.exit_code, 1);
  EXPECT_NE(hashes.err.find("md5"), std::string::npos) << hashes.err;
  auto list = RunZicht({"warninglist", "list", "--format", "csv", "--db", db_});
  EXPECT_NE(list.out.find("List of known dax30 webpages,"), std::string::npos) << list.out;
}

TEST_P(WarninglistCliTest, BadEntriesAreSkippedAndReportedOrFailWithStrict) {
  testutil::WriteFile(dir_.File("banks.json"),
                      R"({"name":"banks","type":"hostname","list":["domain",".barclays",)"
                      R"("252/24.127.188.93.mifril.ru","www.com",".bank.nl"]})");
  auto r = RunZicht({"warninglist", "import", dir_.File("banks.json"), "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "imported warning-list 'banks': 2 entries, 3 skipped\n");
  EXPECT_NE(r.err.find("skipped 3 entries"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("list element 2: '.barclays' is a top-level domain"), std::string::npos) << r.err;
  auto strict = RunZicht({"warninglist", "import", dir_.File("banks.json"), "--strict", "--db", db_});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("list element 1"), std::string::npos) << strict.err;
}

TEST_P(WarninglistCliTest, BomHeaderRowAndCountAfterDuplicates) {
  testutil::WriteFile(dir_.File("eigen.csv"),
                      "\xEF\xBB\xBFkind,value\r\nurl,bank.nl\r\nurl,www.bank.nl\r\nphone,020 22 888 00\r\n");
  auto r = RunZicht({"warninglist", "import", dir_.File("eigen.csv"), "--name", "eigen", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "imported warning-list 'eigen': 2 entries, 1 duplicates\n");
  auto list = RunZicht({"warninglist", "list", "--format", "csv", "--db", db_});
  EXPECT_NE(list.out.find("eigen,"), std::string::npos);
  EXPECT_NE(list.out.find(",2\n"), std::string::npos) << list.out;
}

// A top-sites list names pages.dev; the phishing site ing-veilig.pages.dev
// must still link its two reports and must not check as WARNINGLISTED.
TEST_P(WarninglistCliTest, PublicSuffixEntryDoesNotHideAPhishingSite) {
  testutil::WriteFile(
      dir_.File("r.jsonl"),
      R"({"id":"1","source":"bank","reported_at":"2024-03-01","fraud_type":"phishing","identifiers":[{"kind":"url","value":"https://ing-veilig.pages.dev/login"}]})"
      "\n"
      R"({"id":"2","source":"bank","reported_at":"2024-03-02","fraud_type":"phishing","identifiers":[{"kind":"url","value":"https://ing-veilig.pages.dev/"}]})"
      "\n");
  ASSERT_EQ(RunZicht({"ingest", dir_.File("r.jsonl"), "--db", db_}).exit_code, 0);
  testutil::WriteFile(dir_.File("top.json"),
                      R"({"name":"top","type":"hostname","list":["pages.dev","netlify.app","google.com"]})");
  auto imp = RunZicht({"warninglist", "import", dir_.File("top.json"), "--db", db_});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_NE(imp.err.find("narrowed to the exact host 2 entries"), std::string::npos) << imp.err;
  auto clusters = RunZicht({"clusters", "--members", "--format", "csv", "--db", db_});
  EXPECT_NE(clusters.out.find(",bank,1\n"), std::string::npos) << clusters.out;
  auto check = RunZicht({"check", "url", "https://ing-veilig.pages.dev/", "--format", "json", "--db", db_});
  EXPECT_EQ(check.out.find("WARNINGLISTED"), std::string::npos) << check.out;
  auto google = RunZicht({"check", "url", "https://mail.google.com/", "--format", "json", "--db", db_});
  EXPECT_NE(google.out.find("WARNINGLISTED"), std::string::npos) << google.out;
}

}  // namespace
}  // namespace zicht::link

// CSV as Dutch Excel writes it, through the real `zicht ingest`: a `sep=;`
// line, semicolons, CRLF, Windows-1252, decimal commas, day-first dates.
// Before spreadsheet support, 0 of these 3 rows went in and the exit status
// was 0.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "testutil/store_backend.h"
#include "testutil/store_query.h"
#include "testutil/testutil.h"

namespace zicht {
namespace {

using testutil::RunZicht;

std::string Query(const std::string& db, const std::string& sql) { return testutil::QueryStore(db, sql).value_or("(unreadable)"); }

class ExcelCsvTest : public testutil::StoreBackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, ExcelCsvTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(ExcelCsvTest, DutchExcelFileGoesIn) {
  // "café" and "€" in Windows-1252: 0xE9 and 0x80.
  std::string csv =
      "sep=;\r\n"
      "id;source;reported_at;fraud_type;damage_eur;iban;text\r\n"
      "1;bank;01-03-2024;aankoopfraude;800,00;NL91 ABNA 0417 1643 00;Fiets via caf\xE9 \x80 800\r\n"
      "2;bank;2-3-2024;aankoopfraude;1.250,50;;\r\n"
      "3;bank;03-03-2024;phishing;\"1.250\";;\r\n";
  testutil::WriteFile(dir_.File("excel.csv"), csv);
  auto r = RunZicht({"ingest", dir_.File("excel.csv"), "--db", db_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  ASSERT_TRUE(d.IsObject()) << r.out;
  EXPECT_EQ(d["accepted"].GetInt64(), 3) << r.out << r.err;
  EXPECT_EQ(d["rejected"].GetInt64(), 0) << r.err;
  std::string rows = Query(db_, "SELECT id, reported_at, damage_cents FROM reports ORDER BY id");
  EXPECT_EQ(rows, "1|2024-03-01|80000\n2|2024-03-02|125050\n3|2024-03-03|125000\n");
  EXPECT_NE(Query(db_, "SELECT text FROM reports WHERE id = '1'").find("caf\xC3\xA9 \xE2\x82\xAC 800"),
            std::string::npos);
}

TEST_P(ExcelCsvTest, SemicolonsSniffedWithoutSepLineAndBom) {
  testutil::WriteFile(dir_.File("bom.csv"),
                      "\xEF\xBB\xBFid;source;reported_at;fraud_type;damage_eur\r\n"
                      "1;bank;2024-03-01;phishing;\"1.250,50\"\r\n");
  auto r = RunZicht({"ingest", dir_.File("bom.csv"), "--db", db_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"accepted\":1"), std::string::npos) << r.out;
}

TEST_P(ExcelCsvTest, NoLineAcceptedExitsOneWithTheReason) {
  testutil::WriteFile(dir_.File("bad.csv"),
                      "id,source,reported_at,fraud_type\n1,bank,2024-03-01,nope\n2,bank,2024-03-01,nope\n");
  auto r = RunZicht({"ingest", dir_.File("bad.csv"), "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no line was accepted: all 2 were rejected"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fraud_type"), std::string::npos) << r.err;
  // One good line among bad ones: exit 0, as before.
  testutil::WriteFile(dir_.File("mixed.csv"),
                      "id,source,reported_at,fraud_type\n1,bank,2024-03-01,phishing\n2,bank,2024-03-01,nope\n");
  EXPECT_EQ(RunZicht({"ingest", dir_.File("mixed.csv"), "--db", db_}).exit_code, 0);
}

}  // namespace
}  // namespace zicht

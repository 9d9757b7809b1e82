#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace zicht::ingest {
namespace {

std::vector<CsvRecord> Records(const std::string& text, bool* any_unterminated = nullptr) {
  LineReader lines(text);
  CsvRecordReader reader(lines);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  bool unterminated = false;
  while (reader.Next(&rec, &unterminated)) {
    out.push_back(rec);
    if (any_unterminated && unterminated) *any_unterminated = true;
  }
  return out;
}

TEST(CsvRecordReaderTest, Rfc4180Quoting) {
  auto recs = Records("a,b,c\n\"x, y\",\"he said \"\"hoi\"\"\",\"two\nlines\"\nplain,,end\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].cells, (std::vector<std::string>{"x, y", "he said \"hoi\"", "two\nlines"}));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[1].raw, "\"x, y\",\"he said \"\"hoi\"\"\",\"two\nlines\"");
  EXPECT_EQ(recs[2].cells, (std::vector<std::string>{"plain", "", "end"}));
  EXPECT_EQ(recs[2].line, 4) << "line numbers count physical lines";
}

TEST(CsvRecordReaderTest, CrLfAndUnterminatedQuote) {
  bool unterminated = false;
  auto recs = Records("a,b\r\n1,\"open\r\n", &unterminated);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].cells, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(unterminated);
}

class CsvConvertTest : public ::testing::Test {
 protected:
  std::optional<FieldError> Convert(const std::string& header, const std::string& row) {
    auto h = Records(header + "\n" + row + "\n");
    auto conv = CsvRowConverter::FromHeader(h[0].cells);
    EXPECT_TRUE(conv.ok());
    return conv->Convert(h[1].cells, &out_);
  }
  ValidatedReport out_;
};

constexpr const char* kHeader =
    "id,source,reported_at,occurred_at,fraud_type,outcome,damage_eur,channel,age_band,region,iban,phone,"
    "spoofed_phone,email,url,device,handle,crypto,text";

TEST_F(CsvConvertTest, AllColumns) {
  auto err = Convert(kHeader,
                     "FHD-1,fraudehelpdesk,2024-03-01T10:15:00Z,2024-02-28,hulpvraagfraude,loss,2450.50,whatsapp,"
                     "65-74,NL-OV,NL91 ABNA 0417 1643 00,06-12345678; 0031 6 1234 5679,020 123 4567,a@b.nl,"
                     "https://betaal-nu.example/x,fp:9f2c,@oplichter,bc1qxyz,\"Hoi mam, nieuw nummer\"");
  ASSERT_FALSE(err) << err->field << ": " << err->reason;
  const model::Report& r = out_.report;
  EXPECT_EQ(r.key.id, "FHD-1");
  EXPECT_EQ(r.occurred_at, "2024-02-28");
  EXPECT_EQ(r.damage_cents, 245050);
  EXPECT_EQ(r.outcome, model::Outcome::kLoss);
  EXPECT_EQ(r.victim.region, model::Region::kOV);
  EXPECT_EQ(r.text, "Hoi mam, nieuw nummer");
  ASSERT_EQ(r.identifiers.size(), 9u);
  EXPECT_EQ(r.identifiers[0].kind, model::IdentifierKind::kIban);
  EXPECT_EQ(r.identifiers[0].role, model::Role::kBeneficiary);
  EXPECT_EQ(r.identifiers[1].value, "06-12345678");
  EXPECT_EQ(r.identifiers[2].value, "0031 6 1234 5679") << "';' separates values, each trimmed";
  EXPECT_EQ(r.identifiers[2].role, model::Role::kContact);
  EXPECT_EQ(r.identifiers[3].kind, model::IdentifierKind::kPhone);
  EXPECT_EQ(r.identifiers[3].role, model::Role::kSpoofed) << "spoofed_phone → role spoofed";
  EXPECT_EQ(r.identifiers[5].role, model::Role::kWebsite);
  EXPECT_EQ(r.identifiers[6].role, model::Role::kSuspectDevice);
}

TEST_F(CsvConvertTest, EmptyCellsAreAbsentAndColumnOrderFree) {
  auto err = Convert("fraud_type,reported_at,source,id,damage_eur,iban", "phishing,2024-03-01,bank,7,,;;");
  ASSERT_FALSE(err) << err->reason;
  EXPECT_FALSE(out_.report.damage_cents);
  EXPECT_EQ(out_.report.outcome, model::Outcome::kAttempt);
  EXPECT_TRUE(out_.report.identifiers.empty());
}

TEST_F(CsvConvertTest, RejectionsNameTheColumn) {
  auto err = Convert("id,source,reported_at,fraud_type,damage_eur", "1,bank,2024-03-01,phishing,12,50");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "");
  EXPECT_NE(err->reason.find("6 cells"), std::string::npos);
  err = Convert("id,source,reported_at,fraud_type,damage_eur", "1,bank,2024-03-01,phishing,twaalf");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "damage_eur");
  EXPECT_EQ(err->reason, "not an amount");
  err = Convert("id,source,reported_at,fraud_type", "1,bank,2024-02-30,phishing");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "reported_at");
  err = Convert("id,source,reported_at", "1,bank,2024-02-01");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "fraud_type");
  err = Convert("id,source,reported_at,fraud_type,age_band", "1,bank,2024-02-01,phishing,60+");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "victim.age_band");
  // Not UTF-8: read as Windows-1252 (Excel on Windows), so 0xC3 is 'Ã'.
  err = Convert("id,source,reported_at,fraud_type,text", "1,bank,2024-02-01,phishing,\xC3(");
  ASSERT_FALSE(err);
  EXPECT_EQ(out_.report.text, "\xC3\x83(");
}

TEST_F(CsvConvertTest, UnknownColumnsWarnedNotStored) {
  auto err = Convert("id,source,reported_at,fraud_type,victim_name", "1,bank,2024-03-01,phishing,Jan Jansen");
  ASSERT_FALSE(err);
  EXPECT_EQ(out_.unknown_fields, std::vector<std::string>{"victim_name"});
}

TEST(CsvHeaderTest, DuplicateColumnRefusedAndBomSkipped) {
  EXPECT_FALSE(CsvRowConverter::FromHeader({"id", "id"}).ok());
  EXPECT_TRUE(CsvRowConverter::FromHeader({"\xEF\xBB\xBFid", "source"}).ok());
  EXPECT_FALSE(CsvRowConverter::FromHeader({""}).ok());
}

}  // namespace
}  // namespace zicht::ingest

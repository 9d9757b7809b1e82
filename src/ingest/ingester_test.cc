// The Ingester in process, on a real store of each backend (ingest_test on a
// SQLite file, ingest_test_pg on a throw-away PostgreSQL cluster), with and
// without its writer thread.
#include "ingest/ingester.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "ingest/rejects_file.h"
#include "store/store.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::ingest {
namespace {

std::string Line(const std::string& id, const std::string& extra = "") {
  return R"({"id":")" + id + R"(","source":"bank","reported_at":"2024-03-01","fraud_type":"phishing")" + extra + "}";
}

// (backend, writer thread).
class IngesterTest : public ::testing::TestWithParam<std::tuple<std::string, bool>> {
 protected:
  void SetUp() override {
    const std::string location = testutil::FreshStoreLocation(std::get<0>(GetParam()), dir_);
    ASSERT_FALSE(location.empty());
    auto s = store::OpenStore(location);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  IngestOptions Options() {
    IngestOptions o;
    o.batch_size = 3;
    o.writer_thread = std::get<1>(GetParam());
    return o;
  }
  testutil::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(IngesterTest, CountsEveryLineOnce) {
  std::vector<std::vector<store::StoredReport>> commits;
  IngestOptions o = Options();
  o.on_commit = [&](const std::vector<store::StoredReport>& c) { commits.push_back(c); };
  Ingester ing(*store_, o);
  std::string text;
  for (int i = 0; i < 10; ++i) text += Line(std::to_string(i)) + "\n";
  text += "\n   \n# a comment\nnot json\n";
  ASSERT_TRUE(ing.IngestJsonlText(text, "a.jsonl").ok());
  const IngestSummary& s = ing.summary();
  EXPECT_EQ(s.lines, 11);
  EXPECT_EQ(s.accepted, 10);
  EXPECT_EQ(s.rejected, 1);
  ASSERT_EQ(s.rejections.size(), 1u);
  EXPECT_EQ(s.rejections[0].line, 14);
  EXPECT_EQ(s.rejections[0].input, "a.jsonl");
  EXPECT_EQ(commits.size(), 4u) << "batches of 3";
  size_t n = 0;
  for (const auto& c : commits) n += c.size();
  EXPECT_EQ(n, 10u);
  EXPECT_EQ(*store_->CountReports(), 10);
}

TEST_P(IngesterTest, DuplicatesAndUpdatesAcrossRuns) {
  {
    Ingester ing(*store_, Options());
    ASSERT_TRUE(ing.IngestJsonlText(Line("1") + "\n" + Line("2") + "\n", "a").ok());
  }
  Ingester ing(*store_, Options());
  ASSERT_TRUE(ing.IngestJsonlText(Line("1") + "\n" + Line("2", R"(,"text":"meer")") + "\n" + Line("3") + "\n", "a").ok());
  EXPECT_EQ(ing.summary().accepted, 1);
  EXPECT_EQ(ing.summary().updated, 1);
  EXPECT_EQ(ing.summary().duplicates, 1);
}

TEST_P(IngesterTest, SameKeyTwiceInOneBatchLaterWins) {
  Ingester ing(*store_, Options());
  ASSERT_TRUE(ing.IngestJsonlText(Line("1", R"(,"text":"eerst")") + "\n" + Line("1", R"(,"text":"later")") + "\n", "a").ok());
  EXPECT_EQ(ing.summary().accepted, 1);
  EXPECT_EQ(ing.summary().updated, 1);
  EXPECT_EQ(store_->GetReport({"bank", "1"})->report.text, "later");
}

TEST_P(IngesterTest, UnknownFieldsAggregatedWithFirstPlace) {
  Ingester ing(*store_, Options());
  ASSERT_TRUE(ing.IngestJsonlText(Line("1", R"(,"naam":"Jan")") + "\n" + Line("2", R"(,"naam":"Piet","victim":{"bsn":"1"})") + "\n", "a").ok());
  const IngestSummary& s = ing.summary();
  EXPECT_EQ(s.warnings, 3);
  ASSERT_EQ(s.unknown_fields.size(), 2u);
  EXPECT_EQ(s.unknown_fields[0].field, "naam");
  EXPECT_EQ(s.unknown_fields[0].count, 2);
  EXPECT_EQ(s.unknown_fields[0].first_line, 1);
  EXPECT_EQ(s.unknown_fields[1].field, "victim.bsn");
  std::string json = SummaryToJson(s, true);
  EXPECT_EQ(json.find("Jan"), std::string::npos);
  EXPECT_NE(json.find(R"("warnings":3)"), std::string::npos);
}

TEST_P(IngesterTest, CsvWithRejectsFileRoundTrip) {
  std::string csv = "id,source,reported_at,fraud_type,iban\n"
                    "1,bank,2024-03-01,phishing,NL91ABNA0417164300\n"
                    "2,bank,2024-02-30,phishing,\n"
                    "3,bank,2024-03-01,phising,\n";
  auto rejects = RejectsFile::Open(dir_.File("rejects.csv"));
  ASSERT_TRUE(rejects.ok());
  IngestOptions o = Options();
  o.on_reject = [&](const Rejection& r, std::string_view raw, std::string_view header) {
    (*rejects)->Write(r, raw, header);
  };
  Ingester ing(*store_, o);
  ASSERT_TRUE(ing.IngestCsvText(csv, "in.csv").ok());
  ASSERT_TRUE((*rejects)->Close().ok());
  EXPECT_EQ(ing.summary().accepted, 1);
  EXPECT_EQ(ing.summary().rejected, 2);
  std::string written = testutil::ReadFile(dir_.File("rejects.csv"));
  EXPECT_EQ(written,
            "# header of in.csv\n"
            "id,source,reported_at,fraud_type,iban\n"
            "# in.csv:3: field 'reported_at': '2024-02-30' is not an RFC 3339 date or date-time: no such calendar date\n"
            "2,bank,2024-02-30,phishing,\n"
            "# in.csv:4: field 'fraud_type': 'phising' is not a fraud type (allowed: hulpvraagfraude, "
            "bankhelpdeskfraude, aankoopfraude, verkoopfraude, phishing, datingfraude, beleggingsfraude, "
            "identiteitsfraude, overig)\n"
            "3,bank,2024-03-01,phising,\n");
  // Fixed in place, the rejects file ingests as it is.
  std::string fixed = written;
  fixed.replace(fixed.find("2024-02-30,phishing"), 10, "2024-02-29");
  fixed.replace(fixed.find(",phising,"), 9, ",phishing,");
  Ingester again(*store_, Options());
  ASSERT_TRUE(again.IngestCsvText(fixed, "rejects.csv").ok());
  EXPECT_EQ(again.summary().accepted, 2);
  EXPECT_EQ(again.summary().rejected, 0);
}

TEST_P(IngesterTest, RequestBodySingleObjectOrJsonLines) {
  Ingester ing(*store_, Options());
  ASSERT_TRUE(ing.IngestRequestBody("{\n  \"id\": \"p\",\n  \"source\": \"web\",\n  \"reported_at\": \"2024-03-01\",\n"
                                    "  \"fraud_type\": \"phishing\"\n}\n").ok());
  EXPECT_EQ(ing.summary().accepted, 1);
  ASSERT_TRUE(ing.IngestRequestBody(Line("a") + "\n" + Line("b") + "\n").ok());
  EXPECT_EQ(ing.summary().accepted, 3);
  ASSERT_TRUE(ing.IngestRequestBody("{\n \"id\": \"q\"\n}").ok());
  EXPECT_EQ(ing.summary().rejected, 1);
  EXPECT_EQ(ing.summary().rejections.back().field, "source");
}

TEST_P(IngesterTest, StoreFailureIsReported) {
  store_.reset();
  // A database path that is a directory cannot be opened; use a read-only
  // store instead: open, then make the file unwritable is platform-specific,
  // so simulate with a store whose every write fails.
  class FailingStore : public store::Store {
   public:
    Result<std::vector<store::UpsertOutcome>> UpsertBatch(const std::vector<model::Report>& r) override {
      return UpsertBatch(r, nullptr);
    }
    Result<std::vector<store::UpsertOutcome>> UpsertBatch(const std::vector<model::Report>&,
                                                          std::vector<store::StoredReport>*) override {
      return Status::IOError("disk full");
    }
    Status ScanReports(const std::function<Status(const store::StoredReport&)>&) override { return {}; }
    Result<store::StoredReport> GetReport(const model::ReportKey&) override { return Status::NotFound("x"); }
    Result<std::vector<store::StoredReport>> GetReports(const std::vector<int64_t>&) override {
      return std::vector<store::StoredReport>{};
    }
    Result<int64_t> CountReports() override { return int64_t{0}; }
    Result<std::vector<store::StatsRow>> Stats(const store::StatsQuery&) override {
      return std::vector<store::StatsRow>{};
    }
  } failing;
  Ingester ing(failing, Options());
  std::string text;
  for (int i = 0; i < 20; ++i) text += Line(std::to_string(i)) + "\n";
  Status s = ing.IngestJsonlText(text, "a");
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(ing.summary().accepted, 0);
}

// Named "<thread|inline>_<backend>": the backend last, as the _pg binary's
// filter (*postgresql) expects.
INSTANTIATE_TEST_SUITE_P(Backends, IngesterTest,
                         ::testing::Combine(::testing::ValuesIn(testutil::StoreBackends()), ::testing::Bool()),
                         [](const auto& info) {
                           return std::string(std::get<1>(info.param) ? "thread_" : "inline_") +
                                  std::get<0>(info.param);
                         });

}  // namespace
}  // namespace zicht::ingest

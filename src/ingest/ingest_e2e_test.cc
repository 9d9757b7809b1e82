// `zicht ingest` and `zicht stats` end to end: the real binary on real files,
// on both store backends (ingest_e2e_test on SQLite, ingest_e2e_test_pg on a
// throw-away PostgreSQL cluster; tests/testutil/store_backend.h).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>

#include "testutil/store_backend.h"
#include "testutil/store_query.h"
#include "testutil/testutil.h"

namespace zicht {
namespace {

using testutil::RunZicht;

std::string Line(const std::string& id, const std::string& extra = "") {
  return R"({"id":")" + id + R"(","source":"fraudehelpdesk","reported_at":"2024-03-01T10:15:00Z","fraud_type":"hulpvraagfraude")" +
         extra + "}\n";
}

rapidjson::Document Json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

int64_t Count(const std::string& db, const std::string& sql) { return testutil::QueryNumber(db, sql); }

class IngestE2eTest : public testutil::StoreBackendTest {
 protected:
  std::string Db() const { return db_; }
};

INSTANTIATE_TEST_SUITE_P(Backends, IngestE2eTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(IngestE2eTest, JsonlFileJsonSummary) {
  std::string in = dir_.File("reports.jsonl");
  testutil::WriteFile(in, Line("1", R"(,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},{"kind":"phone","value":"onbekend"}])") +
                              Line("2") + "\n" +
                              R"({"id":"3","source":"fraudehelpdesk","reported_at":"2024-03-01","fraud_type":"hulpvraag"})" "\n");
  auto r = RunZicht({"ingest", in, "--db", Db(), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = Json(r.out);
  EXPECT_EQ(j["accepted"].GetInt(), 2);
  EXPECT_EQ(j["updated"].GetInt(), 0);
  EXPECT_EQ(j["duplicates"].GetInt(), 0);
  EXPECT_EQ(j["rejected"].GetInt(), 1);
  EXPECT_EQ(j["invalid_identifiers"].GetInt(), 1);
  EXPECT_EQ(j["warnings"].GetInt(), 0);
  EXPECT_NE(r.err.find(in + ":4: field 'fraud_type': 'hulpvraag' is not a fraud type"), std::string::npos) << r.err;
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM reports"), 2);
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM identifiers WHERE canonical = 'NL91ABNA0417164300' AND role = 'beneficiary'"), 1);
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM identifiers WHERE NOT valid AND value = 'onbekend'"), 1)
      << "invalid identifiers kept";
}

TEST_P(IngestE2eTest, HumanSummaryTable) {
  std::string in = dir_.File("r.ndjson");
  testutil::WriteFile(in, Line("1"));
  auto r = RunZicht({"ingest", in, "--db", Db()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("accepted (new)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid identifiers"), std::string::npos);
  EXPECT_EQ(r.err, "") << "no progress line when stderr is not a terminal";
}

TEST_P(IngestE2eTest, CsvFile) {
  std::string in = dir_.File("reports.CSV");
  testutil::WriteFile(in,
                      "id,source,reported_at,fraud_type,damage_eur,phone,spoofed_phone,text\r\n"
                      "c1,bank,2024-03-01,bankhelpdeskfraude,1200.50,06-12345678;0612345679,020 123 4567,\"Belde, zei \"\"bank\"\"\"\r\n"
                      "c2,bank,2024-03-02,bankhelpdeskfraude,-5,,,\r\n");
  auto r = RunZicht({"ingest", in, "--db", Db(), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = Json(r.out);
  EXPECT_EQ(j["accepted"].GetInt(), 1);
  EXPECT_EQ(j["rejected"].GetInt(), 1);
  EXPECT_NE(r.err.find(":3: field 'damage_eur': negative"), std::string::npos) << r.err;
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM identifiers WHERE kind = 'phone'"), 3);
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM identifiers WHERE role = 'spoofed'"), 1);
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM reports WHERE text = 'Belde, zei \"bank\"' AND damage_cents = 120050 AND outcome = 'loss'"), 1);
}

TEST_P(IngestE2eTest, StdinDash) {
  auto r = RunZicht({"ingest", "-", "--db", Db(), "--json"}, Line("s1") + Line("s2") + "{broken\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["accepted"].GetInt(), 2);
  EXPECT_NE(r.err.find("stdin:3: not valid JSON"), std::string::npos) << r.err;
}

TEST_P(IngestE2eTest, ReingestCountsDuplicatesAndUpdates) {
  std::string in = dir_.File("a.jsonl");
  testutil::WriteFile(in, Line("1") + Line("2") + Line("3"));
  ASSERT_EQ(RunZicht({"ingest", in, "--db", Db()}).exit_code, 0);
  std::string in2 = dir_.File("b.jsonl");
  testutil::WriteFile(in2, Line("1") + Line("2", R"(,"damage_eur":50)") + Line("4"));
  auto r = RunZicht({"ingest", in, in2, "--db", Db(), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = Json(r.out);
  EXPECT_EQ(j["duplicates"].GetInt(), 4);  // a: 1,2,3; b: 1
  EXPECT_EQ(j["updated"].GetInt(), 1);
  EXPECT_EQ(j["accepted"].GetInt(), 1);
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM reports"), 4);
  EXPECT_EQ(Count(Db(), "SELECT damage_cents FROM reports WHERE id = '2'"), 5000);
}

TEST_P(IngestE2eTest, UnknownFieldsWarnedAndNeverStored) {
  std::string in = dir_.File("pii.jsonl");
  testutil::WriteFile(in, Line("1", R"(,"victim_name":"Jantje Geheimnaam","victim":{"region":"NL-UT","iban_victim":"NL02GEHEIMIBAN"},)"
                                    R"("identifiers":[{"kind":"email","value":"a@b.nl","bsn":"SECRETBSN999"}])"));
  auto r = RunZicht({"ingest", in, "--db", Db(), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = Json(r.out);
  EXPECT_EQ(j["accepted"].GetInt(), 1);
  EXPECT_EQ(j["warnings"].GetInt(), 3);
  EXPECT_EQ(j["unknown_fields"]["victim_name"].GetInt(), 1);
  EXPECT_EQ(j["unknown_fields"]["victim.iban_victim"].GetInt(), 1);
  EXPECT_EQ(j["unknown_fields"]["identifiers[].bsn"].GetInt(), 1);
  for (const char* secret : {"Geheimnaam", "GEHEIMIBAN", "SECRETBSN"}) {
    EXPECT_EQ(r.out.find(secret), std::string::npos);
    EXPECT_EQ(r.err.find(secret), std::string::npos);
    if (postgres()) {
      // Every stored row as text: the database's files are the server's.
      for (const char* table : {"reports", "identifiers"}) {
        auto rows = testutil::QueryStore(Db(), std::string("SELECT t::text FROM ") + table + " t");
        ASSERT_TRUE(rows.has_value());
        EXPECT_EQ(rows->find(secret), std::string::npos) << secret << " found in " << table;
      }
      continue;
    }
    const std::string db_file = std::filesystem::path(Db()).filename().string();
    for (const auto& f : std::filesystem::directory_iterator(dir_.path())) {
      if (f.path().filename().string().rfind(db_file, 0) != 0) continue;  // the database, its WAL and journal
      EXPECT_EQ(testutil::ReadFile(f.path().string()).find(secret), std::string::npos)
          << secret << " found in " << f.path();
    }
  }
  EXPECT_EQ(Count(Db(), "SELECT COUNT(*) FROM reports WHERE region = 'NL-UT'"), 1);
}

TEST_P(IngestE2eTest, RejectsFileIsReingestable) {
  std::string in = dir_.File("in.jsonl");
  std::string bad = R"({"id":"2","source":"fraudehelpdesk","reported_at":"2024-02-30","fraud_type":"phishing"})";
  testutil::WriteFile(in, Line("1") + bad + "\n");
  std::string rejects = dir_.File("rejects.jsonl");
  auto r = RunZicht({"ingest", in, "--db", Db(), "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testutil::ReadFile(rejects),
            "# " + in + ":2: field 'reported_at': '2024-02-30' is not an RFC 3339 date or date-time: no such calendar date\n" +
                bad + "\n");
  std::string fixed = testutil::ReadFile(rejects);
  fixed.replace(fixed.rfind("2024-02-30"), 10, "2024-02-29");
  testutil::WriteFile(rejects, fixed);
  auto again = RunZicht({"ingest", rejects, "--db", Db(), "--json"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Json(again.out)["accepted"].GetInt(), 1);
  EXPECT_EQ(Json(again.out)["rejected"].GetInt(), 0);
}

TEST_P(IngestE2eTest, PrintedRejectionsAreCapped) {
  std::string text = Line("ok");  // one good line: some rejected lines are no failure
  for (int i = 0; i < 30; ++i) text += "42\n";
  auto r = RunZicht({"ingest", "-", "--db", Db(), "--json"}, text);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(Json(r.out)["rejected"].GetInt(), 30);
  EXPECT_NE(r.err.find("stdin:21: not a JSON object"), std::string::npos);
  EXPECT_EQ(r.err.find("stdin:22:"), std::string::npos);
  EXPECT_NE(r.err.find("10 more rejected lines"), std::string::npos) << r.err;
}

TEST_P(IngestE2eTest, ExitCodes) {
  std::string in = dir_.File("ok.jsonl");
  testutil::WriteFile(in, Line("1"));
  EXPECT_EQ(RunZicht({"ingest", "--db", Db()}).exit_code, 2) << "no file";
  EXPECT_EQ(RunZicht({"ingest", dir_.File("x.txt"), "--db", Db()}).exit_code, 2) << "unknown extension";
  std::filesystem::create_directory(dir_.File("d.jsonl"));
  EXPECT_EQ(RunZicht({"ingest", dir_.File("d.jsonl"), "--db", Db()}).exit_code, 1) << "a directory";
  EXPECT_EQ(RunZicht({"ingest", in, "--db", Db(), "--batch-size", "0"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"ingest", in, "--db", Db(), "--batch-size", "many"}).exit_code, 2);
  auto missing = RunZicht({"ingest", in, dir_.File("missing.jsonl"), "--db", Db()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing.jsonl"), std::string::npos);
  // A PostgreSQL database exists before the first ingest; its schema not.
  EXPECT_LE(Count(Db(), "SELECT COUNT(*) FROM reports"), 0) << "nothing ingested when an input is missing";
  if (!postgres()) {
    EXPECT_FALSE(std::filesystem::exists(Db())) << "no database file made when an input is missing";
  }
  EXPECT_EQ(RunZicht({"ingest", in, "--db", dir_.File("no/dir/z.db")}).exit_code, 1) << "database fails";
  EXPECT_EQ(RunZicht({"ingest", in, "--db", Db(), "--rejects", dir_.File("no/dir/r.jsonl")}).exit_code, 1);
  EXPECT_EQ(RunZicht({"ingest", "-", "--db", Db()}, Line("2") + "nonsense\n").exit_code, 0)
      << "some rejected lines are not a failure";
  auto none = RunZicht({"ingest", "-", "--db", Db()}, "nonsense\n");
  EXPECT_EQ(none.exit_code, 1) << "no line accepted: nothing went in";
  EXPECT_NE(none.err.find("no line was accepted: all 1 were rejected; the first: stdin:1:"), std::string::npos)
      << none.err;
}

TEST_P(IngestE2eTest, Stats) {
  std::string in = dir_.File("s.jsonl");
  testutil::WriteFile(in, Line("1", R"(,"damage_eur":100.5)") + Line("2") +
                              R"({"id":"3","source":"bank","reported_at":"2024-04-10","fraud_type":"phishing"})" "\n");
  ASSERT_EQ(RunZicht({"ingest", in, "--db", Db()}).exit_code, 0);
  auto json = RunZicht({"stats", "--db", Db(), "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  auto j = Json(json.out);
  ASSERT_EQ(j["rows"].Size(), 2u);
  EXPECT_STREQ(j["rows"][0]["period"].GetString(), "2024-03");
  EXPECT_EQ(j["rows"][0]["reports"].GetInt(), 2);
  EXPECT_EQ(j["rows"][0]["losses"].GetInt(), 1);
  EXPECT_EQ(j["rows"][0]["attempts"].GetInt(), 1);
  EXPECT_DOUBLE_EQ(j["rows"][0]["damage_eur"].GetDouble(), 100.5);
  auto csv = RunZicht({"stats", "--db", Db(), "--by", "week", "--type", "phishing", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out, "period,fraud_type,reports,attempts,losses,damage_eur\n2024-W15,phishing,1,1,0,0.00\n");
  auto since = RunZicht({"stats", "--db", Db(), "--since", "2024-04-01", "--format", "csv"});
  EXPECT_EQ(since.out, "period,fraud_type,reports,attempts,losses,damage_eur\n2024-04,phishing,1,1,0,0.00\n");
  auto table = RunZicht({"stats", "--db", Db(), "--format", "table"});
  EXPECT_NE(table.out.find("total"), std::string::npos);
  EXPECT_EQ(RunZicht({"stats", "--db", Db(), "--type", "nope"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--db", Db(), "--by", "day"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--db", Db(), "--since", "gisteren"}).exit_code, 2);
  EXPECT_EQ(RunZicht({"stats", "--db", dir_.File("none.db")}).exit_code, 1);
}

}  // namespace
}  // namespace zicht

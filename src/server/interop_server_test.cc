// The formats partners and victims already use, through a real `zicht
// serve` on 127.0.0.1: Dutch amounts as typed in the public form and the
// API ("1.250" is € 1250, not € 1,25), a JSON array of reports, and a MISP
// event posted to POST /v1/reports.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sqlite3.h>

#include <string>

#include "server/test_http_client.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;
using testing::ServerProcess;

std::string Query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out += std::string(t ? reinterpret_cast<const char*>(t) : "") + "\n";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

class InteropServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A MISP event is stored under source "misp" (ingest/misp_event.h), so
    // the key that imports it must be allowed to write that source.
    auto r = testutil::RunZicht(
        {"keys", "add", "--partner", "bank", "--role", "reporter", "--source", "bank", "--source", "misp", "--keys", keys_,
         "--legal-basis", "AVG art. 6(1)(f)"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    reporter_ = r.out.substr(0, r.out.find('\n'));
    // The public form files its reports under a partner with a reporter key.
    ASSERT_EQ(testutil::RunZicht({"keys", "add", "--partner", "fraudehelpdesk", "--role", "reporter", "--keys", keys_, "--legal-basis",
                                  "AVG art. 6(1)(f)"})
                  .exit_code,
              0);
  }
  std::vector<std::pair<std::string, std::string>> Auth() const {
    return {{"Authorization", "Bearer " + reporter_}, {"X-Purpose", "fraud-reporting"}, {"Content-Type", "application/json"}};
  }
  testutil::TempDir dir_;
  std::string db_ = dir_.File("zicht.db");
  std::string keys_ = dir_.File("keys.toml");
  std::string reporter_;
};

TEST_F(InteropServerTest, FormTakesDutchAmountsAsTyped) {
  ServerProcess s({"--db", db_, "--keys", keys_, "--form-partner", "fraudehelpdesk", "--form-rate", "100"});
  ASSERT_TRUE(s.started());
  struct Case {
    const char* typed;
    const char* normalized;
  };
  for (const Case& c : {Case{"1.250", "1250.00"}, Case{"1.250,50", "1250.50"}, Case{"€ 450", "450.00"},
                        Case{"800,00", "800.00"}}) {
    Response v = Call(s.port(), "POST", "/form/validate",
                      std::string(R"({"kind":"damage_eur","value":")") + c.typed + "\"}");
    ASSERT_EQ(v.status, 200) << v.body;
    rapidjson::Document d;
    d.Parse(v.body.c_str());
    EXPECT_TRUE(d["valid"].GetBool()) << c.typed;
    EXPECT_STREQ(d["normalized"].GetString(), c.normalized) << c.typed;
  }
  Response bad = Call(s.port(), "POST", "/form/validate", R"({"kind":"damage_eur","value":"1,2345"})");
  EXPECT_NE(bad.body.find("\"valid\":false"), std::string::npos) << bad.body;

  for (const char* typed : {"1.250", "1.250,50", "€ 450"}) {
    Response r = Call(s.port(), "POST", "/form/report",
                      std::string(R"({"reported_at":"2024-06-01","fraud_type":"aankoopfraude","damage_eur":")") +
                          typed + R"(","text":"Nooit geleverd"})");
    ASSERT_EQ(r.status, 200) << typed << ": " << r.body;
  }
  EXPECT_EQ(Query(db_, "SELECT damage_cents FROM reports ORDER BY damage_cents"), "45000\n125000\n125050\n");
}

TEST_F(InteropServerTest, ApiTakesArraysStringAmountsAndMispEvents) {
  ServerProcess s({"--db", db_, "--keys", keys_});
  ASSERT_TRUE(s.started());
  Response array = Call(s.port(), "POST", "/v1/reports", R"([
  {"id": "1", "source": "bank", "reported_at": "2024-03-01", "fraud_type": "phishing", "damage_eur": "1.250"},
  {"id": "2", "source": "bank", "reported_at": "2024-03-02", "fraud_type": "phishing"}
])",
                        Auth());
  ASSERT_EQ(array.status, 200) << array.body;
  EXPECT_NE(array.body.find("\"accepted\":2"), std::string::npos) << array.body;
  Response misp = Call(s.port(), "POST", "/v1/reports",
                       R"({"Event":{"uuid":"5e1c2b8a-3f4d-4c1e-9a2b-0c8d7e6f5a41","date":"2024-05-02","info":"x",)"
                       R"("Attribute":[{"type":"iban","value":"NL91ABNA0417164300"}]}})",
                       Auth());
  ASSERT_EQ(misp.status, 200) << misp.body;
  EXPECT_NE(misp.body.find("\"accepted\":1"), std::string::npos) << misp.body;
  EXPECT_EQ(Query(db_, "SELECT damage_cents FROM reports WHERE id = '1'"), "125000\n");
}

}  // namespace
}  // namespace zicht::server

// The analyst's disputes, outcome statistics and marks over HTTP against a
// real `zicht serve` (docs/alerts.md, "Disputes" and "Outcome statistics";
// docs/api.md): GET /v1/disputes, POST /v1/disputes/{id}/resolve,
// GET /v1/stats/outcomes and GET /v1/marks — who may call them, that a
// resolution made over HTTP is the one `zicht disputes list` shows and is
// audited like the CLI's, that bad input names the field, that the
// statistics are the figures of `zicht stats --outcomes --format json`, and
// that the marks follow blocks, disputes and their resolution and sum up
// every other outcome per identifier.
#include <algorithm>
#include <map>

#include "server/test_alert_util.h"
#include "server/test_server_fixture.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::DutchIban;
using testing::ReportLine;

class DisputeReviewServerTest : public ServerTest {
 protected:
  // A dispute opened by the bank's checker key over HTTP; returns its id.
  int OpenDispute(int port, const std::string& kind, const std::string& value, const std::string& reason) {
    auto opened = Call(port, "POST", "/v1/disputes",
                       R"({"kind":")" + kind + R"(","value":")" + value + R"(","reason":")" + reason + R"("})",
                       Auth(checker_, "payment-screening"));
    EXPECT_EQ(opened.status, 200) << opened.body;
    auto doc = Json(opened.body);
    return doc.IsObject() && doc.HasMember("id") ? doc["id"].GetInt() : 0;
  }

  // GET /v1/marks as "kind value REASON,REASON" lines, in the answer's order.
  std::vector<std::string> Marks(int port) {
    auto res = Call(port, "GET", "/v1/marks", "", Auth(analyst_));
    EXPECT_EQ(res.status, 200) << res.body;
    std::vector<std::string> lines;
    auto doc = Json(res.body);
    if (!doc.IsObject() || !doc.HasMember("marks")) return lines;
    for (const auto& m : doc["marks"].GetArray()) {
      std::string line = std::string(m["kind"].GetString()) + " " + m["value"].GetString() + " ";
      for (const auto& r : m["reasons"].GetArray()) line += std::string(r.GetString()) + ",";
      lines.push_back(line);
    }
    return lines;
  }
};

TEST_F(DisputeReviewServerTest, OnlyAnalystsWithScopeDetail) {
  const std::string risk_analyst = AddKey("politie", "analyst", {}, {"--scope", "risk"});
  auto server = Start();
  const int port = server->port();
  const int id = OpenDispute(port, "iban", kMuleIban, "the victim's own account");
  ASSERT_GT(id, 0);
  const std::string resolve = "/v1/disputes/" + std::to_string(id) + "/resolve";
  const std::string body = R"({"state":"rejected","reason":"the reports stand"})";
  struct Route {
    std::string method, target, body;
  };
  for (const Route& r : std::vector<Route>{{"GET", "/v1/disputes", ""},
                                           {"GET", "/v1/disputes?state=all", ""},
                                           {"GET", "/v1/stats/outcomes", ""},
                                           {"GET", "/v1/marks", ""},
                                           {"POST", resolve, body}}) {
    SCOPED_TRACE(r.method + " " + r.target);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, {{"Content-Type", "application/json"}}).status, 401);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, Auth("zk_not_a_key")).status, 401);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, Auth(checker_, "payment-screening")).status, 403);
    EXPECT_EQ(Call(port, r.method, r.target, r.body, Auth(reporter_, "fraud-reporting")).status, 403);
    auto scoped = Call(port, r.method, r.target, r.body, Auth(risk_analyst));
    EXPECT_EQ(scoped.status, 403) << "the list shows identifiers: scope detail only";
    EXPECT_NE(scoped.body.find("scope 'detail'"), std::string::npos) << scoped.body;
  }
  // Nothing above resolved it; the analyst with scope detail may.
  auto list = Call(port, "GET", "/v1/disputes", "", Auth(analyst_));
  ASSERT_EQ(list.status, 200) << list.body;
  auto doc = Json(list.body);
  ASSERT_EQ(doc["disputes"].Size(), 1u) << list.body;
  EXPECT_STREQ(doc["disputes"][0]["state"].GetString(), "open");
  EXPECT_EQ(Call(port, "POST", resolve, body, Auth(analyst_)).status, 200);
  EXPECT_EQ(Call(port, "GET", "/v1/stats/outcomes", "", Auth(analyst_)).status, 200);
}

TEST_F(DisputeReviewServerTest, ResolvedOverHttpAsOnTheCommandLineAndAudited) {
  auto server = Start();
  const int port = server->port();
  const int upheld = OpenDispute(port, "iban", kMuleIban, "the victim's own account");
  const int rejected = OpenDispute(port, "url", "https://betaal-nu.example/x", "our customer's shop");
  ASSERT_GT(upheld, 0);
  ASSERT_GT(rejected, 0);
  {
    auto list = Call(port, "GET", "/v1/disputes", "", Auth(analyst_));
    ASSERT_EQ(list.status, 200) << list.body;
    auto doc = Json(list.body);
    ASSERT_EQ(doc["disputes"].Size(), 2u) << list.body;
    const auto& d = doc["disputes"][0];
    EXPECT_EQ(d["id"].GetInt(), upheld);
    EXPECT_STREQ(d["partner"].GetString(), "bank");
    EXPECT_STREQ(d["kind"].GetString(), "iban");
    EXPECT_STREQ(d["value"].GetString(), kMuleIban);
    EXPECT_STREQ(d["reason"].GetString(), "the victim's own account");
    EXPECT_TRUE(d["resolved_at"].IsNull());
  }
  EXPECT_EQ(Marks(port), (std::vector<std::string>{std::string("iban ") + kMuleIban + " DISPUTED,",
                                                   "url https://betaal-nu.example/x DISPUTED,"}));
  auto up = Call(port, "POST", "/v1/disputes/" + std::to_string(upheld) + "/resolve",
                 R"({"state":"upheld","reason":"confirmed with the account holder"})", Auth(analyst_));
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_STREQ(Json(up.body)["state"].GetString(), "upheld");
  auto down = Call(port, "POST", "/v1/disputes/" + std::to_string(rejected) + "/resolve",
                   R"({"state":"rejected","reason":"the reports stand"})", Auth(analyst_));
  ASSERT_EQ(down.status, 200) << down.body;

  // The running server answers with the resolution at once.
  auto check = Call(port, "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_));
  EXPECT_NE(check.body.find("DISPUTE_UPHELD"), std::string::npos) << check.body;
  EXPECT_NE(check.body.find(R"("risk":"low")"), std::string::npos) << check.body;
  // An upheld dispute is marked as such; a rejected one no longer at all.
  EXPECT_EQ(Marks(port), (std::vector<std::string>{std::string("iban ") + kMuleIban + " DISPUTE_UPHELD,"}));
  // Open disputes: none; all: both, with the analyst's reasons — the same
  // records `zicht disputes list` prints.
  EXPECT_EQ(Json(Call(port, "GET", "/v1/disputes", "", Auth(analyst_)).body)["disputes"].Size(), 0u);
  auto all = Call(port, "GET", "/v1/disputes?state=all", "", Auth(analyst_));
  ASSERT_EQ(all.status, 200) << all.body;
  auto cli = testutil::RunZicht({"disputes", "list", "--all", "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto cli_doc = Json(cli.out);
  auto http_doc = Json(all.body);
  ASSERT_TRUE(cli_doc.IsArray()) << cli.out;
  EXPECT_TRUE(cli_doc == http_doc["disputes"]) << cli.out << "\n" << all.body;
  ASSERT_EQ(cli_doc.Size(), 2u);
  EXPECT_STREQ(cli_doc[0]["state"].GetString(), "upheld");
  EXPECT_STREQ(cli_doc[0]["resolution"].GetString(), "confirmed with the account holder");
  EXPECT_TRUE(cli_doc[0]["resolved_at"].IsString());
  EXPECT_STREQ(cli_doc[1]["state"].GetString(), "rejected");

  // Audited like `zicht disputes resolve`: the dispute and its new state,
  // with the analyst's partner; never the identifier.
  auto audit = testutil::RunZicht({"audit", "--db", db_, "--format", "json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  auto entries = Json(audit.out);
  ASSERT_TRUE(entries.IsArray()) << audit.out;
  int resolutions = 0;
  for (const auto& e : entries.GetArray()) {
    if (std::string(e["endpoint"].GetString()) != "POST /v1/disputes/{id}/resolve") continue;
    ++resolutions;
    EXPECT_STREQ(e["partner"].GetString(), "politie");
    const std::string subject = e["subject"].GetString();
    const std::string result = e["result"].GetString();
    EXPECT_TRUE((subject == "dispute/" + std::to_string(upheld) && result == "upheld") ||
                (subject == "dispute/" + std::to_string(rejected) && result == "rejected"))
        << subject << " " << result;
  }
  EXPECT_EQ(resolutions, 2) << audit.out;
  EXPECT_NE(audit.out.find("GET /v1/disputes"), std::string::npos) << "reading the list is audited too";
  EXPECT_EQ(audit.out.find(kMuleIban), std::string::npos) << "never the identifier";
  EXPECT_EQ(audit.out.find("betaal-nu"), std::string::npos) << "never the identifier";

  // A resolved dispute stays resolved; an unknown one is 404.
  auto again = Call(port, "POST", "/v1/disputes/" + std::to_string(upheld) + "/resolve",
                    R"({"state":"rejected","reason":"changed my mind"})", Auth(analyst_));
  EXPECT_EQ(again.status, 400) << again.body;
  EXPECT_NE(again.body.find("already upheld"), std::string::npos) << again.body;
  auto unknown = Call(port, "POST", "/v1/disputes/9999/resolve", R"({"state":"rejected","reason":"x"})",
                      Auth(analyst_));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
}

TEST_F(DisputeReviewServerTest, BadInputNamesTheField) {
  auto server = Start();
  const int port = server->port();
  const int id = OpenDispute(port, "iban", kMuleIban, "the victim's own account");
  ASSERT_GT(id, 0);
  const std::string resolve = "/v1/disputes/" + std::to_string(id) + "/resolve";
  for (const auto& [target, body, message] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {resolve, R"({"reason":"x"})", "field 'state' must be upheld or rejected"},
           {resolve, R"({"state":"open","reason":"x"})", "field 'state' must be upheld or rejected"},
           {resolve, R"({"state":"UPHELD","reason":"x"})", "field 'state' must be upheld or rejected"},
           {resolve, R"({"state":"upheld"})", "field 'reason' is required"},
           {resolve, R"({"state":"upheld","reason":""})", "field 'reason' is required"},
           {resolve, R"({"state":"upheld","reason":)" + std::string("\"") + std::string(501, 'x') + "\"}",
            "field 'reason' is required"},
           {resolve, R"(["upheld"])", "body must be a JSON object"},
           {"/v1/disputes/abc/resolve", R"({"state":"upheld","reason":"x"})", "path parameter 'id'"},
           {"/v1/disputes/0/resolve", R"({"state":"upheld","reason":"x"})", "path parameter 'id'"},
       }) {
    auto res = Call(port, "POST", target, body, Auth(analyst_));
    EXPECT_EQ(res.status, 400) << target << " " << body;
    EXPECT_NE(res.body.find(message), std::string::npos) << res.body;
  }
  auto bad_state = Call(port, "GET", "/v1/disputes?state=closed", "", Auth(analyst_));
  EXPECT_EQ(bad_state.status, 400);
  EXPECT_NE(bad_state.body.find("query parameter 'state' must be open or all"), std::string::npos) << bad_state.body;
  // None of it touched the dispute.
  auto list = Json(Call(port, "GET", "/v1/disputes", "", Auth(analyst_)).body);
  ASSERT_EQ(list["disputes"].Size(), 1u);
  EXPECT_STREQ(list["disputes"][0]["state"].GetString(), "open");
}

TEST_F(DisputeReviewServerTest, OutcomeStatisticsAreTheCommandLinesFigures) {
  auto sub = testutil::RunZicht({"subscriptions", "add", "--partner", "bank", "--bank-code", "INGB", "--db", db_});
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  testutil::WriteFile(dir_.File("rules.toml"), "[priority_cluster]\nenabled = false\n[mule_candidate]\nenabled = false\n");
  auto server = Start({"--alert-rules", dir_.File("rules.toml")});
  const int port = server->port();
  auto empty = Call(port, "GET", "/v1/stats/outcomes", "", Auth(analyst_));
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.body, R"({"outcomes":[]})");
  // Two ING accounts reach three reports each: two `reports` alerts for
  // the bank; one is blocked with money frozen, the other was a false
  // positive (which opens a dispute and so raises a `disputed` alert).
  const std::string blocked = DutchIban("INGB", 1111111);
  const std::string wrong = DutchIban("INGB", 2222222);
  for (int i = 0; i < 3; ++i) {
    for (const std::string& iban : {blocked, wrong}) {
      auto r = Call(port, "POST", "/v1/reports",
                    ReportLine(i == 1 ? "fraudehelpdesk" : "politie", iban + "-" + std::to_string(i), {iban},
                               "beneficiary"),
                    Auth(analyst_, "fraud-reporting"));
      ASSERT_EQ(r.status, 200) << r.body;
    }
  }
  std::string alert_ids[2];
  for (int i = 0; i < 100 && alert_ids[1].empty(); ++i) {
    auto feed = Json(Call(port, "GET", "/v1/alerts", "", Auth(checker_, "payment-screening")).body);
    for (const auto& a : feed["alerts"].GetArray()) {
      if (std::string(a["rule"].GetString()) != "reports") continue;
      alert_ids[std::string(a["normalized"].GetString()) == blocked ? 0 : 1] = a["id"].GetString();
    }
    if (alert_ids[1].empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(alert_ids[0].empty());
  ASSERT_FALSE(alert_ids[1].empty());
  ASSERT_EQ(Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + alert_ids[0] + R"(","outcome":"account_blocked"})",
                 Auth(checker_, "payment-screening")).status, 200);
  ASSERT_EQ(Call(port, "POST", "/v1/feedback",
                 R"({"alert_id":")" + alert_ids[0] + R"(","outcome":"funds_frozen","amount_eur":420.5})",
                 Auth(checker_, "payment-screening")).status, 200);
  ASSERT_EQ(Call(port, "POST", "/v1/feedback", R"({"alert_id":")" + alert_ids[1] + R"(","outcome":"false_positive"})",
                 Auth(checker_, "payment-screening")).status, 200);

  auto http = Call(port, "GET", "/v1/stats/outcomes", "", Auth(analyst_));
  ASSERT_EQ(http.status, 200) << http.body;
  auto cli = testutil::RunZicht({"stats", "--outcomes", "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(http.body + "\n", cli.out);
  auto doc = Json(http.body);
  ASSERT_EQ(doc["outcomes"].Size(), 2u) << http.body;
  EXPECT_STREQ(doc["outcomes"][0]["rule"].GetString(), "disputed") << http.body;
  const auto& row = doc["outcomes"][1];
  EXPECT_STREQ(row["partner"].GetString(), "bank");
  EXPECT_STREQ(row["rule"].GetString(), "reports");
  EXPECT_EQ(row["alerts"].GetInt(), 2);
  EXPECT_EQ(row["acted_on"].GetInt(), 1);
  EXPECT_EQ(row["false_positives"].GetInt(), 1);
  EXPECT_DOUBLE_EQ(row["frozen_eur"].GetDouble(), 420.5);
  // The block made the first IBAN a confirmed mule; the false positive
  // opened a dispute on the second.
  std::vector<std::string> expected = {"iban " + blocked + " CONFIRMED_MULE,", "iban " + wrong + " DISPUTED,"};
  std::sort(expected.begin(), expected.end());  // the answer is ordered by kind, then value
  EXPECT_EQ(Marks(port), expected);
}

// Outcomes that mark nothing — money frozen or recovered, no action and
// why — are in GET /v1/marks too, summed up per identifier and outcome,
// with the partners that reported them (the dashboard shows them beside
// the identifiers of a cluster and its reports).
TEST_F(DisputeReviewServerTest, MarksSumUpEveryOutcomePerIdentifier) {
  const std::string ing = AddKey("ing", "checker");
  auto server = Start();
  const int port = server->port();
  const std::string other = DutchIban("INGB", 1234);
  auto feedback = [&](const std::string& key, const std::string& iban, const std::string& rest) {
    auto res = Call(port, "POST", "/v1/feedback",
                    R"({"identifier":{"kind":"iban","value":")" + iban + R"("},)" + rest + "}",
                    Auth(key, "payment-screening"));
    EXPECT_EQ(res.status, 200) << res.body;
  };
  feedback(checker_, kMuleIban, R"("outcome":"funds_frozen","amount_eur":1000)");
  feedback(ing, kMuleIban, R"("outcome":"funds_frozen","amount_eur":250.5)");
  feedback(checker_, kMuleIban, R"("outcome":"funds_recovered","amount_eur":100)");
  feedback(checker_, kMuleIban, R"("outcome":"no_action","reason":"klant onbereikbaar")");
  feedback(checker_, kMuleIban, R"("outcome":"no_action","reason":"klant onbereikbaar")");
  feedback(ing, other, R"("outcome":"no_action","reason":"te laat gemeld")");

  auto res = Call(port, "GET", "/v1/marks", "", Auth(analyst_));
  ASSERT_EQ(res.status, 200) << res.body;
  auto doc = Json(res.body);
  ASSERT_TRUE(doc.IsObject() && doc["marks"].IsArray()) << res.body;
  std::map<std::string, std::string> summary;  // value → "outcome count amount partners reasons; …"
  for (const auto& m : doc["marks"].GetArray()) {
    ASSERT_TRUE(m.HasMember("outcomes") && m["outcomes"].IsArray()) << res.body;
    std::string line = std::to_string(m["reasons"].Size()) + " reasons:";
    for (const auto& o : m["outcomes"].GetArray()) {
      line += std::string(" ") + o["outcome"].GetString() + " x" + std::to_string(o["count"].GetInt());
      if (o.HasMember("amount_eur")) line += " eur" + std::to_string(o["amount_eur"].GetDouble());
      for (const auto& p : o["partners"].GetArray()) line += std::string(" ") + p.GetString();
      for (const auto& r : o["reasons"].GetArray()) line += std::string(" '") + r.GetString() + "'";
      line += ";";
    }
    summary[m["value"].GetString()] = line;
  }
  ASSERT_EQ(summary.size(), 2u) << res.body;
  EXPECT_EQ(summary[kMuleIban],
            "0 reasons: funds_frozen x2 eur1250.500000 bank ing; funds_recovered x1 eur100.000000 bank; "
            "no_action x2 bank 'klant onbereikbaar';")
      << res.body;
  EXPECT_EQ(summary[other], "0 reasons: no_action x1 ing 'te laat gemeld';") << res.body;
}

// A check carries the identifier's outcomes as counts and euros, at scope
// detail only: a hit key learns no more than the hit, a risk key the reason
// codes; nobody but the analysts' marks sees who reported them and why.
// `zicht check` prints the same verdict.
TEST_F(DisputeReviewServerTest, ChecksCarryOutcomesAtScopeDetailOnly) {
  const std::string hit = AddKey("rabo", "checker", {}, {"--scope", "hit"});
  const std::string risk = AddKey("rabo", "checker", {}, {"--scope", "risk"});
  const std::string detail = AddKey("rabo", "checker", {}, {"--scope", "detail"});
  auto server = Start();
  const int port = server->port();
  auto feedback = [&](const std::string& rest) {
    auto res = Call(port, "POST", "/v1/feedback",
                    R"({"identifier":{"kind":"iban","value":")" + std::string(kMuleIban) + R"("},)" + rest + "}",
                    Auth(checker_, "payment-screening"));
    EXPECT_EQ(res.status, 200) << res.body;
  };
  feedback(R"("outcome":"account_blocked")");
  feedback(R"("outcome":"funds_frozen","amount_eur":1250.5)");
  feedback(R"("outcome":"funds_frozen","amount_eur":100)");
  feedback(R"("outcome":"no_action","reason":"klant onbereikbaar")");

  auto check = [&](const std::string& key, const std::string& value) {
    auto res = Call(port, "POST", "/v1/check", CheckBody("iban", value), Auth(key, "payment-screening"));
    EXPECT_EQ(res.status, 200) << res.body;
    return res.body;
  };
  const std::string wide = check(detail, kMuleIban);
  auto doc = Json(wide);
  ASSERT_TRUE(doc.IsObject() && doc["results"].IsArray()) << wide;
  const auto& v = doc["results"][0];
  ASSERT_TRUE(v.HasMember("outcomes") && v["outcomes"].IsArray()) << wide;
  std::string outcomes;
  for (const auto& o : v["outcomes"].GetArray()) {
    outcomes += std::string(o["outcome"].GetString()) + " x" + std::to_string(o["count"].GetInt());
    if (o.HasMember("amount_eur")) outcomes += " eur" + std::to_string(o["amount_eur"].GetDouble());
    EXPECT_EQ(o.MemberCount(), o.HasMember("amount_eur") ? 3u : 2u) << "counts and euros only: " << wide;
    outcomes += ";";
  }
  EXPECT_EQ(outcomes, "account_blocked x1;funds_frozen x2 eur1350.500000;no_action x1;") << wide;
  EXPECT_EQ(wide.find("klant onbereikbaar"), std::string::npos) << "free-text reasons stay with the analysts";
  EXPECT_EQ(wide.find(R"("bank")"), std::string::npos) << "who reported stays with the analysts";
  EXPECT_NE(wide.find("CONFIRMED_MULE"), std::string::npos) << wide;

  const std::string narrow = check(risk, kMuleIban);
  EXPECT_EQ(narrow.find("outcomes"), std::string::npos) << narrow;
  EXPECT_EQ(narrow.find("funds_frozen"), std::string::npos) << narrow;
  EXPECT_NE(narrow.find("CONFIRMED_MULE"), std::string::npos) << narrow;
  const std::string bare = check(hit, kMuleIban);
  for (const char* leak : {"outcomes", "funds_frozen", "account_blocked", "CONFIRMED_MULE", "1350"}) {
    EXPECT_EQ(bare.find(leak), std::string::npos) << leak << " in a hit-only answer: " << bare;
  }
  // An identifier nobody reported back on has none.
  auto other = Json(check(detail, DutchIban("INGB", 1234)));
  ASSERT_TRUE(other["results"][0].HasMember("outcomes")) << "the field is always there at scope detail";
  EXPECT_EQ(other["results"][0]["outcomes"].Size(), 0u);

  // `zicht check` prints the detail verdict, outcomes included.
  auto cli = testutil::RunZicht({"check", "iban", kMuleIban, "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(Json(cli.out)["outcomes"], v["outcomes"]) << cli.out;
  auto table = testutil::RunZicht({"check", "iban", kMuleIban, "--format", "table", "--db", db_});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("account_blocked x1, funds_frozen x2 (€1,350.50)"), std::string::npos) << table.out;
}

// The analysts' cluster view names what partners reported back beside each
// identifier — the outcomes of GET /v1/marks, summed up with partners and
// reasons — in GET /v1/clusters/{id} and in `zicht cluster` (JSON: the
// same document; table: a line per identifier).
TEST_F(DisputeReviewServerTest, ClusterViewShowsEachIdentifiersOutcomes) {
  const std::string ing = AddKey("ing", "checker");
  auto server = Start();
  const int port = server->port();
  auto feedback = [&](const std::string& key, const std::string& rest) {
    auto res = Call(port, "POST", "/v1/feedback",
                    R"({"identifier":{"kind":"iban","value":")" + std::string(kMuleIban) + R"("},)" + rest + "}",
                    Auth(key, "payment-screening"));
    EXPECT_EQ(res.status, 200) << res.body;
  };
  feedback(checker_, R"("outcome":"account_blocked")");
  feedback(checker_, R"("outcome":"funds_frozen","amount_eur":400)");
  feedback(ing, R"("outcome":"funds_frozen","amount_eur":20.5)");
  feedback(ing, R"("outcome":"no_action","reason":"te laat gemeld")");

  auto list = Call(port, "GET", "/v1/clusters", "", Auth(analyst_));
  ASSERT_EQ(list.status, 200) << list.body;
  auto clusters = Json(list.body);
  ASSERT_EQ(clusters["clusters"].Size(), 1u) << list.body;
  const std::string id = clusters["clusters"][0]["id"].GetString();
  auto one = Call(port, "GET", "/v1/clusters/" + id, "", Auth(analyst_));
  ASSERT_EQ(one.status, 200) << one.body;
  auto doc = Json(one.body);
  ASSERT_TRUE(doc.IsObject() && doc["identifiers"].IsArray()) << one.body;
  std::map<std::string, std::string> seen;  // canonical → "outcome count amount partners reasons; …"
  for (const auto& n : doc["identifiers"].GetArray()) {
    ASSERT_TRUE(n.HasMember("outcomes") && n["outcomes"].IsArray()) << "every identifier has the field: " << one.body;
    std::string line;
    for (const auto& o : n["outcomes"].GetArray()) {
      line += std::string(o["outcome"].GetString()) + " x" + std::to_string(o["count"].GetInt());
      if (o.HasMember("amount_eur")) line += " eur" + std::to_string(o["amount_eur"].GetDouble());
      for (const auto& p : o["partners"].GetArray()) line += std::string(" ") + p.GetString();
      for (const auto& r : o["reasons"].GetArray()) line += std::string(" '") + r.GetString() + "'";
      line += ";";
    }
    seen[n["canonical"].GetString()] = line;
  }
  EXPECT_EQ(seen[kMuleIban],
            "account_blocked x1 bank;funds_frozen x2 eur420.500000 bank ing;no_action x1 ing 'te laat gemeld';")
      << one.body;
  EXPECT_EQ(seen["+31612345678"], "") << "an identifier nobody reported on: " << one.body;

  auto cli = testutil::RunZicht({"cluster", id, "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(cli.out, one.body + "\n");
  auto table = testutil::RunZicht({"cluster", id, "--format", "table", "--db", db_});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("account_blocked x1 (bank); funds_frozen x2 €420.50 (bank, ing); no_action x1 (ing)"),
            std::string::npos)
      << table.out;
}

}  // namespace
}  // namespace zicht::server

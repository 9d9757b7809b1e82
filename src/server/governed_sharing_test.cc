// Governed sharing over real HTTP (docs/privacy.md, "Scopes" and "Purposes
// and legal basis"): every cell of role × scope × endpoint × field, purpose
// binding, the legal basis in the audit log, `zicht audit --summary` and
// per-partner extracts, and the shared pseudonym key behind its legacy
// option. Keys are made with `zicht keys add` exactly as docs/keys.md shows.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <set>

#include "server/test_server_fixture.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;

// The members of a JSON object, as a set of names.
std::set<std::string> Members(const rapidjson::Value& v) {
  std::set<std::string> out;
  if (!v.IsObject()) return out;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) out.insert(it->name.GetString());
  return out;
}

const std::set<std::string> kHitFields = {"kind", "value", "normalized", "valid", "known", "risk"};
const std::set<std::string> kRiskFields = {"kind", "value", "normalized", "valid", "known", "risk", "reasons"};
const std::set<std::string> kDetailFields = {"kind",    "value",  "normalized",  "valid",      "known",
                                             "risk",    "reasons", "reports",    "losses",     "damage_eur",
                                             "first_seen", "last_seen", "fraud_types", "cluster", "outcomes"};

class GovernedSharingTest : public ServerTest {
 protected:
  //! A key of `role` with `scope` for `partner`, allowed `purposes`.
  std::string Key(const std::string& partner, const std::string& role, const std::string& scope,
                  const std::vector<std::string>& purposes, const std::string& basis = "AVG art. 6(1)(f)") {
    std::vector<std::string> args = {"keys", "add", "--partner", partner, "--role", role,
                                     "--scope", scope, "--legal-basis", basis, "--keys", keys_};
    for (const std::string& p : purposes) {
      args.push_back("--purpose");
      args.push_back(p);
    }
    auto r = testutil::RunZicht(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string key = r.out;
    while (!key.empty() && key.back() == '\n') key.pop_back();
    return key;
  }

  //! `zicht audit ARGS --db db_ --format json`, parsed.
  rapidjson::Document AuditJson(std::vector<std::string> args) {
    args.insert(args.begin(), "audit");
    args.insert(args.end(), {"--db", db_, "--format", "json"});
    auto r = testutil::RunZicht(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json(r.out);
  }
};

// Every cell: three roles × three scopes × each endpoint, the status and
// the exact set of fields a verdict (or a known identifier in a screened
// message) carries. The table in docs/privacy.md is this test.
TEST_F(GovernedSharingTest, RoleScopeEndpointFieldTable) {
  const std::vector<std::string> roles = {"analyst", "reporter", "checker"};
  const std::vector<std::string> scopes = {"hit", "risk", "detail"};
  std::map<std::pair<std::string, std::string>, std::string> keys;
  for (const std::string& role : roles) {
    for (const std::string& scope : scopes) {
      // Partner names are report sources: the reporter writes its own.
      keys[{role, scope}] = Key(role + "-" + scope, role, scope, {"fraud-investigation"});
    }
  }
  auto s = Start();
  const int port = s->port();
  // The cluster of the mule IBAN, from the fixture's analyst (detail).
  Response probe = Call(port, "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(analyst_));
  ASSERT_EQ(probe.status, 200) << probe.body;
  const std::string cluster = Json(probe.body)["results"][0]["cluster"]["id"].GetString();
  const std::string screen_text =
      R"({"text":"Hoi mam, mijn telefoon is kapot. Kun je 500 euro overmaken naar NL91 ABNA 0417 1643 00?"})";
  const std::string payment =
      R"({"type":"payment","account":"A1","at":"2024-05-01T11:00:00Z","amount_eur":50,"beneficiary_iban":"NL91ABNA0417164300","beneficiary_name":"X","new_beneficiary":true,"device":"fp:1","channel":"app"})";

  for (const std::string& role : roles) {
    for (const std::string& scope : scopes) {
      const std::string& key = keys[{role, scope}];
      const std::string cell = role + " × " + scope;
      const std::set<std::string>& fields = scope == "hit" ? kHitFields : scope == "risk" ? kRiskFields : kDetailFields;

      // POST /v1/check: every role; the fields of the scope, known or not.
      Response check = Call(port, "POST", "/v1/check",
                            R"({"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"},)"
                            R"({"kind":"iban","value":"NL20INGB0001234567"}]})",
                            Auth(key));
      ASSERT_EQ(check.status, 200) << cell << ": " << check.body;
      auto c = Json(check.body);
      ASSERT_EQ(c["results"].Size(), 2u) << cell;
      EXPECT_EQ(Members(c["results"][0]), fields) << cell << ": " << check.body;
      EXPECT_EQ(Members(c["results"][1]), fields) << cell << ": " << check.body;
      EXPECT_TRUE(c["results"][0]["known"].GetBool()) << cell;
      EXPECT_FALSE(c["results"][1]["known"].GetBool()) << cell;
      if (scope != "detail") {
        EXPECT_EQ(check.body.find("hulpvraagfraude"), std::string::npos) << cell << ": fraud type leaked";
        EXPECT_EQ(check.body.find(cluster), std::string::npos) << cell << ": cluster id leaked";
      }

      // POST /v1/messages/screen and screen-thread: every role; a known
      // identifier's report count only for detail.
      for (const char* target : {"/v1/messages/screen", "/v1/messages/screen-thread"}) {
        const std::string body =
            std::string(target) == "/v1/messages/screen" ? screen_text : R"({"messages":[)" + screen_text + "]}";
        Response sc = Call(port, "POST", target, body, Auth(key));
        ASSERT_EQ(sc.status, 200) << cell << " " << target << ": " << sc.body;
        auto d = Json(sc.body);
        ASSERT_TRUE(d.HasMember("known_identifiers")) << cell << ": " << sc.body;
        std::set<std::string> want = {"kind", "risk"};
        if (scope == "detail") want.insert("reports");
        EXPECT_EQ(Members(d["known_identifiers"][0]), want) << cell << " " << target << ": " << sc.body;
      }

      // POST /v1/payments/evaluate: every role; the bank's own decision
      // (no report data in it at any scope).
      Response ev = Call(port, "POST", "/v1/payments/evaluate", payment, Auth(key));
      ASSERT_EQ(ev.status, 200) << cell << ": " << ev.body;
      EXPECT_EQ(ev.body.find(cluster), std::string::npos) << cell;

      // POST /v1/reports: analyst and reporter, for their own source.
      const std::string report = R"({"id":"S-)" + role + scope + R"(","source":")" + role + "-" + scope +
                                 R"(","reported_at":"2024-05-01","fraud_type":"phishing"})";
      EXPECT_EQ(Call(port, "POST", "/v1/reports", report, Auth(key)).status, role == "checker" ? 403 : 200) << cell;

      // Report contents: analyst with scope detail only; the refusal names
      // what is missing and nothing of the data.
      const bool reads = role == "analyst" && scope == "detail";
      for (const std::string& target :
           {std::string("/v1/clusters"), "/v1/clusters/" + cluster, std::string("/v1/mules"), std::string("/v1/stats")}) {
        Response r = Call(port, "GET", target, "", Auth(key));
        EXPECT_EQ(r.status, reads ? 200 : 403) << cell << " " << target << ": " << r.body;
        if (!reads) {
          EXPECT_EQ(r.body.find(kMuleIban), std::string::npos) << cell << " " << target;
          EXPECT_NE(r.body.find(role == "analyst" ? "scope '" + scope + "'" : "role '" + role + "'"),
                    std::string::npos)
              << cell << " " << target << ": " << r.body;
        }
      }
    }
  }
}

// An error message discloses no more than the scope: a batch with one bad
// item is refused whole, before any verdict is computed.
TEST_F(GovernedSharingTest, ErrorsCarryNoVerdicts) {
  const std::string hit = Key("bank-hit", "checker", "hit", {"payment-screening"});
  auto s = Start();
  Response r = Call(s->port(), "POST", "/v1/check",
                    R"({"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"},{"kind":"nope","value":"x"}]})",
                    Auth(hit, "payment-screening"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body.find("risk"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find(kMuleIban), std::string::npos) << r.body;
}

TEST_F(GovernedSharingTest, PurposeMustBeOnTheKeyAndIsAuditedWithTheLegalBasis) {
  const std::string bank =
      Key("rabobank", "checker", "hit", {"payment-screening", "onboarding"}, "AVG art. 6(1)(f); convenant PPS");
  auto s = Start();
  const int port = s->port();
  const std::string body = CheckBody("iban", kMuleIban);
  Headers none = {{"Authorization", "Bearer " + bank}, {"Content-Type", "application/json"}};
  struct Case {
    Headers headers;
    const char* says;
  };
  for (const Case& c : {Case{none, "header 'X-Purpose' is required"},
                        Case{Auth(bank, "fraud check"), "is not a known purpose"},
                        Case{Auth(bank, "fraud-investigation"), "is not registered for this key"}}) {
    Response r = Call(port, "POST", "/v1/check", body, c.headers);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(r.body.find(c.says), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("payment-screening, onboarding"), std::string::npos) << "names the allowed purposes: "
                                                                                 << r.body;
  }
  EXPECT_EQ(Call(port, "POST", "/v1/check", body, Auth(bank, "payment-screening")).status, 200);
  EXPECT_EQ(Call(port, "POST", "/v1/check", body, Auth(bank, "onboarding")).status, 200);
  s->Stop(SIGTERM);

  // Refused look-ups were not made, so they are not in the log; the two
  // that were carry their purpose and the key's legal basis.
  auto log = AuditJson({"--partner", "rabobank"});
  ASSERT_TRUE(log.IsArray());
  ASSERT_EQ(log.Size(), 2u);
  EXPECT_STREQ(log[0]["purpose"].GetString(), "payment-screening");
  EXPECT_STREQ(log[1]["purpose"].GetString(), "onboarding");
  for (const auto& e : log.GetArray()) {
    EXPECT_STREQ(e["legal_basis"].GetString(), "AVG art. 6(1)(f); convenant PPS");
  }
}

TEST_F(GovernedSharingTest, AuditSummaryPerPartnerAndPurpose) {
  const std::string rabo = Key("rabobank", "checker", "hit", {"payment-screening", "onboarding"});
  const std::string ing = Key("ing", "checker", "risk", {"payment-screening"});
  auto s = Start();
  const int port = s->port();
  auto check = [&](const std::string& key, const std::string& purpose, const std::string& iban) {
    EXPECT_EQ(Call(port, "POST", "/v1/check", CheckBody("iban", iban), Auth(key, purpose)).status, 200);
  };
  check(rabo, "payment-screening", kMuleIban);
  check(rabo, "payment-screening", "NL20INGB0001234567");
  check(rabo, "payment-screening", "NL20INGB0001234567");
  check(rabo, "onboarding", kMuleIban);
  check(ing, "payment-screening", kMuleIban);
  s->Stop(SIGTERM);

  auto summary = AuditJson({"--summary"});
  ASSERT_TRUE(summary.IsArray()) << "summary is a JSON array";
  std::map<std::string, const rapidjson::Value*> rows;
  for (const auto& row : summary.GetArray()) {
    rows[std::string(row["partner"].GetString()) + "/" + row["purpose"].GetString()] = &row;
  }
  ASSERT_EQ(rows.size(), 3u);
  const rapidjson::Value& rp = *rows.at("rabobank/payment-screening");
  EXPECT_EQ(rp["checks"].GetInt(), 3);
  EXPECT_EQ(rp["hits"].GetInt(), 1);
  EXPECT_NEAR(rp["hit_rate"].GetDouble(), 1.0 / 3, 1e-3);
  EXPECT_STREQ(rp["legal_basis"].GetString(), "AVG art. 6(1)(f)");
  EXPECT_EQ((*rows.at("rabobank/onboarding"))["hits"].GetInt(), 1);
  EXPECT_EQ((*rows.at("ing/payment-screening"))["checks"].GetInt(), 1);
  // The table form says the same for a person.
  auto table = testutil::RunZicht({"audit", "--summary", "--db", db_, "--format", "table"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("33.3%"), std::string::npos) << table.out;
}

// Item 4: what the hub hands a partner carries pseudonyms derived for that
// partner: two partners' extracts of one IBAN cannot be joined, and neither
// is the deployment pseudonym the hub keeps.
TEST_F(GovernedSharingTest, AuditExtractsHavePerPartnerPseudonyms) {
  const std::string rabo = Key("rabobank", "checker", "hit", {"payment-screening"});
  const std::string ing = Key("ing", "checker", "hit", {"payment-screening"});
  auto s = Start();
  for (const std::string& key : {rabo, ing}) {
    EXPECT_EQ(Call(s->port(), "POST", "/v1/check", CheckBody("iban", kMuleIban), Auth(key, "payment-screening")).status,
              200);
  }
  s->Stop(SIGTERM);
  auto hub = AuditJson({"--kind", "iban", "--value", kMuleIban});
  ASSERT_EQ(hub.Size(), 2u);
  const std::string hub_pseudonym = hub[0]["pseudonym"].GetString();
  EXPECT_EQ(hub_pseudonym, hub[1]["pseudonym"].GetString()) << "the hub's own log joins them";
  auto a = AuditJson({"--extract-for", "rabobank"});
  auto b = AuditJson({"--extract-for", "ing"});
  ASSERT_EQ(a.Size(), 1u);
  ASSERT_EQ(b.Size(), 1u);
  EXPECT_STREQ(a[0]["partner"].GetString(), "rabobank");
  EXPECT_STREQ(b[0]["partner"].GetString(), "ing");
  const std::string pa = a[0]["pseudonym"].GetString(), pb = b[0]["pseudonym"].GetString();
  EXPECT_EQ(pa.size(), 64u);
  EXPECT_NE(pa, pb);
  EXPECT_NE(pa, hub_pseudonym);
  EXPECT_NE(pb, hub_pseudonym);
  // An extract cannot be widened to other partners or searched by value.
  EXPECT_EQ(testutil::RunZicht({"audit", "--db", db_, "--extract-for", "ing", "--partner", "rabobank"}).exit_code, 2);
  EXPECT_EQ(
      testutil::RunZicht({"audit", "--db", db_, "--extract-for", "ing", "--kind", "iban", "--value", kMuleIban}).exit_code,
      2);
}

// The shared pseudonym key lets anyone who holds it reverse phone numbers
// offline, so look-ups by it are off unless the deployment asks for them.
TEST_F(GovernedSharingTest, SharedPseudonymsOnlyBehindTheLegacyOption) {
  {
    auto s = Start();  // creates the deployment key next to the database
    s->Stop(SIGTERM);
  }
  auto p = testutil::RunZicht({"pseudonymize", "iban", kMuleIban, "--key-file", dir_.File("zicht-pseudonym.key")});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  std::string pseudonym = p.out.substr(0, 64);
  const std::string body = R"({"identifiers":[{"kind":"iban","pseudonym":")" + pseudonym + R"("}]})";
  {
    auto s = Start();
    Response r = Call(s->port(), "POST", "/v1/check", body, Auth(checker_));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("identifiers[0].pseudonym"), std::string::npos) << r.body;
  }
  {
    auto s = Start({"--legacy-shared-pseudonyms"});
    Response r = Call(s->port(), "POST", "/v1/check", body, Auth(checker_));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(Json(r.body)["results"][0]["known"].GetBool()) << r.body;
  }
}

// A scope or purpose the keys file does not know stops `zicht serve` with a
// message naming the entry and field; `zicht keys add` refuses them too,
// leaving the file as it was.
TEST_F(GovernedSharingTest, BadScopesAndPurposesAreClearErrors) {
  const std::string before = testutil::ReadFile(keys_);
  auto scope = testutil::RunZicht({"keys", "add", "--partner", "x", "--role", "checker", "--scope", "hits",
                                   "--legal-basis", "b", "--keys", keys_});
  EXPECT_EQ(scope.exit_code, 2);
  EXPECT_NE(scope.err.find("--scope 'hits' is unknown; one of hit, risk, detail"), std::string::npos) << scope.err;
  auto purpose = testutil::RunZicht({"keys", "add", "--partner", "x", "--role", "checker", "--purpose", "marketing",
                                     "--legal-basis", "b", "--keys", keys_});
  EXPECT_EQ(purpose.exit_code, 2);
  EXPECT_NE(purpose.err.find("--purpose 'marketing' is unknown"), std::string::npos) << purpose.err;
  auto basis = testutil::RunZicht({"keys", "add", "--partner", "x", "--role", "checker", "--keys", keys_});
  EXPECT_EQ(basis.exit_code, 2);
  EXPECT_NE(basis.err.find("--legal-basis"), std::string::npos) << basis.err;
  EXPECT_EQ(testutil::ReadFile(keys_), before) << "nothing written";

  std::string edited = before;
  size_t at = edited.find("scope = 'hit'");
  ASSERT_NE(at, std::string::npos) << edited;
  edited.replace(at, 13, "scope = 'hti'");
  testutil::WriteFile(keys_, edited);
  auto serve = testutil::RunZicht({"serve", "--db", db_, "--keys", keys_, "--listen", "127.0.0.1:0"});
  EXPECT_NE(serve.exit_code, 0);
  EXPECT_NE(serve.err.find("field 'scope': must be one of hit, risk, detail"), std::string::npos) << serve.err;
}

}  // namespace
}  // namespace zicht::server

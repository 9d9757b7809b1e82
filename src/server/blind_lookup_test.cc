// Blind look-ups over real HTTP and the real `zicht blind-check`
// (docs/privacy.md, "Blind look-ups"; docs/api.md): the same verdicts as
// POST /v1/check in every scope, nothing of an unknown value or its token
// in the database or the server's stderr, malformed elements refused
// before the key operation, evaluations audited and rate-limited per key,
// and OPRF key rotation with an overlap.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include "blind/oprf.h"
#include "blind/verdict_box.h"
#include "common/encoding.h"
#include "server/oprf_key.h"
#include "server/test_server_fixture.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;

constexpr char kUnknownIban[] = "DE89 3704 0044 0532 0130 00";
constexpr char kUnknownCanonical[] = "DE89370400440532013000";

std::string Elements(const std::vector<std::string>& items) {
  std::string body = R"({"elements":[)";
  for (size_t i = 0; i < items.size(); ++i) body += (i ? ",\"" : "\"") + items[i] + "\"";
  return body + "]}";
}

std::string B64(std::span<const unsigned char> b) { return blind::ToBase64Url(b); }

// A valid blinded element for `input`.
std::string Blinded(const std::string& input) {
  return B64(*blind::Blind(input, blind::RandomScalar()));
}

bool Contains(const std::string& hay, std::span<const unsigned char> needle) {
  return hay.find(std::string(reinterpret_cast<const char*>(needle.data()), needle.size())) != std::string::npos;
}

class BlindLookupTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_TRUE(blind::InitSodium().ok());
  }

  std::string ScopedKey(const std::string& partner, const std::string& scope) {
    return AddKey(partner, "checker", {}, {"--scope", scope});
  }

  //! `zicht blind-check ARGS --url … --key KEY --purpose payment-screening`.
  testutil::CommandResult BlindCheck(int port, const std::string& key, std::vector<std::string> args) {
    args.insert(args.begin(), "blind-check");
    args.insert(args.end(), {"--url", "http://127.0.0.1:" + std::to_string(port), "--key", key, "--purpose",
                             "payment-screening"});
    return testutil::RunZicht(args);
  }

  std::string CheckVerdict(int port, const std::string& key, const std::string& value) {
    Response r = Call(port, "POST", "/v1/check", CheckBody("iban", value), Auth(key, "payment-screening"));
    EXPECT_EQ(r.status, 200) << r.body;
    rapidjson::Document d = Json(r.body);
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    d["results"][0].Accept(w);
    return buf.GetString();
  }

  rapidjson::Document AuditJson() {
    auto r = testutil::RunZicht({"audit", "--db", db_, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json(r.out);
  }
};

TEST_F(BlindLookupTest, HelpNamesTheOptions) {
  auto r = testutil::RunZicht({"blind-check", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* option : {"--url", "--key", "--purpose", "--jsonl", "kind", "value"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

// The end-to-end promise of issue 13: a known mule IBAN and an unknown one,
// checked blindly, give POST /v1/check's verdicts under the same key; the
// hub's database and stderr hold neither the unknown value nor its token.
TEST_F(BlindLookupTest, SameVerdictsAsCheckAndNothingOfTheUnknownStored) {
  std::map<std::string, std::string> keys;
  for (const char* scope : {"hit", "risk", "detail"}) keys[scope] = ScopedKey(std::string("bank-") + scope, scope);
  auto s = Start();
  const int port = s->port();
  for (const auto& [scope, key] : keys) {
    SCOPED_TRACE(scope);
    for (const std::string& value : {std::string("NL91 ABNA 0417 1643 00"), std::string(kUnknownIban)}) {
      auto r = BlindCheck(port, key, {"iban", value});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(Json(r.out), Json(CheckVerdict(port, key, value))) << r.out;
    }
    // The batch form: one verdict a line, in order.
    testutil::WriteFile(dir_.File("asks.jsonl"), std::string(R"({"kind":"iban","value":")") + kUnknownIban +
                                                     "\"}\n" + R"({"kind":"iban","value":"NL91ABNA0417164300"})" +
                                                     "\n");
    auto batch = BlindCheck(port, key, {"--jsonl", dir_.File("asks.jsonl")});
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    std::string first = batch.out.substr(0, batch.out.find('\n'));
    std::string second = batch.out.substr(first.size() + 1);
    second.erase(second.find('\n'));
    EXPECT_EQ(Json(first), Json(CheckVerdict(port, key, kUnknownIban)));
    EXPECT_EQ(Json(second), Json(CheckVerdict(port, key, "NL91ABNA0417164300")));
  }
  EXPECT_EQ(Json(BlindCheck(port, keys["hit"], {"iban", "NL91 ABNA 0417 1643 00"}).out)["known"].GetBool(), true);
  EXPECT_EQ(s->Stop(SIGTERM), 0);

  // The unknown IBAN's token, as the client computed it.
  auto oprf_key = LoadOprfKey(dir_.File("zicht-oprf.key"));
  ASSERT_TRUE(oprf_key.ok()) << oprf_key.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(dir_.File("zicht-oprf.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  blind::Output token = *blind::Evaluate(oprf_key->secret, blind::OprfInput("iban", kUnknownCanonical));
  std::string stored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (std::filesystem::exists(db_ + suffix)) stored += testutil::ReadFile(db_ + suffix);
  }
  std::string logs = s->Stderr();
  ASSERT_FALSE(stored.empty());
  for (const std::string* where : {&stored, &logs}) {
    const char* name = where == &stored ? "database" : "stderr";
    EXPECT_EQ(where->find(kUnknownCanonical), std::string::npos) << name;
    EXPECT_EQ(where->find("DE89 3704"), std::string::npos) << name;
    EXPECT_FALSE(Contains(*where, token)) << name;
    EXPECT_EQ(where->find(HexEncode(token)), std::string::npos) << name;
    EXPECT_EQ(where->find(B64(token)), std::string::npos) << name;
    // Not even the token's first 16 bytes (hex or base64url).
    EXPECT_EQ(where->find(HexEncode(std::span(token).first(16))), std::string::npos) << name;
  }
  // The known IBAN's canonical form is in the database (its report): the
  // scan above would have found the unknown one.
  EXPECT_NE(stored.find("NL91ABNA0417164300"), std::string::npos);
}

// What partners reported back reaches a blind look-up as it reaches
// POST /v1/check: a blocked account is CONFIRMED_MULE with its outcomes at
// scope detail, and no more than the hit at scope hit.
TEST_F(BlindLookupTest, OutcomesAsInCheck) {
  std::map<std::string, std::string> keys;
  for (const char* scope : {"hit", "risk", "detail"}) keys[scope] = ScopedKey(std::string("bank-") + scope, scope);
  auto s = Start();
  const int port = s->port();
  for (const char* body : {R"("outcome":"account_blocked")", R"("outcome":"funds_frozen","amount_eur":75)"}) {
    Response r = Call(port, "POST", "/v1/feedback",
                      R"({"identifier":{"kind":"iban","value":"NL91ABNA0417164300"},)" + std::string(body) + "}",
                      Auth(keys["hit"], "payment-screening"));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  for (const auto& [scope, key] : keys) {
    SCOPED_TRACE(scope);
    auto r = BlindCheck(port, key, {"iban", "NL91 ABNA 0417 1643 00"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(Json(r.out), Json(CheckVerdict(port, key, "NL91 ABNA 0417 1643 00"))) << r.out;
    EXPECT_EQ(r.out.find("CONFIRMED_MULE") != std::string::npos, scope != "hit") << r.out;
    EXPECT_EQ(r.out.find(R"("outcome":"funds_frozen","count":1,"amount_eur":75)") != std::string::npos,
              scope == "detail")
        << r.out;
  }
}

// Malformed elements get a 400 naming the item, and never reach the key
// operation: no audit entry, no rate-limit tokens taken (--oprf-rate 1
// still lets the valid request after them through).
TEST_F(BlindLookupTest, MalformedElementsAreRefusedBeforeTheKey) {
  auto s = Start({"--oprf-rate", "1"});
  const int port = s->port();
  const std::string good = Blinded("iban:NL91ABNA0417164300");
  unsigned char identity[32] = {};
  unsigned char invalid[32];
  std::fill(std::begin(invalid), std::end(invalid), 0xff);
  unsigned char short_bytes[31] = {7};
  struct Case {
    std::string body, expect;
  };
  std::vector<Case> cases = {
      {Elements({good, B64(invalid)}), "elements[1]: not a valid ristretto255 encoding"},
      {Elements({B64(identity)}), "elements[0]: the identity element is not allowed"},
      {Elements({good, good, B64(short_bytes)}), "elements[2]: an element is 32 bytes, not 31"},
      {Elements({"not*base64"}), "elements[0]: not base64url"},
      {Elements(std::vector<std::string>(101, good)), "at most 100 per request"},
      {R"({"elements":[]})", "must not be empty"},
      {R"({"elements":[7]})", "elements[0] must be a string"},
      {R"({"blinded":[]})", "field 'elements' is required"},
  };
  for (const Case& c : cases) {
    Response r = Call(port, "POST", "/v1/oprf/evaluate", c.body, Auth(checker_, "payment-screening"));
    EXPECT_EQ(r.status, 400) << c.expect;
    EXPECT_NE(r.body.find(c.expect), std::string::npos) << r.body;
  }
  for (const std::string& body : {std::string(R"({"key_id":"x","prefix":"ABCD"})"), std::string(R"({"prefix":"abcd"})"),
                                  std::string(R"({"key_id":"x","prefix":"abcde"})")}) {
    EXPECT_EQ(Call(port, "POST", "/v1/blind/bucket", body, Auth(checker_, "payment-screening")).status, 400) << body;
  }
  Response ok = Call(port, "POST", "/v1/oprf/evaluate", Elements({good}), Auth(checker_, "payment-screening"));
  EXPECT_EQ(ok.status, 200) << ok.body;
  s->Stop(SIGTERM);
  int oprf_entries = 0;
  rapidjson::Document audit = AuditJson();
  for (const auto& e : audit.GetArray()) {
    if (std::string(e["endpoint"].GetString()) == "POST /v1/oprf/evaluate") ++oprf_entries;
  }
  EXPECT_EQ(oprf_entries, 1);
}

// Each evaluation and bucket is audited (partner, purpose, time, count,
// bucket; never an element or token) and the per-key rate limit answers 429.
TEST_F(BlindLookupTest, EvaluationsAreAuditedAndRateLimitedPerKey) {
  const std::string other = AddKey("bank2", "checker");
  auto s = Start({"--oprf-rate", "3"});
  const int port = s->port();
  const std::string e = Blinded("iban:NL91ABNA0417164300");
  Response first = Call(port, "POST", "/v1/oprf/evaluate", Elements({e, e}), Auth(checker_, "payment-screening"));
  ASSERT_EQ(first.status, 200) << first.body;
  rapidjson::Document answer = Json(first.body);
  ASSERT_EQ(answer["evaluated"].Size(), 2u);
  const std::string key_id = answer["key_id"].GetString();
  Response limited = Call(port, "POST", "/v1/oprf/evaluate", Elements({e, e}), Auth(checker_, "payment-screening"));
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.headers["retry-after"].empty());
  // Another key has its own budget.
  EXPECT_EQ(Call(port, "POST", "/v1/oprf/evaluate", Elements({e, e}), Auth(other, "payment-screening")).status, 200);
  Response bucket = Call(port, "POST", "/v1/blind/bucket", R"({"key_id":")" + key_id + R"(","prefix":"0a1b"})",
                         Auth(checker_, "onboarding"));
  EXPECT_EQ(bucket.status, 200) << bucket.body;
  s->Stop(SIGTERM);
  auto r = testutil::RunZicht({"audit", "--db", db_, "--partner", "bank", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document audit = Json(r.out);
  std::vector<std::string> seen;
  for (const auto& entry : audit.GetArray()) {
    std::string endpoint = entry["endpoint"].GetString();
    if (endpoint.find("/v1/oprf") == std::string::npos && endpoint.find("/v1/blind") == std::string::npos) continue;
    EXPECT_EQ(std::string(entry["partner"].GetString()), "bank");
    EXPECT_TRUE(entry["at"].IsString());
    seen.push_back(endpoint + " " + entry["kind"].GetString() + " " + entry["subject"].GetString() + " " +
                   entry["purpose"].GetString() + " " + entry["result"].GetString());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "POST /v1/oprf/evaluate oprf elements=2 key=" + key_id + " payment-screening evaluated",
                      "POST /v1/oprf/evaluate oprf elements=2 key=" + key_id + " payment-screening rate_limited",
                      "POST /v1/blind/bucket blind bucket=0a1b key=" + key_id + " onboarding entries=0"}));
  // The table form shows them too.
  auto table = testutil::RunZicht({"audit", "--db", db_, "--format", "table"});
  EXPECT_NE(table.out.find("bucket=0a1b"), std::string::npos) << table.out;
}

// Rotation: the previous key's buckets are answered during the overlap,
// evaluations use the new key, and past the overlap the old id gets 409.
TEST_F(BlindLookupTest, KeyRotationKeepsThePreviousKeyForTheOverlap) {
  std::string old_id;
  {
    auto s = Start();
    Response r = Call(s->port(), "POST", "/v1/oprf/evaluate", Elements({Blinded("iban:X")}),
                      Auth(checker_, "payment-screening"));
    ASSERT_EQ(r.status, 200) << r.body;
    old_id = Json(r.body)["key_id"].GetString();
  }
  std::filesystem::rename(dir_.File("zicht-oprf.key"), dir_.File("old-oprf.key"));
  const std::string bucket = R"({"key_id":")" + old_id + R"(","prefix":"0000"})";
  {
    auto s = Start({"--oprf-previous-key-file", dir_.File("old-oprf.key")});
    Response r = Call(s->port(), "POST", "/v1/oprf/evaluate", Elements({Blinded("iban:X")}),
                      Auth(checker_, "payment-screening"));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(std::string(Json(r.body)["key_id"].GetString()), old_id);
    EXPECT_EQ(Call(s->port(), "POST", "/v1/blind/bucket", bucket, Auth(checker_, "payment-screening")).status, 200);
    // The known IBAN is found blindly under the new key.
    auto check = BlindCheck(s->port(), checker_, {"iban", kMuleIban});
    ASSERT_EQ(check.exit_code, 0) << check.err;
    EXPECT_TRUE(Json(check.out)["known"].GetBool());
  }
  {
    auto s = Start({"--oprf-previous-key-file", dir_.File("old-oprf.key"), "--oprf-overlap-days", "0"});
    Response r = Call(s->port(), "POST", "/v1/blind/bucket", bucket, Auth(checker_, "payment-screening"));
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(r.body.find("evaluate again"), std::string::npos);
  }
}

// Reports that arrive while the server runs are found blindly at once.
TEST_F(BlindLookupTest, NewReportsAreFoundBlindly) {
  auto s = Start();
  const int port = s->port();
  auto before = BlindCheck(port, checker_, {"phone", "06-87654321"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_FALSE(Json(before.out)["known"].GetBool());
  Response post = Call(port, "POST", "/v1/reports",
                       R"({"id":"N1","source":"fraudehelpdesk","reported_at":"2024-05-01","fraud_type":"phishing",)"
                       R"("identifiers":[{"kind":"phone","value":"+31687654321"}]})",
                       Auth(reporter_, "fraud-reporting"));
  ASSERT_EQ(post.status, 200) << post.body;
  auto after = BlindCheck(port, checker_, {"phone", "06-87654321"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(Json(after.out), Json(R"({"kind":"phone","value":"06-87654321","normalized":"+31687654321",)"
                                  R"("valid":true,"known":true,"risk":"medium"})"));
}

// A large index is built in the background (forced here with
// --oprf-background-above 0): the server answers at once, a bucket asked
// before the build is done gets 503 — never a verdict from half an index —
// and once built the blind verdict equals POST /v1/check's.
TEST_F(BlindLookupTest, TokenIndexBuiltInTheBackgroundIsWaitedFor) {
  auto s = Start({"--oprf-background-above", "0"});
  const int port = s->port();
  const std::string expected = CheckVerdict(port, checker_, kMuleIban);
  testutil::CommandResult r;
  for (int attempt = 0; attempt < 100; ++attempt) {
    r = BlindCheck(port, checker_, {"iban", kMuleIban});
    if (r.exit_code == 0) break;
    // Only "still building" may come before the answer.
    ASSERT_NE(r.err.find("token index is still being built"), std::string::npos) << r.err;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto blind = Json(r.out);
  auto check = Json(expected);
  EXPECT_EQ(blind["known"], check["known"]) << r.out;
  EXPECT_EQ(blind["risk"], check["risk"]) << r.out;
  EXPECT_EQ(s->Stop(SIGTERM), 0);
  EXPECT_NE(s->Stderr().find("in the background"), std::string::npos) << s->Stderr();
}

}  // namespace
}  // namespace zicht::server

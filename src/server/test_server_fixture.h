#pragma once
// Test-only: the fixture of the server tests. A temporary directory with a
// SQLite database seeded by `zicht ingest` (three reports: a money-mule IBAN
// in two of them), a keys file with an analyst (politie), a reporter
// (fraudehelpdesk) and a checker (bank) made by `zicht keys add`, and
// Start(), which runs the real `zicht serve` on an ephemeral port.
// BackendServerTest is the same on each store backend (SQLite, PostgreSQL):
// only for tests registered with zicht_test(… BACKENDS …), whose binaries
// link tests/testutil/store_backend.h's implementation.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server/test_http_client.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::server {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr char kMuleIban[] = "NL91ABNA0417164300";
inline constexpr char kSeed[] =
    R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01T10:00:00Z","fraud_type":"hulpvraagfraude","damage_eur":250,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"},{"kind":"phone","value":"06-12345678"}],"text":"Hoi mam"})"
    "\n"
    R"({"id":"R2","source":"politie","reported_at":"2024-03-05T10:00:00Z","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
    "\n"
    R"({"id":"R3","source":"politie","reported_at":"2024-04-05","fraud_type":"phishing","identifiers":[{"kind":"url","value":"https://betaal-nu.example/x"}]})"
    "\n";

inline rapidjson::Document Json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  return d;
}

inline std::string CheckBody(const std::string& kind, const std::string& value) {
  return R"({"identifiers":[{"kind":")" + kind + R"(","value":")" + value + R"("}]})";
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (db_.empty()) db_ = dir_.File("zicht.db");  // a subclass may name another store first
    keys_ = dir_.File("keys.toml");
    testutil::WriteFile(dir_.File("seed.jsonl"), kSeed);
    auto r = testutil::RunZicht({"ingest", "--db", db_, dir_.File("seed.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The police analyst may also write the fraud helpdesk's reports (the
    // role matrix posts one of those).
    analyst_ = AddKey("politie", "analyst", {"politie", "fraudehelpdesk"});
    reporter_ = AddKey("fraudehelpdesk", "reporter");
    checker_ = AddKey("bank", "checker");
  }

  //! A key made with `zicht keys add`; `sources` become --source options.
  //! The fixture's keys may be used for every purpose (purpose binding and
  //! scopes are tested with keys of their own, see scope_test.cc); their
  //! scope is the role's default unless `extra` names one.
  std::string AddKey(const std::string& partner, const std::string& role,
                     const std::vector<std::string>& sources = {}, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"keys", "add", "--partner", partner, "--role", role, "--keys", keys_,
                                     "--legal-basis", "AVG art. 6(1)(f)"};
    for (const char* purpose : {"payment-screening", "onboarding", "transaction-monitoring", "fraud-investigation",
                                "fraud-reporting", "message-screening"}) {
      args.push_back("--purpose");
      args.push_back(purpose);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    for (const std::string& source : sources) {
      args.push_back("--source");
      args.push_back(source);
    }
    auto r = testutil::RunZicht(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string key = r.out;
    while (!key.empty() && key.back() == '\n') key.pop_back();
    return key;
  }

  std::unique_ptr<testing::ServerProcess> Start(std::vector<std::string> extra = {}, long open_files = 0) {
    std::vector<std::string> args = {"--db", db_, "--keys", keys_, "--web-root", dir_.File("web")};
    // A PostgreSQL store has no directory for the secrets to default to:
    // every node of a test shares the test directory's, under the names a
    // SQLite store there defaults to (so PseudonymKeyFile() is both).
    if (db_.starts_with("postgres") && std::find(extra.begin(), extra.end(), "--pseudonym-key-file") == extra.end()) {
      args.insert(args.end(), {"--pseudonym-key-file", PseudonymKeyFile(), "--oprf-key-file",
                               dir_.File("zicht-oprf.key")});
    }
    args.insert(args.end(), extra.begin(), extra.end());
    auto s = std::make_unique<testing::ServerProcess>(args, open_files);
    EXPECT_TRUE(s->started()) << "server did not start";
    return s;
  }

  //! The deployment's pseudonym key of a server from Start() (for `zicht
  //! pseudonymize --key-file`, `zicht audit --key-file`).
  std::string PseudonymKeyFile() const { return dir_.File("zicht-pseudonym.key"); }

  static Headers Auth(const std::string& key, const std::string& purpose = "fraud-investigation") {
    return {{"Authorization", "Bearer " + key}, {"X-Purpose", purpose}, {"Content-Type", "application/json"}};
  }

  testutil::TempDir dir_;
  std::string db_, keys_, analyst_, reporter_, checker_;
};

//! ServerTest on a fresh store of the backend the parameter names (a SQLite
//! file, or a new database in the test binary's PostgreSQL cluster). A test
//! file instantiates it with
//!   INSTANTIATE_TEST_SUITE_P(Backends, Fixture, ::testing::ValuesIn(testutil::StoreBackends()),
//!                            testutil::BackendName());
class BackendServerTest : public ServerTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    db_ = testutil::FreshStoreLocation(GetParam(), dir_);
    ASSERT_FALSE(db_.empty());
    ServerTest::SetUp();
  }
};

}  // namespace zicht::server

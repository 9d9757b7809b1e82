// Message screening over HTTP with the real `zicht serve`: the conversation
// endpoint, the intelligence (KNOWN_FRAUD_IDENTIFIER), bad input, and
// --signals DIR reloaded on SIGHUP.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "server/test_http_client.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;
using testing::ServerProcess;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr char kSeed[] =
    R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01T10:00:00Z","fraud_type":"hulpvraagfraude","damage_eur":250,"identifiers":[{"kind":"iban","value":"NL91 ABNA 0417 1643 00"}]})"
    "\n"
    R"({"id":"R2","source":"politie","reported_at":"2024-03-05T10:00:00Z","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
    "\n";

class ScreenServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    keys_ = dir_.File("keys.toml");
    testutil::WriteFile(dir_.File("seed.jsonl"), kSeed);
    ASSERT_EQ(testutil::RunZicht({"ingest", "--db", db_, dir_.File("seed.jsonl")}).exit_code, 0);
    auto r = testutil::RunZicht({"keys", "add", "--partner", "bank", "--role", "checker", "--purpose", "message-screening", "--keys", keys_,
                                  "--legal-basis", "AVG art. 6(1)(f)"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    key_ = r.out.substr(0, r.out.find('\n'));
  }
  std::unique_ptr<ServerProcess> Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--db", db_, "--keys", keys_};
    args.insert(args.end(), extra.begin(), extra.end());
    auto s = std::make_unique<ServerProcess>(args);
    EXPECT_TRUE(s->started());
    return s;
  }
  Response Post(int port, const std::string& target, const std::string& body) {
    return Call(port, "POST", target, body,
                {{"Authorization", "Bearer " + key_}, {"X-Purpose", "message-screening"}, {"Content-Type", "application/json"}});
  }
  static rapidjson::Document Json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    return d;
  }
  testutil::TempDir dir_;
  std::string db_, keys_, key_;
};

TEST_F(ScreenServerTest, ThreadAddsUpAcrossMessages) {
  auto s = Start();
  Response r = Post(s->port(), "/v1/messages/screen-thread",
                    R"({"messages":[{"text":"Hoi, hoe is het?"},"Alles goed hier.","Kun je vandaag 900 euro overmaken? Ik betaal het morgen terug, mijn telefoon is kapot"],"sender_known":false})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = Json(r.body);
  EXPECT_STRNE(d["label"].GetString(), "none");
  EXPECT_EQ(d["messages"].GetInt(), 3);
  EXPECT_EQ(d["first_flagged"].GetInt(), 2);
  Response opener = Post(s->port(), "/v1/messages/screen-thread", R"({"messages":["Hoi mam, dit is mijn nieuwe nummer"]})");
  ASSERT_EQ(opener.status, 200);
  EXPECT_STREQ(Json(opener.body)["label"].GetString(), "hulpvraagfraude");
  EXPECT_EQ(Json(opener.body)["first_flagged"].GetInt(), 0);
}

TEST_F(ScreenServerTest, AForwardedWarningQuotingTheOpenerIsReportedSpeech) {
  // The same object as `zicht screen` (screen_cli_test): the quoted opener is
  // not the sender's, so no floor rule fires on it (docs/screening.md).
  auto s = Start();
  Response r = Post(s->port(), "/v1/messages/screen",
                    "{\"text\":\"Let op! Er gaan berichten rond: \u201cHoi mam, dit is mijn nieuwe nummer\u201d. "
                    "Reageer niet\",\"sender_known\":false}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"label\":\"none\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"QUOTED_MESSAGE\""), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("\"NEW_NUMBER\""), std::string::npos) << r.body;
}

TEST_F(ScreenServerTest, BadInputGetsAClearError) {
  auto s = Start();
  Response empty = Post(s->port(), "/v1/messages/screen-thread", R"({"messages":[]})");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("messages: empty thread"), std::string::npos) << empty.body;
  EXPECT_EQ(Post(s->port(), "/v1/messages/screen-thread", R"({"text":"hoi"})").status, 400);
  Response utf8 = Post(s->port(), "/v1/messages/screen", "{\"text\":\"hoi \xff mam\"}");
  EXPECT_EQ(utf8.status, 400);
  EXPECT_NE(utf8.body.find("not valid JSON"), std::string::npos) << utf8.body;
  // Under the route's body limit but over the text limit: the field is named.
  Response big = Post(s->port(), "/v1/messages/screen", "{\"text\":\"" + std::string(100000, 'a') + "\"}");
  EXPECT_EQ(big.status, 413);
  EXPECT_NE(big.body.find("text: longer than 65536 bytes"), std::string::npos) << big.body;
  // Over the route's body limit: refused from the header alone. The server
  // answers and closes without reading the body, so the client, still
  // sending, may see the connection reset before it reads the 413 (status 0).
  Response huge = Post(s->port(), "/v1/messages/screen", "{\"text\":\"" + std::string(1 << 20, 'a') + "\"}");
  if (huge.status != 0) {
    EXPECT_EQ(huge.status, 413);
    EXPECT_NE(huge.body.find("over the limit of 1048576 bytes"), std::string::npos) << huge.body;
  }
}

TEST_F(ScreenServerTest, KnownMuleIbanIsFlaggedWithTheVerdict) {
  auto s = Start();
  Response r = Post(s->port(), "/v1/messages/screen", R"({"text":"Het is NL91 ABNA 0417 1643 00 tnv J. de Vries","sender_known":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("KNOWN_FRAUD_IDENTIFIER"), std::string::npos) << r.body;
  auto d = Json(r.body);
  ASSERT_TRUE(d.HasMember("known_identifiers")) << r.body;
  EXPECT_STREQ(d["known_identifiers"][0]["kind"].GetString(), "iban");
  EXPECT_STRNE(d["label"].GetString(), "none");
  EXPECT_EQ(r.body.find("NL91"), std::string::npos) << "the identifier is not repeated";
}

TEST_F(ScreenServerTest, SignalsDirectoryIsReloadedOnSighup) {
  const std::string signals = dir_.File("signals");
  std::filesystem::create_directories(signals);
  testutil::WriteFile(signals + "/weights.tsv", "floor\tbankhelpdeskfraude\t0.99\tURGENCY\n");
  auto s = Start({"--signals", signals});
  const std::string body = R"({"text":"Kom je vandaag nog eten?","sender_known":true})";
  auto label = [&] { return std::string(Json(Post(s->port(), "/v1/messages/screen", body).body)["label"].GetString()); };
  EXPECT_EQ(label(), "bankhelpdeskfraude");
  // A broken file: the old signals stay, and stderr names file, line and
  // column (polled: the reload is asynchronous).
  testutil::WriteFile(signals + "/weights.tsv", "# comment\nfloor\tspam\t0.99\tURGENCY\n");
  ASSERT_EQ(::kill(s->pid(), SIGHUP), 0);
  bool reported = false;
  for (int i = 0; i < 200 && !reported; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reported = s->Stderr().find("screening signals not reloaded") != std::string::npos;
  }
  ASSERT_TRUE(reported) << s->Stderr();
  EXPECT_NE(s->Stderr().find("weights.tsv:2:7: unknown label \"spam\""), std::string::npos) << s->Stderr();
  EXPECT_EQ(label(), "bankhelpdeskfraude");
  // A valid file takes effect after the next SIGHUP.
  testutil::WriteFile(signals + "/weights.tsv", "# no rules\n");
  bool reloaded = false;
  for (int i = 0; i < 200 && !reloaded; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (i % 20 == 10) ::kill(s->pid(), SIGHUP);
    reloaded = label() == "none";
  }
  EXPECT_TRUE(reloaded);
}

}  // namespace
}  // namespace zicht::server

// Contracts of a real `zicht serve` on 127.0.0.1 with other tools:
//  - /metrics, after requests that touch every metric family, checked by
//    Prometheus's own linter (`promtool check metrics`: counters end in
//    _total, units in the name, HELP and TYPE right) and for the names
//    docs/api.md promises;
//  - the JSON of one cluster is the same from the API and the CLI.
// (Every response here is also checked against docs/openapi.yaml by the
// CTest step openapi_responses.)
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <string>
#include <vector>

#include "server/test_http_client.h"
#include "testutil/testutil.h"

namespace zicht::server {
namespace {

using testing::Call;
using testing::Response;
using testing::ServerProcess;

constexpr char kSeed[] =
    R"({"id":"R1","source":"fraudehelpdesk","reported_at":"2024-03-01T10:00:00Z","fraud_type":"hulpvraagfraude","damage_eur":250,"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
    "\n"
    R"({"id":"R2","source":"politie","reported_at":"2024-03-05T10:00:00Z","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})"
    "\n";

class ContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("zicht.db");
    keys_ = dir_.File("keys.toml");
    testutil::WriteFile(dir_.File("seed.jsonl"), kSeed);
    auto r = testutil::RunZicht({"ingest", "--db", db_, dir_.File("seed.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = testutil::RunZicht({"keys", "add", "--partner", "politie", "--role", "analyst", "--keys", keys_, "--legal-basis", "Politiewet art. 3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    key_ = r.out.substr(0, r.out.find('\n'));
  }

  // Scrapes /metrics after a check (audit entry, request counter, latency),
  // a report upload (ingest counter) and a failed request.
  std::string Scrape() {
    ServerProcess server({"--db", db_, "--keys", keys_, "--web-root", dir_.File("web")});
    EXPECT_TRUE(server.started());
    const std::vector<std::pair<std::string, std::string>> auth = {
        {"Authorization", "Bearer " + key_}, {"X-Purpose", "fraud-investigation"}, {"Content-Type", "application/json"}};
    EXPECT_EQ(Call(server.port(), "POST", "/v1/check",
                   R"({"identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]})", auth)
                  .status,
              200);
    EXPECT_EQ(Call(server.port(), "POST", "/v1/reports",
                   R"({"id":"R3","source":"politie","reported_at":"2024-03-06","fraud_type":"phishing"})", auth)
                  .status,
              200);
    EXPECT_EQ(Call(server.port(), "GET", "/v1/clusters/nope", "", auth).status, 404);
    Response metrics = Call(server.port(), "GET", "/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_EQ(metrics.headers["content-type"].rfind("text/plain; version=0.0.4", 0), 0u);
    return metrics.body;
  }

  testutil::TempDir dir_;
  std::string db_, keys_, key_;
};

TEST_F(ContractTest, MetricsPassPromtool) {
  const std::string body = Scrape();
  testutil::CommandResult lint = testutil::Run({PROMTOOL, "check", "metrics"}, body);
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  EXPECT_EQ(lint.out + lint.err, "") << body;
}

// Issue 16: a count since start is a counter ending in _total; bytes and
// counts are separate metrics; process and build-info metrics exist.
TEST_F(ContractTest, MetricsHaveConventionalNamesAndProcessMetrics) {
  const std::string body = Scrape();
  for (const char* line :
       {"# TYPE zicht_http_requests_total counter", "# TYPE zicht_audit_entries_written_total counter",
        "# TYPE zicht_ingest_reports_total counter", "# TYPE zicht_index_reports gauge",
        "# TYPE zicht_index_identifiers gauge", "# TYPE zicht_index_memory_bytes gauge",
        "# TYPE zicht_http_request_duration_seconds histogram", "# TYPE process_cpu_seconds_total counter",
        "# TYPE process_resident_memory_bytes gauge", "# TYPE process_open_fds gauge",
        "# TYPE process_start_time_seconds gauge", "\nzicht_index_reports 3\n",
        "zicht_ingest_reports_total{outcome=\"accepted\"} 1\n"}) {
    EXPECT_NE(body.find(line), std::string::npos) << line << "\n" << body;
  }
  EXPECT_NE(body.find("zicht_build_info{version=\""), std::string::npos) << body;
  EXPECT_EQ(body.find("zicht_index_size"), std::string::npos) << "one metric mixing bytes and counts";
  EXPECT_EQ(body.find("zicht_audit_entries_written "), std::string::npos) << "a count exported as a gauge";
}

// Issue 16: `zicht cluster ID --format json` and GET /v1/clusters/{id} give
// the same document, and the cluster list entries are the same objects.
TEST_F(ContractTest, ClusterJsonIsTheSameFromCliAndApi) {
  ServerProcess server({"--db", db_, "--keys", keys_, "--web-root", dir_.File("web")});
  ASSERT_TRUE(server.started());
  const std::vector<std::pair<std::string, std::string>> auth = {{"Authorization", "Bearer " + key_},
                                                                 {"X-Purpose", "fraud-investigation"}};
  Response list = Call(server.port(), "GET", "/v1/clusters", "", auth);
  ASSERT_EQ(list.status, 200) << list.body;
  rapidjson::Document api_list;
  api_list.Parse(list.body.c_str());
  ASSERT_TRUE(api_list.IsObject() && api_list["clusters"].Size() == 1) << list.body;
  const std::string id = api_list["clusters"][0]["id"].GetString();

  Response one = Call(server.port(), "GET", "/v1/clusters/" + id, "", auth);
  ASSERT_EQ(one.status, 200) << one.body;
  testutil::CommandResult cli = testutil::RunZicht({"cluster", id, "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(cli.out, one.body + "\n");

  cli = testutil::RunZicht({"clusters", "--format", "json", "--db", db_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  rapidjson::Document cli_list;
  cli_list.Parse(cli.out.c_str());
  ASSERT_TRUE(cli_list.IsObject() && cli_list["clusters"].Size() == 1) << cli.out;
  EXPECT_TRUE(cli_list["clusters"][0] == api_list["clusters"][0]) << cli.out << "\n" << list.body;
}

// Issue 16: the web app's files go out pre-compressed when the client
// accepts it, with an ETag and Cache-Control, and a revalidation with the
// ETag costs no body (304).
TEST_F(ContractTest, WebAppFilesCompressedAndRevalidated) {
  std::filesystem::create_directories(dir_.File("web"));
  const std::string plain(4000, 'x');
  testutil::WriteFile(dir_.File("web/app.js"), plain);
  testutil::WriteFile(dir_.File("web/app.js.br"), "brotli bytes");
  testutil::WriteFile(dir_.File("web/app.js.gz"), "gzip bytes");
  testutil::WriteFile(dir_.File("web/index.html"), "<html></html>");
  ServerProcess server({"--db", db_, "--keys", keys_, "--web-root", dir_.File("web")});
  ASSERT_TRUE(server.started());

  Response br = Call(server.port(), "GET", "/app.js", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(br.body, "brotli bytes");
  EXPECT_EQ(br.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(br.headers["cache-control"], "no-cache");
  EXPECT_EQ(br.headers["content-type"], "text/javascript; charset=utf-8");
  ASSERT_FALSE(br.headers["etag"].empty());

  Response gz = Call(server.port(), "GET", "/app.js", "", {{"Accept-Encoding", "gzip, br;q=0"}});
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.body, "gzip bytes");
  EXPECT_NE(gz.headers["etag"], br.headers["etag"]) << "one ETag per representation";

  Response identity = Call(server.port(), "GET", "/app.js");
  EXPECT_EQ(identity.headers.count("content-encoding"), 0u);
  EXPECT_EQ(identity.body, plain);

  Response again = Call(server.port(), "GET", "/app.js", "",
                        {{"Accept-Encoding", "gzip, deflate, br"}, {"If-None-Match", br.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  Response changed = Call(server.port(), "GET", "/app.js", "",
                          {{"Accept-Encoding", "gzip, deflate, br"}, {"If-None-Match", "\"stale\""}});
  EXPECT_EQ(changed.status, 200);

  Response html = Call(server.port(), "GET", "/");
  EXPECT_EQ(html.headers.count("vary"), 0u) << "no compressed copy, one representation";
  EXPECT_FALSE(html.headers["etag"].empty());
}

}  // namespace
}  // namespace zicht::server

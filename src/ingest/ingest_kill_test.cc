// Crash safety (docs/design.md, "Ingest guarantees": "Nothing accepted is ever
// lost, also when the process is killed mid-ingest"). Starts `zicht ingest`
// on a large file, kill -9s it once some batches have committed, checks the
// database, ingests again and expects every report exactly once. On both
// store backends (ingest_kill_test_pg: a throw-away PostgreSQL cluster).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "testutil/store_backend.h"
#include "testutil/store_query.h"
#include "testutil/testutil.h"

namespace zicht {
namespace {

constexpr int kLines = 250000;

// A simple, fast generator: realistic enough to exercise normalisation
// (IBAN and phone per report) and deterministic.
void WriteInput(const std::string& path) {
  std::ofstream f(path);
  char line[512];
  for (int i = 0; i < kLines; ++i) {
    std::snprintf(line, sizeof line,
                  R"({"id":"K-%07d","source":"killtest","reported_at":"2024-%02d-%02dT10:00:00Z","fraud_type":"phishing",)"
                  R"("damage_eur":%d.%02d,"identifiers":[{"kind":"phone","value":"06-%08d"},)"
                  R"({"kind":"device","value":"fp:%x"}],"text":"bericht %d"})"
                  "\n",
                  i, 1 + i % 12, 1 + i % 28, i % 900, i % 100, i % 100000000, i * 7919, i);
    f << line;
  }
}

// -1 when the database cannot be read yet (not created, schema not there).
int64_t CountReports(const std::string& db) { return testutil::QueryNumber(db, "SELECT COUNT(*) FROM reports"); }

// "ok" when the store is consistent: SQLite's own check of the file, and on
// both backends no identifier row without its report (a half batch).
std::string IntegrityCheck(const std::string& db, bool postgres) {
  if (!postgres) {
    std::string file = testutil::QueryStore(db, "PRAGMA integrity_check").value_or("unreadable\n");
    if (file != "ok\n") return file;
  }
  int64_t orphans = testutil::QueryNumber(
      db, "SELECT COUNT(*) FROM identifiers i LEFT JOIN reports r ON r.row_id = i.report_row WHERE r.row_id IS NULL");
  return orphans == 0 ? "ok" : std::to_string(orphans) + " identifiers without their report";
}

class IngestKillTest : public testutil::StoreBackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, IngestKillTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(IngestKillTest, KillNineMidIngestThenReingestGivesEveryReportOnce) {
  std::string input = dir_.File("big.jsonl");
  const std::string& db = db_;
  WriteInput(input);

  std::string bin = testutil::ZichtBin();
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: quiet, small batches so several commit early.
    freopen("/dev/null", "w", stdout);
    execl(bin.c_str(), bin.c_str(), "ingest", input.c_str(), "--db", db.c_str(), "--batch-size", "2000",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until at least three batches have committed, then kill -9.
  int64_t seen = -1;
  bool exited = false;
  for (int i = 0; i < 60000; ++i) {
    seen = CountReports(db);
    if (seen >= 6000) break;
    int st = 0;
    if (waitpid(pid, &st, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_FALSE(exited) << "ingest ended before it could be killed";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest finished before the kill; input too small for this machine";

  EXPECT_EQ(IntegrityCheck(db, postgres()), "ok");
  int64_t survived = CountReports(db);
  EXPECT_GE(survived, seen) << "committed batches survive";
  EXPECT_LT(survived, kLines);
  EXPECT_EQ(survived % 2000, 0) << "only whole batches";

  auto again = testutil::RunZicht({"ingest", input, "--db", db, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  rapidjson::Document j;
  j.Parse(again.out.c_str());
  ASSERT_FALSE(j.HasParseError()) << again.out;
  EXPECT_EQ(j["duplicates"].GetInt64(), survived);
  EXPECT_EQ(j["accepted"].GetInt64(), kLines - survived);
  EXPECT_EQ(j["updated"].GetInt64(), 0);
  EXPECT_EQ(j["rejected"].GetInt64(), 0);
  EXPECT_EQ(CountReports(db), kLines) << "every report exactly once";
  EXPECT_EQ(IntegrityCheck(db, postgres()), "ok");
}

}  // namespace
}  // namespace zicht

// Crash safety of a retention run (docs/privacy.md, "Retention": "one run
// is one transaction"): `zicht retention apply` over 40,000 expired
// reports is killed with SIGKILL while it writes its transaction to the
// WAL. Afterwards every expired report is either still there with all its
// identifiers or gone with all of them; nothing half. A second run then
// erases them all.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "testutil/testutil.h"

namespace zicht {
namespace {

constexpr int kOld = 40000;
constexpr int kRecent = 2000;

void WriteInput(const std::string& path) {
  std::ofstream f(path);
  char line[512];
  for (int i = 0; i < kOld + kRecent; ++i) {
    bool old = i < kOld;
    std::snprintf(line, sizeof line,
                  R"({"id":"K-%07d","source":"%s","reported_at":"%s","fraud_type":"phishing",)"
                  R"("identifiers":[{"kind":"phone","value":"06-%08d"},{"kind":"device","value":"fp:%x"}],)"
                  R"("text":"bericht %d met wat tekst erbij zodat de rij wat groter is"})"
                  "\n",
                  i, old ? "oud" : "nieuw", old ? "2015-03-01" : "2099-01-01", i % 100000000, i * 7919, i);
    f << line;
  }
}

// One number from the database; -1 when it cannot be read.
int64_t Query(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

TEST(RetentionKillTest, KillNineMidRunErasesAllOrNothing) {
  testutil::TempDir dir;
  std::string input = dir.File("reports.jsonl");
  std::string db = dir.File("z.db");
  std::string policy = dir.File("zicht-retention.toml");
  WriteInput(input);
  testutil::WriteFile(policy, "[sources]\noud = \"P5Y\"\n");
  auto ingest = testutil::RunZicht({"ingest", input, "--db", db});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  ASSERT_EQ(Query(db, "SELECT COUNT(*) FROM reports"), kOld + kRecent);

  std::string bin = testutil::ZichtBin();
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(bin.c_str(), bin.c_str(), "retention", "apply", "--retention", policy.c_str(), "--db", db.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // The deletions reach the WAL as the transaction is written: kill once
  // it holds a few hundred KiB of them.
  bool exited = false;
  std::error_code ec;
  for (int i = 0; i < 200000; ++i) {
    auto size = std::filesystem::file_size(db + "-wal", ec);
    if (!ec && size > 256 * 1024) break;
    int st = 0;
    if (waitpid(pid, &st, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  ASSERT_FALSE(exited) << "the run ended before it could be killed";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));

  int64_t reports = Query(db, "SELECT COUNT(*) FROM reports");
  int64_t identifiers = Query(db, "SELECT COUNT(*) FROM identifiers");
  int64_t orphans =
      Query(db, "SELECT COUNT(*) FROM identifiers WHERE report_row NOT IN (SELECT row_id FROM reports)");
  std::printf("after kill -9: %lld reports, %lld identifiers\n", static_cast<long long>(reports),
              static_cast<long long>(identifiers));
  EXPECT_TRUE(reports == kOld + kRecent || reports == kRecent) << reports << " reports: a half-applied run";
  EXPECT_EQ(identifiers, 2 * reports) << "every report keeps both identifiers, or loses them with it";
  EXPECT_EQ(orphans, 0);
  EXPECT_EQ(Query(db, "SELECT COUNT(*) FROM reports WHERE source = 'nieuw'"), kRecent);

  auto again = testutil::RunZicht({"retention", "apply", "--retention", policy, "--db", db});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Query(db, "SELECT COUNT(*) FROM reports"), kRecent);
  EXPECT_EQ(Query(db, "SELECT COUNT(*) FROM identifiers"), 2 * kRecent);
}

}  // namespace
}  // namespace zicht

// The stores beside the reports — audit log, warning-lists, barrier state —
// on both backends (testutil/store_backend.h). The SQLite-only history of
// the audit log (its legacy table, raw corruption) is in audit_store_test.cc.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/audit_store.h"
#include "store/barrier_state_store.h"
#include "store/pg_db.h"
#include "store/pg_schema.h"
#include "store/warning_list_store.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::store {
namespace {

AuditEntry Check(UnixSeconds at, std::string partner, std::string pseudonym) {
  AuditEntry e;
  e.at = at;
  e.partner = std::move(partner);
  e.key_id = "k1";
  e.endpoint = "POST /v1/check";
  e.kind = "iban";
  e.pseudonym = std::move(pseudonym);
  e.purpose = "payment-screening";
  e.result = "high";
  e.legal_basis = "AVG art. 6(1)(f)";
  return e;
}

class BackendStoresTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    location_ = testutil::FreshStoreLocation(GetParam(), dir_);
    ASSERT_FALSE(location_.empty());
  }
  // Runs `sql` on a raw connection of the service's own role: true when
  // the database accepted it.
  bool RawExec(const std::string& sql) {
    if (GetParam() == "postgresql") {
      auto db = pg::Connection::Open(location_);
      EXPECT_TRUE(db.ok()) << db.status().ToString();
      return db.ok() && (*db)->Exec(sql).ok();
    }
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(location_.c_str(), &db), SQLITE_OK);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK;
  }
  std::vector<AuditEntry> All(AuditStore& store, AuditQuery q = {}) {
    auto r = store.Query(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : std::vector<AuditEntry>{};
  }
  testutil::TempDir dir_;
  std::string location_;
};

INSTANTIATE_TEST_SUITE_P(Backends, BackendStoresTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(BackendStoresTest, AuditSeqsIncreaseAcrossBatchesStoresAndReopen) {
  {
    auto a = AuditStore::Open(location_);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto b = AuditStore::Open(location_);  // a second node, or `zicht audit` beside the server
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    ASSERT_TRUE((*a)->Append({Check(10, "ing", "p1"), Check(11, "ing", "p2")}).ok());
    ASSERT_TRUE((*a)->Append({}).ok());
    ASSERT_TRUE((*b)->Append({Check(12, "rabobank", "p1")}).ok());
  }
  auto store = AuditStore::Open(location_);
  ASSERT_TRUE(store.ok());
  AuditEntry every = Check(13, "politie", std::string(64, 'a'));
  every.subject = "c-1";
  every.endpoint = "GET /v1/clusters/{id}";
  every.legal_basis = "Wpg art. 8 — ü, \t tab";
  ASSERT_TRUE((*store)->Append({every}).ok());
  std::vector<AuditEntry> out = All(**store);
  ASSERT_EQ(out.size(), 4u);
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].seq, static_cast<int64_t>(i) + 1);
  EXPECT_EQ(out[3].subject, "c-1");
  EXPECT_EQ(out[3].legal_basis, every.legal_basis);
  EXPECT_EQ(out[3].pseudonym, every.pseudonym);
  // Filters and limit.
  EXPECT_EQ(All(**store, {"ing", std::nullopt, std::nullopt, 0}).size(), 2u);
  EXPECT_EQ(All(**store, {std::nullopt, 12, std::nullopt, 0}).size(), 2u);
  EXPECT_EQ(All(**store, {std::nullopt, std::nullopt, "p1", 0}).size(), 2u);
  std::vector<AuditEntry> last = All(**store, {std::nullopt, std::nullopt, std::nullopt, 1});
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].seq, 4);
}

// More segments than one fetch of the PostgreSQL query (64): a limit that
// reaches into the second chunk, and all of them.
TEST_P(BackendStoresTest, AuditQueryReadsPastOneChunkOfSegments) {
  auto store = AuditStore::Open(location_);
  ASSERT_TRUE(store.ok());
  for (int i = 0; i < 150; ++i) ASSERT_TRUE((*store)->Append({Check(100 + i, "ing", "p" + std::to_string(i))}).ok());
  EXPECT_EQ(All(**store).size(), 150u);
  std::vector<AuditEntry> last = All(**store, {std::nullopt, std::nullopt, std::nullopt, 100});
  ASSERT_EQ(last.size(), 100u);
  EXPECT_EQ(last.front().seq, 51);
  EXPECT_EQ(last.back().seq, 150);
}

// docs/design.md: the audit log is append-only. The service's own role
// cannot change or remove an entry, also outside Zicht's code.
TEST_P(BackendStoresTest, AuditLogRefusesUpdateAndDelete) {
  auto store = AuditStore::Open(location_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Append({Check(1, "ing", "x"), Check(2, "ing", "y")}).ok());
  EXPECT_FALSE(RawExec("UPDATE audit_segment SET entries = 1"));
  EXPECT_FALSE(RawExec("UPDATE audit_segment SET max_at = 0"));
  EXPECT_FALSE(RawExec("DELETE FROM audit_segment"));
  // A segment inside the stored seqs is refused.
  const std::string blob = GetParam() == "postgresql" ? "'\\x00'::bytea" : "x'00'";
  EXPECT_FALSE(RawExec("INSERT INTO audit_segment VALUES (2, 1, 0, 0, " + blob + ")"));
  if (GetParam() == "postgresql") {
    EXPECT_FALSE(RawExec("TRUNCATE audit_segment"));
    EXPECT_FALSE(RawExec("INSERT INTO audit_segment VALUES (1, 1, 0, 0, '\\x00') "
                         "ON CONFLICT (first_seq) DO UPDATE SET data = EXCLUDED.data"));
  }
  EXPECT_EQ(All(**store).size(), 2u);
  EXPECT_TRUE(RawExec("SELECT COUNT(*) FROM audit_segment")) << "the raw connection itself works";
}

TEST_P(BackendStoresTest, WarningListsReplaceByNameAndKeepSubdomains) {
  auto store = WarningListStore::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  WarningListRow list{"mules", "bekende muilezels", "2024-03-01T00:00:00Z", {}, 0};
  list.entries = {{model::IdentifierKind::kIban, "NL91ABNA0417164300", true},
                  {model::IdentifierKind::kUrl, "pakket.example", false},
                  {model::IdentifierKind::kUrl, "pakket.example", false}};  // repeated: kept once
  ASSERT_TRUE((*store)->Put(list).ok());
  ASSERT_TRUE((*store)->Put({"Andere", "", "2024-03-02T00:00:00Z", {{model::IdentifierKind::kEmail, "a@b.nl", true}}, 0})
                  .ok());
  auto listed = (*store)->List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "Andere") << "byte order, as SQLite";
  EXPECT_EQ((*listed)[1].entry_count, 2);
  auto all = (*store)->LoadAll();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ((*all)[1].entries.size(), 2u);
  EXPECT_EQ((*all)[1].entries[0].value, "NL91ABNA0417164300");
  EXPECT_FALSE((*all)[1].entries[1].subdomains);
  // Put again: replaced whole.
  list.entries = {{model::IdentifierKind::kPhone, "+31612345678", true}};
  ASSERT_TRUE((*store)->Put(list).ok());
  auto again = WarningListStore::Open(location_);
  ASSERT_TRUE(again.ok());
  auto reloaded = (*again)->LoadAll();
  ASSERT_TRUE(reloaded.ok());
  ASSERT_EQ((*reloaded)[1].entries.size(), 1u);
  EXPECT_EQ((*reloaded)[1].entries[0].kind, model::IdentifierKind::kPhone);
}

TEST_P(BackendStoresTest, BarrierStatePerPartnerLastWriteWins) {
  auto store = BarrierStateStore::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const std::string binary("\x00\x01\xff\x7f" "abc\n\t\\", 11);
  std::vector<BarrierStateRow> rows = {{"ing", "NL01", "old"}, {"rabobank", "NL01", binary}, {"ing", "NL01", "new"}};
  ASSERT_TRUE((*store)->Put(rows).ok());
  auto other = BarrierStateStore::Open(location_);
  ASSERT_TRUE(other.ok());
  std::string state;
  auto got = (*other)->Get("ing", "NL01", &state);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(*got);
  EXPECT_EQ(state, "new");
  ASSERT_TRUE(*(*other)->Get("rabobank", "NL01", &state));
  EXPECT_EQ(state, binary);
  EXPECT_FALSE(*(*other)->Get("abn", "NL01", &state));
  EXPECT_EQ(*(*other)->Count("ing"), 1);
  ASSERT_TRUE((*store)->Put(std::vector<BarrierStateRow>{{"ing", "NL01", "newer"}}).ok());
  ASSERT_TRUE(*(*other)->Get("ing", "NL01", &state));
  EXPECT_EQ(state, "newer");
}

// A connection after its PostgreSQL server restarted (pg_db.h): the first
// read is answered (not failed because the connection broke while idle),
// and the session is the one asked for — here the durability setting,
// which a bare reconnect would drop to the server's default.
class PgReconnectTest : public BackendStoresTest {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PgReconnectTest);
INSTANTIATE_TEST_SUITE_P(Backends, PgReconnectTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

TEST_P(PgReconnectTest, AServerRestartKeepsTheSessionAndAnswersTheFirstRead) {
  auto db = OpenPgDatabase(location_, Durability::kNormal);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto setting = [&]() -> std::string {
    auto rows = (*db)->Query("SELECT current_setting('synchronous_commit')");
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() && rows->size() == 1 ? std::string(rows->Text(0, 0)) : "(failed)";
  };
  EXPECT_EQ(setting(), "off");
  ASSERT_EQ(testutil::StopPostgres(), "");
  ASSERT_EQ(testutil::RestartPostgres(), "");
  EXPECT_EQ(setting(), "off") << "the first read after the restart";
  EXPECT_EQ(setting(), "off");
  // A write in a transaction works on the new connection too.
  EXPECT_TRUE((*db)->Transaction([&] { return (*db)->Exec("CREATE TABLE after_restart (x integer)"); }).ok());
}

// An audit batch whose COMMIT answer was lost (audit_store.h), simulated
// by LoseNextAnswer: the batch is stored, the caller hears an error and
// appends the same batch with the same id again. Stored once, and the seqs
// go on after it. Only a database server can lose the answer, so only
// there is the id stored (SQLite ignores it).
class AuditRetryTest : public BackendStoresTest {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AuditRetryTest);
INSTANTIATE_TEST_SUITE_P(Backends, AuditRetryTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

TEST_P(AuditRetryTest, ABatchRetriedAfterItsCommitAnswerWasLostIsStoredOnce) {
  auto store = AuditStore::Open(location_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const std::vector<AuditEntry> batch = {Check(10, "ing", "p1"), Check(11, "ing", "p2")};
  const std::string id = AuditStore::NewAuditBatchId();
  (*store)->LoseNextAnswer();
  EXPECT_FALSE((*store)->Append(batch, id).ok());
  ASSERT_EQ(All(**store).size(), 2u) << "the lost answer's batch is stored";
  ASSERT_TRUE((*store)->Append(batch, id).ok());
  ASSERT_TRUE((*store)->Append({Check(12, "ing", "p3")}).ok());
  auto all = All(**store);
  ASSERT_EQ(all.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(all[i].seq, i + 1);
    EXPECT_EQ(all[i].pseudonym, "p" + std::to_string(i + 1));
  }
  // Another batch with the same entries but its own id is stored: the id,
  // not the contents, makes a retry.
  ASSERT_TRUE((*store)->Append(batch).ok());
  EXPECT_EQ(All(**store).size(), 5u);
}

}  // namespace
}  // namespace zicht::store

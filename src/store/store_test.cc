// The report store on both backends (testutil/store_backend.h): a SQLite
// file in a temporary directory (store_test) and a database in a real,
// throw-away PostgreSQL cluster (store_test_pg).
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "store/pg_db.h"
#include "store/pg_schema.h"
#include "store/sqlite_schema.h"
#include "store/sqlite_store.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::store {
namespace {

using model::FraudType;

model::Identifier Id(model::IdentifierKind kind, std::string value, model::Role role) {
  model::Identifier id;
  id.kind = kind;
  id.role = role;
  id.value = value;
  id.canonical = value;
  id.valid = true;
  return id;
}

model::Report MakeReport(std::string id, std::string reported_at, FraudType type = FraudType::kPhishing,
                         std::optional<int64_t> damage = std::nullopt) {
  model::Report r;
  r.key = {"fraudehelpdesk", std::move(id)};
  auto t = ParseRfc3339(reported_at);
  EXPECT_TRUE(t.ok());
  r.reported_at = reported_at;
  r.reported_at_seconds = t->seconds;
  r.fraud_type = type;
  r.damage_cents = damage;
  r.outcome = model::DefaultOutcome(damage);
  r.channel = model::Channel::kWhatsapp;
  r.victim.age_band = model::AgeBand::k65To74;
  r.victim.region = model::Region::kOV;
  r.identifiers.push_back(Id(model::IdentifierKind::kIban, "NL91ABNA0417164300", model::Role::kBeneficiary));
  r.identifiers.push_back(Id(model::IdentifierKind::kPhone, "+31612345678", model::Role::kContact));
  r.text = "Hoi mam";
  return r;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    location_ = testutil::FreshStoreLocation(GetParam(), dir_, "z.db");
    ASSERT_FALSE(location_.empty());
    auto s = OpenStore(location_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  bool postgres() const { return GetParam() == "postgresql"; }
  std::vector<UpsertOutcome> Upsert(const std::vector<model::Report>& reports) {
    auto r = store_->UpsertBatch(reports);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<UpsertOutcome>{};
  }
  testutil::TempDir dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(testutil::StoreBackends()), testutil::BackendName());

TEST_P(StoreTest, InsertThenReadBackEveryField) {
  model::Report r = MakeReport("A1", "2024-03-01T10:15:00Z", FraudType::kHulpvraagfraude, 245000);
  r.occurred_at = "2024-02-28";
  r.identifiers[1].valid = false;
  r.identifiers[1].canonical = "";
  r.identifiers[1].invalid_reason = "placeholder value";
  model::Identifier url = Id(model::IdentifierKind::kUrl, "https://x.example/a", model::Role::kPaymentLink);
  url.domain = "x.example";
  r.identifiers.push_back(url);
  EXPECT_EQ(Upsert({r}), std::vector<UpsertOutcome>{UpsertOutcome::kInserted});
  auto got = store_->GetReport(r.key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->report, r);
  EXPECT_GT(got->row_id, 0);
}

TEST_P(StoreTest, OptionalFieldsAbsentStayAbsent) {
  model::Report r = MakeReport("A1", "2024-03-01");
  r.channel.reset();
  r.victim = {};
  r.identifiers.clear();
  r.text.clear();
  Upsert({r});
  auto got = store_->GetReport(r.key);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->report, r);
}

TEST_P(StoreTest, SameContentIsDuplicateOtherContentIsUpdate) {
  model::Report r = MakeReport("A1", "2024-03-01T10:15:00Z");
  Upsert({r});
  int64_t row_id = store_->GetReport(r.key)->row_id;
  EXPECT_EQ(Upsert({r}), std::vector<UpsertOutcome>{UpsertOutcome::kDuplicate});
  r.text = "Hoi pap";
  std::vector<StoredReport> changed;
  auto out = store_->UpsertBatch({r}, &changed);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, std::vector<UpsertOutcome>{UpsertOutcome::kUpdated});
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].row_id, row_id);
  EXPECT_EQ(changed[0].report, r);
  auto got = store_->GetReport(r.key);
  EXPECT_EQ(got->row_id, row_id) << "row id kept across updates";
  EXPECT_EQ(got->report.text, "Hoi pap");
  EXPECT_EQ(*store_->CountReports(), 1);
}

// PostgreSQL sends a batch's keys as array literals: characters that
// literal quotes or separates must come back as the same key.
TEST_P(StoreTest, KeysWithQuotesBracesAndBackslashesAreFoundAgain) {
  std::vector<model::Report> batch;
  for (std::string id : {"a\"b", "c\\d", "{e,f}", " g ", "NULL", "h\ti"}) batch.push_back(MakeReport(id, "2024-03-01"));
  batch[1].key.source = "bron \"x\"\\";
  EXPECT_EQ(Upsert(batch), std::vector<UpsertOutcome>(batch.size(), UpsertOutcome::kInserted));
  batch[2].text = "other";
  std::vector<UpsertOutcome> want(batch.size(), UpsertOutcome::kDuplicate);
  want[2] = UpsertOutcome::kUpdated;
  EXPECT_EQ(Upsert(batch), want);
  for (const model::Report& r : batch) {
    auto got = store_->GetReport(r.key);
    ASSERT_TRUE(got.ok()) << r.key.id;
    EXPECT_EQ(got->report, r);
  }
  EXPECT_EQ(*store_->CountReports(), static_cast<int64_t>(batch.size()));
}

TEST_P(StoreTest, UpdateReplacesIdentifiers) {
  model::Report r = MakeReport("A1", "2024-03-01T10:15:00Z");
  Upsert({r});
  r.identifiers = {Id(model::IdentifierKind::kEmail, "a@b.nl", model::Role::kSender)};
  EXPECT_EQ(Upsert({r}), std::vector<UpsertOutcome>{UpsertOutcome::kUpdated});
  auto got = store_->GetReport(r.key);
  ASSERT_EQ(got->report.identifiers.size(), 1u);
  EXPECT_EQ(got->report.identifiers[0].value, "a@b.nl");
  int n = 0;
  ASSERT_TRUE(store_->ScanReports([&](const StoredReport& s) {
    n += static_cast<int>(s.report.identifiers.size());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(n, 1) << "old identifier rows deleted";
}

TEST_P(StoreTest, ChangedListsOnlyInsertedAndUpdated) {
  Upsert({MakeReport("A1", "2024-03-01"), MakeReport("A2", "2024-03-01")});
  model::Report a2 = MakeReport("A2", "2024-03-01");
  a2.text = "other";
  std::vector<StoredReport> changed;
  auto out = store_->UpsertBatch({MakeReport("A1", "2024-03-01"), a2, MakeReport("A3", "2024-03-02")}, &changed);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, (std::vector<UpsertOutcome>{UpsertOutcome::kDuplicate, UpsertOutcome::kUpdated,
                                              UpsertOutcome::kInserted}));
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0].report.key.id, "A2");
  EXPECT_EQ(changed[1].report.key.id, "A3");
}

TEST_P(StoreTest, GetReportNotFound) {
  auto got = store_->GetReport({"fraudehelpdesk", "nope"});
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().IsNotFound());
  EXPECT_EQ(got.status().message().find("nope"), std::string::npos) << "ids are not echoed";
}

TEST_P(StoreTest, ScanReportsInRowIdOrderWithIdentifiers) {
  std::vector<model::Report> batch;
  for (int i = 0; i < 50; ++i) {
    batch.push_back(MakeReport("R" + std::to_string(i), "2024-03-01"));
    batch.back().identifiers.resize(static_cast<size_t>(i % 3));
  }
  Upsert(batch);
  std::vector<int64_t> rows;
  size_t i = 0;
  ASSERT_TRUE(store_->ScanReports([&](const StoredReport& s) {
    EXPECT_EQ(s.report, batch[i]);
    rows.push_back(s.row_id);
    ++i;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(rows.size(), 50u);
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end()));
  // GetReports keeps the order asked for and skips missing ids.
  auto some = store_->GetReports({rows[5], 999999, rows[1]});
  ASSERT_TRUE(some.ok());
  ASSERT_EQ(some->size(), 2u);
  EXPECT_EQ((*some)[0].report.key.id, "R5");
  EXPECT_EQ((*some)[1].report.key.id, "R1");
}

TEST_P(StoreTest, ScanIndexFieldsFillsIndexFieldsOnly) {
  std::vector<model::Report> batch;
  for (int i = 0; i < 30; ++i) {
    batch.push_back(MakeReport("R" + std::to_string(i), "2024-03-01", FraudType::kPhishing,
                               i % 2 ? std::optional<int64_t>(100 * i) : std::nullopt));
    batch.back().identifiers.resize(static_cast<size_t>(i % 3));  // 0, 1, 2: slots shrink and grow
    if (i % 3 == 2) {
      batch.back().identifiers[1].valid = false;
      batch.back().identifiers[1].invalid_reason = "bad";
      batch.back().identifiers[1].domain = "example.nl";
    }
  }
  Upsert(batch);
  std::vector<StoredReport> full;
  ASSERT_TRUE(store_->ScanReports([&](const StoredReport& s) {
    full.push_back(s);
    return Status::Ok();
  }).ok());
  size_t i = 0;
  ASSERT_TRUE(store_->ScanIndexFields([&](const StoredReport& s) {
    EXPECT_LT(i, full.size());
    if (i >= full.size()) return Status::Internal("too many rows");
    const model::Report& want = full[i].report;
    const model::Report& got = s.report;
    EXPECT_EQ(s.row_id, full[i].row_id);
    EXPECT_EQ(got.key, want.key);
    EXPECT_EQ(got.reported_at_seconds, want.reported_at_seconds);
    EXPECT_EQ(got.fraud_type, want.fraud_type);
    EXPECT_EQ(got.outcome, want.outcome);
    EXPECT_EQ(got.damage_cents, want.damage_cents);
    EXPECT_TRUE(got.text.empty()) << "text is not read";
    EXPECT_FALSE(got.channel.has_value());
    EXPECT_TRUE(got.reported_at.empty());
    EXPECT_EQ(got.identifiers.size(), want.identifiers.size()) << "report " << i;
    for (size_t k = 0; k < std::min(got.identifiers.size(), want.identifiers.size()); ++k) {
      EXPECT_EQ(got.identifiers[k].kind, want.identifiers[k].kind);
      EXPECT_EQ(got.identifiers[k].role, want.identifiers[k].role);
      EXPECT_EQ(got.identifiers[k].canonical, want.identifiers[k].canonical);
      EXPECT_EQ(got.identifiers[k].domain, want.identifiers[k].domain);
      EXPECT_EQ(got.identifiers[k].valid, want.identifiers[k].valid);
      EXPECT_TRUE(got.identifiers[k].value.empty());
    }
    ++i;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(i, full.size());
  int calls = 0;
  Status s = store_->ScanIndexFields([&](const StoredReport&) {
    ++calls;
    return Status::Internal("stop");
  });
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(calls, 1);
}

TEST_P(StoreTest, ScanStopsAtFirstError) {
  Upsert({MakeReport("A1", "2024-03-01"), MakeReport("A2", "2024-03-01")});
  int calls = 0;
  Status s = store_->ScanReports([&](const StoredReport&) {
    ++calls;
    return Status::Internal("stop");
  });
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(calls, 1);
}

TEST_P(StoreTest, StatsByWeekMonthAndType) {
  Upsert({
      MakeReport("A", "2024-02-26T00:00:00Z", FraudType::kHulpvraagfraude, 1000),  // Mon, 2024-W09
      MakeReport("B", "2024-03-03T23:59:59Z", FraudType::kHulpvraagfraude),        // Sun, 2024-W09
      MakeReport("C", "2024-03-04", FraudType::kHulpvraagfraude, 250),             // 2024-W10
      MakeReport("D", "2024-03-04", FraudType::kPhishing),                         // 2024-W10
      MakeReport("E", "2024-12-30", FraudType::kPhishing),                         // 2025-W01
      MakeReport("F", "2021-01-03", FraudType::kPhishing),                         // 2020-W53
  });
  auto weeks = store_->Stats({StatsBucket::kWeek, std::nullopt, std::nullopt});
  ASSERT_TRUE(weeks.ok()) << weeks.status().ToString();
  ASSERT_EQ(weeks->size(), 5u);
  EXPECT_EQ((*weeks)[0].period, "2020-W53");
  EXPECT_EQ((*weeks)[1].period, "2024-W09");
  EXPECT_EQ((*weeks)[1].fraud_type, FraudType::kHulpvraagfraude);
  EXPECT_EQ((*weeks)[1].reports, 2);
  EXPECT_EQ((*weeks)[1].attempts, 1);
  EXPECT_EQ((*weeks)[1].losses, 1);
  EXPECT_EQ((*weeks)[1].damage_cents, 1000);
  EXPECT_EQ((*weeks)[2].period, "2024-W10");
  EXPECT_EQ((*weeks)[2].fraud_type, FraudType::kHulpvraagfraude);
  EXPECT_EQ((*weeks)[3].period, "2024-W10");
  EXPECT_EQ((*weeks)[3].fraud_type, FraudType::kPhishing);
  EXPECT_EQ((*weeks)[4].period, "2025-W01");

  auto months = store_->Stats({StatsBucket::kMonth, FraudType::kHulpvraagfraude, std::nullopt});
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ((*months)[0].period, "2024-02");
  EXPECT_EQ((*months)[1].period, "2024-03");
  EXPECT_EQ((*months)[1].reports, 2);
  EXPECT_EQ((*months)[1].damage_cents, 250);

  auto since = store_->Stats({StatsBucket::kMonth, std::nullopt, ParseRfc3339("2024-03-04")->seconds});
  ASSERT_TRUE(since.ok());
  int64_t total = 0;
  for (const auto& row : *since) total += row.reports;
  EXPECT_EQ(total, 3);
}

TEST_P(StoreTest, ReopenKeepsDataAndSchemaVersion) {
  Upsert({MakeReport("A1", "2024-03-01")});
  store_.reset();
  auto again = OpenStore(location_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->CountReports(), 1);
  auto version = MigrateStore(location_);
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(version->backend, GetParam());
  EXPECT_EQ(version->version, postgres() ? kPgSchemaVersion : kSchemaVersion);
  again->reset();
  // A newer schema is refused, not misread.
  if (postgres()) {
    auto db = pg::Connection::Open(location_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("UPDATE zicht_schema SET version = 99").ok());
  } else {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(location_.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto newer = OpenStore(location_);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(MigrateStore(location_).ok());
}

TEST_P(StoreTest, EraseReportRemovesItAndItsIdentifiers) {
  Upsert({MakeReport("A1", "2024-03-01"), MakeReport("A2", "2024-03-02")});
  int64_t row_id = store_->GetReport({"fraudehelpdesk", "A1"})->row_id;
  auto erased = store_->EraseReport({"fraudehelpdesk", "A1"});
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_EQ(*erased, row_id);
  EXPECT_TRUE(store_->GetReport({"fraudehelpdesk", "A1"}).status().IsNotFound());
  EXPECT_TRUE(store_->GetReports({row_id})->empty());
  auto again = store_->EraseReport({"fraudehelpdesk", "A1"});
  EXPECT_TRUE(again.status().IsNotFound());
  EXPECT_EQ(again.status().message().find("A1"), std::string::npos) << "ids are not echoed";
  int identifiers = 0;
  ASSERT_TRUE(store_->ScanReports([&](const StoredReport& s) {
    identifiers += static_cast<int>(s.report.identifiers.size());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(identifiers, 2) << "only A2's identifiers are left";
  auto checkpoint = store_->Checkpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().ToString();
  // Erased and ingested again: a new report with a new row id.
  EXPECT_EQ(Upsert({MakeReport("A1", "2024-03-01")}), std::vector<UpsertOutcome>{UpsertOutcome::kInserted});
  EXPECT_NE(store_->GetReport({"fraudehelpdesk", "A1"})->row_id, row_id);
}

TEST_P(StoreTest, EraseExpiredByCutoffsAllOrNothing) {
  model::Report police = MakeReport("P1", "2020-01-01");
  police.key.source = "politie";
  Upsert({MakeReport("A1", "2020-01-01"), MakeReport("A2", "2024-01-01"), police});
  RetentionCutoffs cutoffs;
  cutoffs.by_source = {{"fraudehelpdesk", ParseRfc3339("2023-01-01")->seconds}};
  auto dry = store_->EraseExpired(cutoffs, true);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->row_ids.size(), 1u);
  EXPECT_EQ(*store_->CountReports(), 3) << "a dry run erases nothing";
  cutoffs.other = ParseRfc3339("2021-01-01")->seconds;
  auto wet = store_->EraseExpired(cutoffs, false);
  ASSERT_TRUE(wet.ok()) << wet.status().ToString();
  EXPECT_EQ(wet->row_ids.size(), 2u);
  EXPECT_EQ(wet->per_source, (std::vector<std::pair<std::string, int64_t>>{{"fraudehelpdesk", 1}, {"politie", 1}}));
  EXPECT_EQ(*store_->CountReports(), 1);
  EXPECT_TRUE(store_->GetReport({"fraudehelpdesk", "A2"}).ok());
}

// More reports than one fetch of the PostgreSQL store's cursors (10,000):
// the merge must carry on across chunk boundaries of both cursors.
TEST_P(StoreTest, ScansCrossChunkBoundaries) {
  constexpr int kReports = 21000;
  std::vector<model::Report> batch;
  for (int i = 0; i < kReports; ++i) {
    batch.push_back(MakeReport("R" + std::to_string(i), "2024-03-01"));
    batch.back().text.clear();
    batch.back().identifiers.resize(static_cast<size_t>(i % 3));
    if (batch.size() == 7000) {
      Upsert(batch);
      batch.clear();
    }
  }
  EXPECT_EQ(*store_->CountReports(), kReports);
  for (bool index_only : {false, true}) {
    int n = 0, identifiers = 0;
    int64_t last_row = 0;
    auto fn = [&](const StoredReport& s) {
      EXPECT_GT(s.row_id, last_row);
      EXPECT_EQ(s.report.key.id, "R" + std::to_string(n));
      EXPECT_EQ(s.report.identifiers.size(), static_cast<size_t>(n % 3));
      last_row = s.row_id;
      identifiers += static_cast<int>(s.report.identifiers.size());
      ++n;
      return Status::Ok();
    };
    ASSERT_TRUE((index_only ? store_->ScanIndexFields(fn) : store_->ScanReports(fn)).ok());
    EXPECT_EQ(n, kReports);
    EXPECT_EQ(identifiers, kReports);  // 0 + 1 + 2 per three reports
  }
}

// Two stores on one location (two service nodes, or an ingest beside a
// running server): each sees the other's commits, and the key decides.
TEST_P(StoreTest, TwoStoresOnOneLocationAgreeOnKeys) {
  auto other = OpenStore(location_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  Upsert({MakeReport("A1", "2024-03-01")});
  auto out = (*other)->UpsertBatch({MakeReport("A1", "2024-03-01"), MakeReport("A2", "2024-03-01")});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, (std::vector<UpsertOutcome>{UpsertOutcome::kDuplicate, UpsertOutcome::kInserted}));
  EXPECT_EQ(*store_->CountReports(), 2);
}

TEST(StoreOpenTest, SqliteOpenFailsWithIOErrorNamingPath) {
  testutil::TempDir dir;
  auto s = OpenStore(dir.File("no/such/dir/z.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIOError);
  EXPECT_NE(s.status().message().find("no/such/dir"), std::string::npos);
}

TEST(StoreOpenTest, SchemeChoosesTheBackend) {
  EXPECT_TRUE(IsPostgresLocation("postgresql://h/db"));
  EXPECT_TRUE(IsPostgresLocation("postgres://h/db"));
  EXPECT_FALSE(IsPostgresLocation("zicht.db"));
  EXPECT_FALSE(IsPostgresLocation("./postgresql:/x.db"));
  EXPECT_FALSE(IsPostgresLocation("file:postgresql://x"));
}

TEST(StoreOpenTest, PostgresOpenFailsWithIOErrorWithoutPassword) {
  testutil::TempDir dir;  // no server listens on a socket in an empty directory
  auto s = OpenStore("postgresql://zicht:s3cret@/reports?host=" + dir.path().string() + "&connect_timeout=5");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIOError);
  EXPECT_NE(s.status().message().find("reports"), std::string::npos) << s.status().message();
  EXPECT_EQ(s.status().message().find("s3cret"), std::string::npos) << s.status().message();
}

// ---- The change log (store.h): an entry per committed write, none for a
// duplicate or a rolled-back erasure, readable from another connection.

std::vector<Change> AllChanges(Store& store, int64_t after = 0) {
  auto batch = store.ChangesAfter(after, 1000);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return batch.ok() ? batch->changes : std::vector<Change>{};
}

TEST_P(StoreTest, ChangeLogHasAnEntryPerWriteAndNoneForDuplicates) {
  EXPECT_EQ(*store_->LastChange(), 0);
  store_->SetChangeOrigin("node-a");
  std::vector<StoredReport> changed;
  ASSERT_TRUE(store_->UpsertBatch({MakeReport("A1", "2024-03-01"), MakeReport("A2", "2024-03-02"),
                                   MakeReport("A3", "2024-03-03")}, &changed).ok());
  ASSERT_EQ(changed.size(), 3u);
  // Consecutive row ids of one batch: one entry.
  std::vector<Change> log = AllChanges(*store_);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].first_row, changed[0].row_id);
  EXPECT_EQ(log[0].last_row, changed[2].row_id);
  EXPECT_FALSE(log[0].erased);
  EXPECT_EQ(log[0].origin, "node-a");
  const int64_t first_seq = log[0].seq;
  EXPECT_GT(first_seq, 0);

  // The same content again writes nothing, and logs nothing.
  Upsert({MakeReport("A1", "2024-03-01")});
  EXPECT_EQ(AllChanges(*store_, first_seq).size(), 0u);

  // An update of the middle report and an erasure, from another origin.
  store_->SetChangeOrigin("");
  Upsert({MakeReport("A2", "2024-03-02", FraudType::kBeleggingsfraude)});
  ASSERT_TRUE(store_->EraseReport({"fraudehelpdesk", "A3"}).ok());
  // A refused erasure (no such report) is rolled back with its entry.
  EXPECT_TRUE(store_->EraseReport({"fraudehelpdesk", "nope"}).status().IsNotFound());
  log = AllChanges(*store_, first_seq);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].first_row, changed[1].row_id);
  EXPECT_EQ(log[0].last_row, changed[1].row_id);
  EXPECT_FALSE(log[0].erased);
  EXPECT_EQ(log[0].origin, "");
  EXPECT_EQ(log[1].first_row, changed[2].row_id);
  EXPECT_TRUE(log[1].erased);
  EXPECT_GT(log[1].seq, log[0].seq);
  EXPECT_EQ(*store_->LastChange(), log[1].seq);

  // Another connection on the file (another process, in production) reads
  // the same log.
  auto other = OpenStore(location_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(AllChanges(**other).size(), 3u);
  EXPECT_EQ(*(*other)->LastChange(), log[1].seq);
}

TEST_P(StoreTest, ChangeLogRecordsRetentionAndBoundsItsBatches) {
  for (int i = 0; i < 5; ++i) {
    Upsert({MakeReport("R" + std::to_string(i), i % 2 == 0 ? "2020-01-01" : "2024-01-01")});
  }
  ASSERT_EQ(AllChanges(*store_).size(), 5u);
  auto batch = store_->ChangesAfter(0, 2);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->changes.size(), 2u);
  EXPECT_LT(batch->changes[0].seq, batch->changes[1].seq);
  EXPECT_FALSE(batch->gap);

  const int64_t mark = *store_->LastChange();
  RetentionCutoffs cutoffs;
  cutoffs.other = 1577923200;  // 2020-01-02
  auto dry = store_->EraseExpired(cutoffs, true);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(AllChanges(*store_, mark).size(), 0u);  // a dry run logs nothing
  auto erased = store_->EraseExpired(cutoffs, false);
  ASSERT_TRUE(erased.ok());
  ASSERT_EQ(erased->row_ids.size(), 3u);
  std::vector<Change> log = AllChanges(*store_, mark);
  // Rows 1, 3, 5: not consecutive, so one entry each, all in one transaction.
  ASSERT_EQ(log.size(), 3u);
  for (const Change& c : log) {
    EXPECT_TRUE(c.erased);
    EXPECT_EQ(c.first_row, c.last_row);
  }
}

// The SQLite store's own: pruning with a test hook, and a file of version 1.
class SqliteStoreTest : public ::testing::Test {
 protected:
  testutil::TempDir dir_;
};

TEST_F(SqliteStoreTest, PrunedChangeLogKeepsItsMarkAndReportsAGap) {
  auto sq = SqliteStore::Open(dir_.File("p.db"));
  ASSERT_TRUE(sq.ok());
  SqliteStore& store = **sq;
  ASSERT_TRUE(store.UpsertBatch({MakeReport("P1", "2024-03-01")}).ok());
  ASSERT_TRUE(store.UpsertBatch({MakeReport("P2", "2024-03-01")}).ok());
  const int64_t before = *store.LastChange();
  ASSERT_EQ(before, 2);
  // Every entry is "too old" now: the next write prunes both, then logs its own.
  store.SetChangeLogPruning(-10, 0);
  ASSERT_TRUE(store.UpsertBatch({MakeReport("P3", "2024-03-01")}).ok());
  auto behind = store.ChangesAfter(0, 100);
  ASSERT_TRUE(behind.ok());
  EXPECT_TRUE(behind->gap);  // a reader at 0 missed entries 1 and 2
  ASSERT_EQ(behind->changes.size(), 1u);
  EXPECT_EQ(behind->changes[0].seq, 3);
  auto current = store.ChangesAfter(before, 100);
  ASSERT_TRUE(current.ok());
  EXPECT_FALSE(current->gap);
  ASSERT_EQ(current->changes.size(), 1u);
  // Pruning everything never lowers the mark, nor reuses a number.
  ASSERT_TRUE(store.UpsertBatch({MakeReport("P4", "2024-03-01")}).ok());
  ASSERT_TRUE(store.UpsertBatch({MakeReport("P5", "2024-03-01")}).ok());
  EXPECT_EQ(*store.LastChange(), 5);
  EXPECT_EQ(store.ChangesAfter(4, 100)->changes.size(), 1u);
}

TEST_F(SqliteStoreTest, VersionOneFileGainsTheChangeLog) {
  const std::string path = dir_.File("v1.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE reports (row_id INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL, "
                         "reported_at TEXT NOT NULL, reported_at_s INTEGER NOT NULL, occurred_at TEXT, fraud_type "
                         "TEXT NOT NULL, outcome TEXT NOT NULL, damage_cents INTEGER, channel TEXT, age_band TEXT, "
                         "region TEXT, text TEXT NOT NULL, content_hash INTEGER NOT NULL, UNIQUE (source, id));"
                         "CREATE TABLE identifiers (report_row INTEGER NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT "
                         "NULL, role TEXT NOT NULL, value TEXT NOT NULL, canonical TEXT NOT NULL, domain TEXT NOT "
                         "NULL, valid INTEGER NOT NULL, invalid_reason TEXT NOT NULL, PRIMARY KEY (report_row, seq)) "
                         "WITHOUT ROWID; PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(*(*store)->LastChange(), 0);
  ASSERT_TRUE((*store)->UpsertBatch({MakeReport("V1", "2024-03-01")}).ok());
  EXPECT_EQ(AllChanges(**store).size(), 1u);
}

}  // namespace
}  // namespace zicht::store

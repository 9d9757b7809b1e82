// The change follower (change_follower.h) on a real store written through
// other connections, on both backends (a SQLite file; a database in a
// throw-away PostgreSQL cluster in change_follower_test_pg), as other nodes and the CLI write it: other
// writers' entries are applied from the rows as they are now, this node's
// own are skipped, a large entry is applied in chunks, and a pruned-away
// position makes the node "behind".
#include "server/change_follower.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "link/test_reports.h"
#include "store/postgres_store.h"
#include "store/sqlite_store.h"
#include "testutil/store_backend.h"

namespace zicht::server {
namespace {

using link::testing::Id;
using link::testing::MakeReport;
using model::FraudType;
using model::IdentifierKind;

model::Report R(const std::string& id) {
  return MakeReport("politie", id, "2024-05-01", FraudType::kPhishing, 0, {Id(IdentifierKind::kIban, "NL91ABNA0417164300")});
}

struct Seen {
  std::vector<int64_t> applied, removed;
  int apply_calls = 0;
};

ChangeFollower::Hooks Record(Seen* seen) {
  ChangeFollower::Hooks hooks;
  hooks.apply = [seen](const std::vector<store::StoredReport>& changed) {
    ++seen->apply_calls;
    for (const auto& r : changed) seen->applied.push_back(r.row_id);
  };
  hooks.remove = [seen](const std::vector<int64_t>& ids) {
    seen->removed.insert(seen->removed.end(), ids.begin(), ids.end());
  };
  return hooks;
}

std::unique_ptr<store::Store> Open(const std::string& path, const std::string& origin) {
  auto s = store::OpenStore(path);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  (*s)->SetChangeOrigin(origin);
  return std::move(s).value();
}

// Every later write of `s` prunes the change log up to now.
void PruneOnEveryWrite(store::Store& s) {
  if (auto* pg = dynamic_cast<store::PostgresStore*>(&s)) pg->SetChangeLogPruning(-10, 0);
  if (auto* lite = dynamic_cast<store::SqliteStore*>(&s)) lite->SetChangeLogPruning(-10, 0);
}

using ChangeFollowerTest = testutil::StoreBackendTest;

int64_t RowOf(store::Store& s, const std::string& id) { return s.GetReport({"politie", id})->row_id; }

TEST_P(ChangeFollowerTest, AppliesOtherWritersAndSkipsItsOwn) {
  const std::string& path = db_;
  auto own = Open(path, "node-a");    // this node's writes (the ingest handler's store)
  auto other = Open(path, "");        // `zicht ingest` / `zicht reports erase`
  auto reader = Open(path, "node-a");
  Mutex mu;
  Seen seen;
  ChangeFollower follower(*reader, mu, "node-a", 0, Record(&seen));

  ASSERT_TRUE(own->UpsertBatch({R("OWN")}).ok());
  ASSERT_TRUE(other->UpsertBatch({R("X2"), R("X3")}).ok());
  ASSERT_TRUE(other->EraseReport({"politie", "X2"}).ok());
  const int64_t x3 = RowOf(*other, "X3");
  ASSERT_TRUE(follower.CatchUp().ok());

  // X2 was gone when its upsert entry was read: removed, never applied;
  // X3 applied; the node's own report never handed over again.
  EXPECT_EQ(seen.applied, std::vector<int64_t>{x3});
  ASSERT_FALSE(seen.removed.empty());
  for (int64_t id : seen.removed) EXPECT_EQ(id, x3 - 1);
  EXPECT_EQ(std::count(seen.applied.begin(), seen.applied.end(), RowOf(*own, "OWN")), 0);
  EXPECT_EQ(follower.position(), *reader->LastChange());
  EXPECT_FALSE(follower.behind());

  // Nothing new: nothing applied again.
  seen = {};
  ASSERT_TRUE(follower.CatchUp().ok());
  EXPECT_TRUE(seen.applied.empty() && seen.removed.empty());
}

TEST_P(ChangeFollowerTest, OneLargeEntryIsAppliedInChunks) {
  const std::string& path = db_;
  auto other = Open(path, "");
  auto reader = Open(path, "node-a");
  Mutex mu;
  Seen seen;
  ChangeFollower follower(*reader, mu, "node-a", *reader->LastChange(), Record(&seen));
  std::vector<model::Report> batch;
  const size_t n = 2 * ChangeFollower::kRowsPerChunk + 100;
  for (size_t i = 0; i < n; ++i) batch.push_back(R("B" + std::to_string(i)));
  ASSERT_TRUE(other->UpsertBatch(batch).ok());
  ASSERT_EQ(other->ChangesAfter(0, 10)->changes.size(), 1u);  // one entry, n rows
  ASSERT_TRUE(follower.CatchUp().ok());
  EXPECT_EQ(seen.applied.size(), n);
  EXPECT_EQ(seen.apply_calls, 3);
  EXPECT_EQ(follower.applied_rows(), static_cast<int64_t>(n));
}

TEST_P(ChangeFollowerTest, PrunedPastItsPositionItIsBehind) {
  const std::string& path = db_;
  auto writer = Open(path, "");
  auto reader = Open(path, "node-a");
  Mutex mu;
  Seen seen;
  ChangeFollower follower(*reader, mu, "node-a", 0, Record(&seen));
  ASSERT_TRUE(writer->UpsertBatch({R("P1")}).ok());
  PruneOnEveryWrite(*writer);  // the next write prunes entry 1 before this node read it
  ASSERT_TRUE(writer->UpsertBatch({R("P2")}).ok());
  ASSERT_TRUE(follower.CatchUp().ok());
  EXPECT_TRUE(follower.behind());
  EXPECT_EQ(seen.applied.size(), 1u);  // what is still there is applied all the same
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeFollowerTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

}  // namespace
}  // namespace zicht::server

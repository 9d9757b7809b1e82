// The Engine under concurrent readers and one writer, as `zicht serve` runs
// it (I/O threads check, the ingest thread applies batches). Built and run
// under ThreadSanitizer in CI (`make test-tsan`), which reports any access
// the engine's locks do not order. The assertions check the contract of
// engine.h: a reader sees the index before or after a batch, never half of
// one. On both store backends (link_concurrency_test_pg: the store in a
// throw-away PostgreSQL cluster).
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "link/engine.h"
#include "link/pseudonym.h"
#include "link/test_reports.h"
#include "store/store.h"
#include "testutil/store_backend.h"

namespace zicht::link {
namespace {

using model::FraudType;
using model::IdentifierKind;

constexpr const char* kIban = "NL91ABNA0417164300";
constexpr int kBatches = 40;

// Batch i adds two reports that both name kIban (and one phone of their own),
// so every whole state holds an even number of reports naming it.
std::vector<model::Report> Batch(int i) {
  std::vector<model::Report> out;
  for (int j = 0; j < 2; ++j) {
    std::string phone = "06" + std::to_string(10000000 + 2 * i + j);
    out.push_back(testing::MakeReport("fraudehelpdesk", "R" + std::to_string(2 * i + j), "2024-03-01",
                                      FraudType::kHulpvraagfraude, 100 * (j + 1),
                                      {{IdentifierKind::kIban, kIban}, {IdentifierKind::kPhone, phone}}));
  }
  return out;
}

using EngineConcurrencyTest = testutil::StoreBackendTest;

TEST_P(EngineConcurrencyTest, ReadersSeeWholeBatchesWhileOneWriterApplies) {
  EngineOptions options;
  options.pseudonym_key = std::string(32, 'k');
  auto engine_or = NewEngine(testing::StoreWith(db_, {}), {}, options);
  ASSERT_TRUE(engine_or.ok()) << engine_or.status().ToString();
  const Engine& engine = **engine_or;
  // The writer commits through its own connection, as the ingest thread does.
  auto writer_store = store::OpenStore(db_);
  ASSERT_TRUE(writer_store.ok()) << writer_store.status().ToString();
  const std::string pseudonym = Pseudonymize(options.pseudonym_key, IdentifierKind::kIban, kIban);

  std::atomic<bool> done{false};
  std::atomic<int> odd_counts{0}, went_back{0}, checks{0};
  auto reader = [&](int which) {
    int64_t last = 0;
    while (!done.load(std::memory_order_acquire)) {
      Verdict v = which % 2 == 0 ? engine.Check(IdentifierKind::kIban, kIban)
                                 : engine.CheckPseudonym(IdentifierKind::kIban, pseudonym);
      if (v.reports % 2 != 0) ++odd_counts;
      if (v.reports < last) ++went_back;
      last = v.reports;
      ++checks;
      if (which == 0) {
        (void)engine.Clusters({});  // the cluster cache, rebuilt after each batch
        (void)engine.Mules(5);
        (void)engine.LinkWarnings();
      }
    }
  };
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) readers.emplace_back(reader, t);
  // On a loaded machine the writer could finish before any reader ran;
  // then the test would check nothing.
  while (checks.load() == 0) std::this_thread::yield();
  for (int i = 0; i < kBatches; ++i) {
    (*engine_or)->Apply(testing::Upsert(**writer_store, Batch(i)));
  }
  done.store(true, std::memory_order_release);
  for (auto& t : readers) t.join();

  EXPECT_EQ(odd_counts.load(), 0) << "a reader saw half of a batch";
  EXPECT_EQ(went_back.load(), 0) << "a reader saw the index go back in time";
  EXPECT_GT(checks.load(), 0);
  Verdict final_verdict = engine.Check(IdentifierKind::kIban, kIban);
  EXPECT_EQ(final_verdict.reports, 2 * kBatches);
  EXPECT_EQ(engine.CheckPseudonym(IdentifierKind::kIban, pseudonym).reports, 2 * kBatches);
  auto clusters = engine.Clusters({});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].reports, 2 * kBatches);
}

// Erasures as `DELETE /v1/reports/…` makes them, beside readers: the
// writer erases two reports that name kIban at a time (one Remove call),
// so every whole state again holds an even number of them, and the count
// only goes down.
TEST_P(EngineConcurrencyTest, ReadersSeeWholeRemovalsWhileOneWriterErases) {
  std::vector<model::Report> all;
  for (int i = 0; i < kBatches; ++i) {
    for (model::Report& r : Batch(i)) all.push_back(std::move(r));
  }
  auto engine_or = NewEngine(testing::StoreWith(db_, all), {}, {});
  ASSERT_TRUE(engine_or.ok()) << engine_or.status().ToString();
  const Engine& engine = **engine_or;
  auto writer_store = store::OpenStore(db_);
  ASSERT_TRUE(writer_store.ok()) << writer_store.status().ToString();

  std::atomic<bool> done{false};
  std::atomic<int> odd_counts{0}, went_up{0}, checks{0};
  auto reader = [&](int which) {
    int64_t last = INT64_MAX;
    while (!done.load(std::memory_order_acquire)) {
      Verdict v = engine.Check(IdentifierKind::kIban, kIban);
      if (v.reports % 2 != 0) ++odd_counts;
      if (v.reports > last) ++went_up;
      last = v.reports;
      ++checks;
      if (which == 0) (void)engine.Clusters({});
    }
  };
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) readers.emplace_back(reader, t);
  for (int i = 0; i < kBatches - 1; ++i) {
    std::vector<int64_t> rows;
    for (int j = 0; j < 2; ++j) {
      auto erased = (*writer_store)->EraseReport({"fraudehelpdesk", "R" + std::to_string(2 * i + j)});
      ASSERT_TRUE(erased.ok()) << erased.status().ToString();
      rows.push_back(*erased);
    }
    (*engine_or)->Remove(rows);
  }
  done.store(true, std::memory_order_release);
  for (auto& t : readers) t.join();

  EXPECT_EQ(odd_counts.load(), 0) << "a reader saw half of a removal";
  EXPECT_EQ(went_up.load(), 0);
  EXPECT_GT(checks.load(), 0);
  EXPECT_EQ(engine.Check(IdentifierKind::kIban, kIban).reports, 2);
  auto clusters = engine.Clusters({});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].reports, 2);
  EXPECT_EQ(engine.IndexedReports(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, EngineConcurrencyTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

}  // namespace
}  // namespace zicht::link

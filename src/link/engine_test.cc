// The linking engine on hand-built data where the right clusters are known,
// over a store of each backend (link_test on SQLite, link_test_pg on a
// throw-away PostgreSQL cluster; tests/testutil/store_backend.h).
#include "link/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "link/cluster_id.h"
#include "link/pseudonym.h"
#include "link/verdict_json.h"
#include "link/verdict_memo.h"
#include "link/test_reports.h"
#include "testutil/store_backend.h"

namespace zicht::link {
namespace {

using model::FraudType;
using model::IdentifierKind;
using model::Role;
using testing::EngineWith;
using testing::Id;
using testing::MakeReport;
using testing::Partition;
using V = std::vector<std::vector<std::string>>;

// Valid IBANs (mod-97 checked) and Dutch mobiles.
constexpr const char* kIbanA = "NL91ABNA0417164300";
constexpr const char* kIbanB = "NL20INGB0001234567";
constexpr const char* kIbanDe = "DE89370400440532013000";
constexpr const char* kPhone1 = "06-12345678";
constexpr const char* kPhone2 = "06 87654321";

model::Report R(const std::string& id, const std::vector<Id>& ids, int64_t damage = 0,
                FraudType type = FraudType::kHulpvraagfraude, const std::string& date = "2024-03-01",
                const std::string& source = "fraudehelpdesk") {
  return MakeReport(source, id, date, type, damage, ids);
}

class EngineTest : public testutil::StoreBackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, EngineTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST_P(EngineTest, ChainLinksThroughIbanThenPhone) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kIban, kIbanA}}),
      R("B", {{IdentifierKind::kIban, "nl91 abna 0417 1643 00"}, {IdentifierKind::kPhone, kPhone1}}),
      R("C", {{IdentifierKind::kPhone, "+31 (0)6 12345678"}}),
      R("D", {{IdentifierKind::kPhone, kPhone2}}),
  });
  EXPECT_EQ(Partition(*engine), (V{{"fraudehelpdesk/A", "fraudehelpdesk/B", "fraudehelpdesk/C"}}));
  auto clusters = engine->Clusters({});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].id, ClusterId("fraudehelpdesk", "A"));
  EXPECT_EQ(clusters[0].reports, 3);
  EXPECT_EQ(engine->IndexedReports(), 4);
  EXPECT_EQ(engine->DistinctIdentifiers(), 3);
}

TEST_P(EngineTest, SpoofedNumbersNeverLink) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kPhone, "020 123 4567", Role::kSpoofed}}),
      R("B", {{IdentifierKind::kPhone, "020 123 4567", Role::kSpoofed}}),
  });
  EXPECT_TRUE(Partition(*engine).empty());
  Verdict v = engine->Check(IdentifierKind::kPhone, "0201234567");
  EXPECT_EQ(v.risk, Risk::kLow);
  EXPECT_TRUE(v.known);
  EXPECT_EQ(v.reports, 2);
  EXPECT_EQ(v.reasons, (std::vector<std::string_view>{"SPOOFED"}));
  EXPECT_FALSE(v.cluster);
}

TEST_P(EngineTest, ShippedWarningListedDomainsAndPhonesDoNotLink) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kUrl, "https://www.marktplaats.nl/v/fiets-123"}}),
      R("B", {{IdentifierKind::kUrl, "https://marktplaats.nl/v/fiets-123"}}),
      R("C", {{IdentifierKind::kPhone, "020 22 888 00", Role::kContact}}),
      R("D", {{IdentifierKind::kPhone, "+31202288800", Role::kContact}}),
      R("E", {{IdentifierKind::kUrl, "https://tikkie.me/pay/abc"}}),
      R("F", {{IdentifierKind::kUrl, "https://tikkie.me/pay/abc"}}),
  });
  EXPECT_TRUE(Partition(*engine).empty());
  Verdict v = engine->Check(IdentifierKind::kUrl, "https://tikkie.me/pay/abc");
  EXPECT_EQ(v.risk, Risk::kLow);
  EXPECT_EQ(v.reasons, (std::vector<std::string_view>{"REPORTED", "MULTIPLE_REPORTS", "WARNINGLISTED"}));
  Verdict unknown_listed = engine->Check(IdentifierKind::kUrl, "https://shop.bol.com/x");
  EXPECT_EQ(unknown_listed.risk, Risk::kLow);
  EXPECT_FALSE(unknown_listed.known);
  EXPECT_EQ(unknown_listed.reasons, (std::vector<std::string_view>{"WARNINGLISTED"}));
}

TEST_P(EngineTest, ImportedListsDoNotLink) {
  auto plain = ParseWarningList("# name: mine\niban," + std::string(kIbanB) + "\n", "");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  auto misp = ParseWarningList(R"({"name":"misp-shops","type":"hostname","list":["shop.example.nl"]})", "");
  ASSERT_TRUE(misp.ok()) << misp.status().ToString();
  auto engine = EngineWith(db_,
                           {
                               R("A", {{IdentifierKind::kIban, kIbanB}}),
                               R("B", {{IdentifierKind::kIban, kIbanB}}),
                               R("C", {{IdentifierKind::kUrl, "https://a.shop.example.nl/x"}}),
                               R("D", {{IdentifierKind::kUrl, "https://b.shop.example.nl/y"}}),
                               R("E", {{IdentifierKind::kUrl, "https://fake-shop.example/1"}}),
                               R("F", {{IdentifierKind::kUrl, "https://www.fake-shop.example/2"}}),
                           },
                           {*plain, *misp});
  // Only the two URLs on the unlisted domain link (through the domain).
  EXPECT_EQ(Partition(*engine), (V{{"fraudehelpdesk/E", "fraudehelpdesk/F"}}));
  EXPECT_EQ(engine->Check(IdentifierKind::kIban, kIbanB).risk, Risk::kLow);
}

TEST_P(EngineTest, PlaceholdersAndInvalidIbansDoNotLink) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kIban, "onbekend"}, {IdentifierKind::kPhone, "n.v.t."}}),
      R("B", {{IdentifierKind::kIban, "onbekend"}, {IdentifierKind::kPhone, "n.v.t."}}),
      R("C", {{IdentifierKind::kIban, "NL91ABNA0417164301"}}),
      R("D", {{IdentifierKind::kIban, "NL91ABNA0417164301"}}),
  });
  EXPECT_TRUE(Partition(*engine).empty());
  Verdict v = engine->Check(IdentifierKind::kIban, "NL91ABNA0417164301");
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.risk, Risk::kNone);
  EXPECT_EQ(v.reasons, (std::vector<std::string_view>{"INVALID"}));
}

TEST_P(EngineTest, UpdateThatRemovesAnIdentifierSplitsTheCluster) {
  auto store = testing::StoreWith(db_, {});
  store::Store* raw = store.get();
  auto engine = NewEngine(std::move(store), {}, {});
  ASSERT_TRUE(engine.ok());
  (*engine)->Apply(testing::Upsert(*raw, {
      R("A", {{IdentifierKind::kIban, kIbanA}}),
      R("B", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kPhone, kPhone1}}),
      R("C", {{IdentifierKind::kPhone, kPhone1}}),
  }));
  EXPECT_EQ(Partition(**engine), (V{{"fraudehelpdesk/A", "fraudehelpdesk/B", "fraudehelpdesk/C"}}));
  // B no longer names the phone: C splits off.
  (*engine)->Apply(testing::Upsert(*raw, {R("B", {{IdentifierKind::kIban, kIbanA}})}));
  EXPECT_EQ(Partition(**engine), (V{{"fraudehelpdesk/A", "fraudehelpdesk/B"}}));
  // B keeps the phone but only as spoofed, and drops the IBAN: all apart.
  (*engine)->Apply(testing::Upsert(*raw, {R("B", {{IdentifierKind::kPhone, kPhone1, Role::kSpoofed}})}));
  EXPECT_TRUE(Partition(**engine).empty());
  // And back together.
  (*engine)->Apply(testing::Upsert(*raw, {R("B", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kPhone, kPhone1}})}));
  EXPECT_EQ(Partition(**engine), (V{{"fraudehelpdesk/A", "fraudehelpdesk/B", "fraudehelpdesk/C"}}));
  EXPECT_EQ((*engine)->Clusters({})[0].id, ClusterId("fraudehelpdesk", "A"));
}

// docs/privacy.md, "Erasure": an erased report links nothing any more, its
// identifiers are unknown unless another report names them, and the
// clusters it held together fall apart; a surviving cluster keeps its id.
TEST_P(EngineTest, RemovedReportNoLongerLinksOrCounts) {
  std::unique_ptr<Engine> engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kIban, kIbanA}}),
      R("B", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kPhone, kPhone1}, {IdentifierKind::kIban, kIbanDe}}),
      R("C", {{IdentifierKind::kPhone, kPhone1}}),
      R("D", {{IdentifierKind::kPhone, kPhone1}}),
      R("E", {{IdentifierKind::kPhone, kPhone1}}),
  });
  // The erasing writer has its own connection, as the server's ingest does.
  auto writer = store::OpenStore(db_);
  ASSERT_TRUE(writer.ok());
  store::Store* raw = writer->get();
  EXPECT_TRUE(engine->Check(IdentifierKind::kIban, kIbanDe).known);
  // E goes: the cluster survives and keeps its id (A is still its smallest).
  auto e = raw->EraseReport({"fraudehelpdesk", "E"});
  ASSERT_TRUE(e.ok());
  engine->Remove({*e});
  ASSERT_EQ(Partition(*engine),
            (V{{"fraudehelpdesk/A", "fraudehelpdesk/B", "fraudehelpdesk/C", "fraudehelpdesk/D"}}));
  EXPECT_EQ(engine->Clusters({})[0].id, ClusterId("fraudehelpdesk", "A"));
  auto erased = raw->EraseReport({"fraudehelpdesk", "B"});
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  engine->Remove({*erased, 12345});  // an unknown row id is skipped
  // A and C were linked only through B: A is alone, C and D stay together
  // under C's id.
  EXPECT_EQ(Partition(*engine), (V{{"fraudehelpdesk/C", "fraudehelpdesk/D"}}));
  EXPECT_EQ(engine->Clusters({})[0].id, ClusterId("fraudehelpdesk", "C"));
  Verdict de = engine->Check(IdentifierKind::kIban, kIbanDe);
  EXPECT_FALSE(de.known);
  EXPECT_EQ(de.risk, Risk::kNone);
  Verdict a = engine->Check(IdentifierKind::kIban, kIbanA);
  EXPECT_EQ(a.reports, 1);
  EXPECT_FALSE(a.cluster);
  EXPECT_EQ(engine->IndexedReports(), 3);
  EXPECT_EQ(engine->DistinctIdentifiers(), 2);
  // Stored again (a new row), B links as before.
  engine->Apply(testing::Upsert(*raw, {R("B", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kPhone, kPhone1}})}));
  EXPECT_EQ(Partition(*engine),
            (V{{"fraudehelpdesk/A", "fraudehelpdesk/B", "fraudehelpdesk/C", "fraudehelpdesk/D"}}));
  EXPECT_EQ(engine->IndexedReports(), 4);
}

// An IBAN in more reports than VerdictMemo::kMinPostings: its verdict is
// memoised per thread. A repeated check, a check from a fresh thread (empty
// memo) and checks after every kind of change must all agree with a walk
// of the index.
TEST_P(EngineTest, MemoisedVerdictsFollowEveryChange) {
  auto store = testing::StoreWith(db_, {});
  store::Store* raw = store.get();
  auto engine = NewEngine(std::move(store), {}, {});
  ASSERT_TRUE(engine.ok());
  std::vector<model::Report> reports;
  for (uint32_t i = 0; i < VerdictMemo::kMinPostings + 4; ++i) {
    reports.push_back(R("M" + std::to_string(100 + i), {{IdentifierKind::kIban, kIbanB, Role::kBeneficiary}}));
  }
  (*engine)->Apply(testing::Upsert(*raw, reports));
  auto fresh_thread_json = [&] {
    std::string out;
    std::thread([&] { out = VerdictJson((*engine)->Check(IdentifierKind::kIban, kIbanB)); }).join();
    return out;
  };
  Verdict first = (*engine)->Check(IdentifierKind::kIban, kIbanB);
  EXPECT_EQ(first.reports, VerdictMemo::kMinPostings + 4);
  EXPECT_EQ(first.losses, 0);
  Verdict again = (*engine)->Check(IdentifierKind::kIban, "nl20 ingb 0001 2345 67");  // a memo hit
  EXPECT_EQ(again.value, "nl20 ingb 0001 2345 67");  // what was asked is the caller's, not the memo's
  again.value = first.value;
  EXPECT_EQ(VerdictJson(again), VerdictJson(first));
  EXPECT_EQ(VerdictJson((*engine)->Check(IdentifierKind::kIban, kIbanB)), fresh_thread_json());

  // A new report with a loss: counts, losses, damage and risk reasons move.
  (*engine)->Apply(testing::Upsert(*raw, {R("M999", {{IdentifierKind::kIban, kIbanB, Role::kBeneficiary}}, 125000)}));
  Verdict after = (*engine)->Check(IdentifierKind::kIban, kIbanB);
  EXPECT_EQ(after.reports, first.reports + 1);
  EXPECT_EQ(after.losses, 1);
  EXPECT_EQ(after.damage_cents, 125000);
  EXPECT_EQ(VerdictJson(after), fresh_thread_json());

  // An update that drops the IBAN from one report.
  (*engine)->Apply(testing::Upsert(*raw, {R("M999", {{IdentifierKind::kPhone, kPhone1}})}));
  Verdict dropped = (*engine)->Check(IdentifierKind::kIban, kIbanB);
  EXPECT_EQ(dropped.reports, first.reports);
  EXPECT_EQ(dropped.losses, 0);
  EXPECT_EQ(VerdictJson(dropped), fresh_thread_json());

  // Another engine over other data never sees this engine's memo.
  auto other = EngineWith(testutil::FreshStoreLocation(GetParam(), dir_, "other.db"), {R("X", {{IdentifierKind::kIban, kIbanB}})});
  EXPECT_EQ(other->Check(IdentifierKind::kIban, kIbanB).reports, 1);
}

// Random reports over a small pool of identifiers, applied in random
// batches with random updates, must cluster exactly like a rebuild from
// the store.
TEST_P(EngineTest, IncrementalEqualsRebuild) {
  std::mt19937 rng(42);
  std::vector<std::string> pool;
  const char* ibans[] = {kIbanA, kIbanB, kIbanDe, "GB82WEST12345698765432", "NL02ABNA0123456789"};
  for (const char* i : ibans) pool.push_back(i);
  auto store = testing::StoreWith(db_, {});
  store::Store* raw = store.get();
  auto engine = NewEngine(std::move(store), {}, {});
  ASSERT_TRUE(engine.ok());
  for (int batch = 0; batch < 30; ++batch) {
    std::vector<model::Report> reports;
    std::vector<std::string> used;
    int n = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
      std::string id = "R" + std::to_string(rng() % 60);  // collisions → updates
      if (std::find(used.begin(), used.end(), id) != used.end()) continue;
      used.push_back(id);
      std::vector<Id> ids;
      if (rng() % 3 == 0) ids.push_back({IdentifierKind::kIban, pool[rng() % pool.size()]});
      if (rng() % 3 == 0) ids.push_back({IdentifierKind::kPhone, "06" + std::to_string(10000000 + rng() % 8)});
      if (rng() % 4 == 0) ids.push_back({IdentifierKind::kPhone, "06" + std::to_string(10000000 + rng() % 8), Role::kSpoofed});
      if (rng() % 4 == 0) ids.push_back({IdentifierKind::kUrl, "https://x" + std::to_string(rng() % 3) + ".example.nl/" + std::to_string(rng() % 9)});
      reports.push_back(R(id, ids, rng() % 2 ? 1000 : 0));
    }
    (*engine)->Apply(testing::Upsert(*raw, reports));
  }
  EngineOptions rebuild_options;
  rebuild_options.db_path = db_;
  auto rebuilt = BuildEngine(rebuild_options);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  auto incremental = Partition(**engine);
  EXPECT_FALSE(incremental.empty());
  EXPECT_EQ(incremental, Partition(**rebuilt));
  auto a = (*engine)->Clusters({});
  auto b = (*rebuilt)->Clusters({});
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].score, b[i].score);
  }
}

// The id is fixed by its definition (cluster_id.h): "c-" + the first 12 hex
// digits of SHA-256("source/id"), here computed independently (Python's
// hashlib), so a change of the hashing code cannot silently renumber clusters.
TEST_P(EngineTest, ClusterIdIsTheDocumentedHash) {
  EXPECT_EQ(ClusterId("fraudehelpdesk", "A"), "c-c7e823823120");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ClusterId("fraudehelpdesk", "A"), "c-c7e823823120");  // context reuse
}

TEST_P(EngineTest, ClusterIdsAreStableAcrossRunsAndOrder) {
  std::vector<model::Report> reports = {
      R("Z", {{IdentifierKind::kIban, kIbanA}}, 0, FraudType::kPhishing, "2024-03-01", "bank"),
      R("M", {{IdentifierKind::kIban, kIbanA}}, 0, FraudType::kPhishing, "2024-03-01", "politie"),
      R("A", {{IdentifierKind::kIban, kIbanA}}, 0, FraudType::kPhishing, "2024-03-01", "politie"),
  };
  testutil::TempDir d1, d2;
  auto e1 = EngineWith(d1, reports);
  std::reverse(reports.begin(), reports.end());
  auto e2 = EngineWith(d2, reports);
  ASSERT_EQ(e1->Clusters({}).size(), 1u);
  EXPECT_EQ(e1->Clusters({})[0].id, ClusterId("bank", "Z"));
  EXPECT_EQ(e1->Clusters({})[0].id, e2->Clusters({})[0].id);
  EXPECT_EQ(e1->Clusters({})[0].id.size(), 14u);
}

TEST_P(EngineTest, PriorityOrderAndExplanation) {
  EngineOptions options;
  options.now = ParseRfc3339("2024-03-04")->seconds;
  auto engine = EngineWith(db_,
                           {
                               // Big, recent, damage, two sources, Dutch mule IBAN and mobile.
                               R("A", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kPhone, kPhone1}}, 1500000),
                               R("B", {{IdentifierKind::kIban, kIbanA}}, 2320000, FraudType::kHulpvraagfraude, "2024-03-01", "politie"),
                               R("C", {{IdentifierKind::kPhone, kPhone1}}),
                               // Small, old, attempts only, foreign handle.
                               R("D", {{IdentifierKind::kHandle, "@scammer"}}, 0, FraudType::kAankoopfraude, "2023-01-01"),
                               R("E", {{IdentifierKind::kHandle, "@Scammer"}}, 0, FraudType::kAankoopfraude, "2023-01-02"),
                           },
                           {}, options);
  auto clusters = engine->Clusters({});
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_GT(clusters[0].score, clusters[1].score);
  EXPECT_EQ(clusters[0].reports, 3);
  EXPECT_EQ(clusters[0].sources, 2);
  EXPECT_EQ(clusters[0].mules, 1);
  EXPECT_EQ(clusters[0].leads, 2);
  EXPECT_EQ(clusters[0].damage_cents, 3820000);
  EXPECT_EQ(clusters[0].explanation,
            (std::vector<std::string>{"3 reports from 2 sources", "€38,200 damage in 2 losses", "1 money-mule IBAN",
                                      "2 follow-up leads (IBAN at a Dutch bank, Dutch mobile number)",
                                      "last report 3 days ago"}));
  EXPECT_EQ(clusters[1].explanation.back(), "last report 427 days ago");
  ClusterQuery top1;
  top1.top = 1;
  EXPECT_EQ(engine->Clusters(top1).size(), 1u);
  ClusterQuery min3;
  min3.min_reports = 3;
  EXPECT_EQ(engine->Clusters(min3).size(), 1u);
}

TEST_P(EngineTest, MulesAreBeneficiaryIbansInTwoOrMoreReports) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kIban, kIbanB, Role::kOther}}),
      R("B", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kIban, kIbanB, Role::kOther}}),
      R("C", {{IdentifierKind::kIban, kIbanDe}}),
  });
  auto mules = engine->Mules(0);
  ASSERT_EQ(mules.size(), 1u);
  EXPECT_EQ(mules[0].canonical, kIbanA);
  EXPECT_EQ(mules[0].reports, 2);
  auto detail = engine->Cluster(ClusterId("fraudehelpdesk", "A"));
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->summary.mules, 1);
  EXPECT_EQ(detail->reports.size(), 2u);
  EXPECT_EQ(detail->identifiers.size(), 2u);
  EXPECT_EQ(detail->edges.size(), 4u);
  EXPECT_TRUE(engine->Cluster("c-000000000000").status().IsNotFound());
}

TEST_P(EngineTest, EveryRiskLevelAndReason) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kIban, kIbanA}, {IdentifierKind::kEmail, "Once@Example.nl"}}, 50000),
      R("B", {{IdentifierKind::kIban, kIbanA}}),
      R("C", {{IdentifierKind::kPhone, kPhone2}}),
      R("D", {{IdentifierKind::kPhone, "0201234567", Role::kSpoofed}}),
  });
  Verdict none = engine->Check(IdentifierKind::kIban, kIbanDe);
  EXPECT_EQ(none.risk, Risk::kNone);
  EXPECT_TRUE(none.valid);
  EXPECT_FALSE(none.known);
  EXPECT_TRUE(none.reasons.empty());

  Verdict medium = engine->Check(IdentifierKind::kPhone, "+31687654321");
  EXPECT_EQ(medium.risk, Risk::kMedium);
  EXPECT_EQ(medium.normalized, "+31687654321");
  EXPECT_EQ(medium.reasons, (std::vector<std::string_view>{"REPORTED"}));

  Verdict loss = engine->Check(IdentifierKind::kEmail, " once@example.nl ");
  EXPECT_EQ(loss.risk, Risk::kHigh);
  EXPECT_EQ(loss.reasons, (std::vector<std::string_view>{"REPORTED", "LOSS_REPORTED", "IN_CLUSTER"}));
  EXPECT_EQ(loss.damage_cents, 50000);

  Verdict high = engine->Check(IdentifierKind::kIban, "nl91abna0417164300");
  EXPECT_EQ(high.risk, Risk::kHigh);
  EXPECT_EQ(high.reasons, (std::vector<std::string_view>{"REPORTED", "LOSS_REPORTED", "MULTIPLE_REPORTS",
                                                    "MULE_CANDIDATE", "IN_CLUSTER"}));
  EXPECT_EQ(high.reports, 2);
  EXPECT_EQ(high.losses, 1);
  ASSERT_TRUE(high.cluster);
  EXPECT_EQ(high.cluster->id, ClusterId("fraudehelpdesk", "A"));
  EXPECT_EQ(high.cluster->reports, 2);
  EXPECT_EQ(high.fraud_types, (std::vector<FraudType>{FraudType::kHulpvraagfraude}));
  EXPECT_EQ(FormatDate(*high.first_seen), "2024-03-01");

  EXPECT_EQ(engine->Check(IdentifierKind::kPhone, "020-1234567").risk, Risk::kLow);
  EXPECT_EQ(engine->Check(IdentifierKind::kPhone, "088 722 67 67").reasons,
            (std::vector<std::string_view>{"WARNINGLISTED"}));
  Verdict invalid = engine->Check(IdentifierKind::kPhone, "onbekend");
  EXPECT_FALSE(invalid.valid);
  EXPECT_EQ(invalid.reasons, (std::vector<std::string_view>{"INVALID"}));
}

TEST_P(EngineTest, UrlsOnOneDomainLinkAndCheckByDomain) {
  auto engine = EngineWith(db_, {
      R("A", {{IdentifierKind::kUrl, "https://betaal-nu.example.nl/x"}}),
      R("B", {{IdentifierKind::kUrl, "http://pay.betaal-nu.example.nl/y"}}),
  });
  EXPECT_EQ(Partition(*engine), (V{{"fraudehelpdesk/A", "fraudehelpdesk/B"}}));
  EXPECT_EQ(engine->DistinctIdentifiers(), 2);
  Verdict v = engine->Check(IdentifierKind::kUrl, "https://betaal-nu.example.nl/other");
  EXPECT_EQ(v.risk, Risk::kHigh);
  EXPECT_EQ(v.reports, 2);
}

TEST_P(EngineTest, PseudonymLookups) {
  EngineOptions options;
  options.pseudonym_key = "secret";
  auto engine = EngineWith(db_, {R("A", {{IdentifierKind::kIban, kIbanA}}, 100)}, {}, options);
  std::string p = Pseudonymize("secret", IdentifierKind::kIban, kIbanA);
  EXPECT_EQ(p.size(), 64u);
  Verdict v = engine->CheckPseudonym(IdentifierKind::kIban, p);
  EXPECT_TRUE(v.known);
  EXPECT_EQ(v.risk, Risk::kHigh);
  EXPECT_TRUE(v.normalized.empty());  // never handed back
  EXPECT_FALSE(engine->CheckPseudonym(IdentifierKind::kPhone, p).known);
  Verdict unknown = engine->CheckPseudonym(IdentifierKind::kIban, std::string(64, 'a'));
  EXPECT_TRUE(unknown.valid);
  EXPECT_FALSE(unknown.known);
  EXPECT_EQ(unknown.risk, Risk::kNone);
}

TEST_P(EngineTest, HubAcrossUnrelatedFraudTypesIsWarnedAbout) {
  std::vector<model::Report> reports;
  FraudType types[] = {FraudType::kHulpvraagfraude, FraudType::kAankoopfraude, FraudType::kPhishing};
  for (int i = 0; i < 30; ++i) {
    reports.push_back(R("H" + std::to_string(i), {{IdentifierKind::kUrl, "https://shared-pay.example.com/" + std::to_string(i)}},
                        0, types[i % 3]));
  }
  auto engine = EngineWith(db_, reports);
  auto warnings = engine->LinkWarnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(warnings[0].domain);
  EXPECT_EQ(warnings[0].canonical, "example.com");
  EXPECT_EQ(warnings[0].reports, 30);
}

}  // namespace
}  // namespace zicht::link

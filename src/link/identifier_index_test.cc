#include "link/identifier_index.h"

#include <gtest/gtest.h>

#include "link/components.h"
#include "link/test_reports.h"

namespace zicht::link {
namespace {

using model::IdentifierKind;

TEST(PackedListTest, InlineThenHeap) {
  PackedList l;
  EXPECT_EQ(l.HeapBytes(), 0u);
  for (uint32_t i = 0; i < 100; ++i) l.push_back(i);
  EXPECT_EQ(l.size(), 100u);
  EXPECT_EQ(l[99], 99u);
  PackedList copy = l;
  PackedList moved = std::move(l);
  EXPECT_EQ(moved.size(), 100u);
  moved.EraseIf([](uint32_t v) { return v % 2 == 0; });
  EXPECT_EQ(moved.size(), 50u);
  EXPECT_EQ(moved[0], 1u);
  EXPECT_EQ(copy.size(), 100u);
}

TEST(IdentifierIndexTest, PostingsRolesAndUpdates) {
  WarningListMatcher none;
  IdentifierIndex index(&none);
  store::StoredReport a{1, testing::MakeReport("s", "a", "2024-01-01", model::FraudType::kPhishing, 0,
                                               {{IdentifierKind::kIban, "NL91ABNA0417164300"},
                                                {IdentifierKind::kPhone, "0612345678", model::Role::kSpoofed}})};
  store::StoredReport b{2, testing::MakeReport("s", "b", "2024-01-02", model::FraudType::kPhishing, 100,
                                               {{IdentifierKind::kIban, "NL91ABNA0417164300"}})};
  EXPECT_FALSE(index.Upsert(a).existed);
  index.Upsert(b);
  auto iban = index.Find(static_cast<uint8_t>(IdentifierKind::kIban), "NL91ABNA0417164300");
  ASSERT_TRUE(iban);
  EXPECT_EQ(index.postings(*iban).size(), 2u);
  EXPECT_TRUE(index.IsMule(*iban));
  EXPECT_TRUE(index.IsLead(*iban));
  auto phone = index.Find(static_cast<uint8_t>(IdentifierKind::kPhone), "+31612345678");
  ASSERT_TRUE(phone);
  EXPECT_FALSE(index.Links(*phone, index.postings(*phone)[0]));
  Components c;
  c.Build(index);
  EXPECT_EQ(c.Find(0), c.Find(1));
  EXPECT_EQ(c.Smallest(c.Find(1)), 0u);

  // b drops the IBAN: the posting goes, the report stays.
  b.report.identifiers.clear();
  auto effect = index.Upsert(b);
  EXPECT_TRUE(effect.existed);
  EXPECT_EQ(effect.lost_links, std::vector<uint32_t>{*iban});
  EXPECT_EQ(index.postings(*iban).size(), 1u);
  EXPECT_FALSE(index.IsMule(*iban));
  EXPECT_EQ(index.report_count(), 2u);
  EXPECT_EQ(index.LiveIdentifiers(), 2);
  EXPECT_GT(index.Bytes(), 0);
}

// Churn: updates that split clusters and re-join them (union-find slots are
// freed and reused) and that grow reports beyond their entry range (moved,
// then compacted), with row ids that are not 1, 2, 3 …. After every round
// the incremental state must equal a fresh build.
TEST(IdentifierIndexTest, ChurnKeepsEntriesRowsAndComponentsConsistent) {
  WarningListMatcher none;
  IdentifierIndex index(&none);
  Components inc;
  auto phone = [](int n) {
    std::string digits = std::to_string(10000000 + n);
    return "06" + digits.substr(digits.size() - 8);
  };
  constexpr int kReports = 300;
  auto make = [&](int i, int round) {
    std::vector<testing::Id> ids;
    bool drop = i % 3 == 0 && round % 2 == 1;
    if (!drop) ids.push_back({IdentifierKind::kPhone, phone(i / 3)});
    ids.push_back({IdentifierKind::kPhone, phone(1000 + i)});
    if (i % 3 == 0 && round > 0 && round % 2 == 0) {
      for (int k = 0; k < 5; ++k) ids.push_back({IdentifierKind::kPhone, phone(5000 + k * 1000 + i)});
    }
    int64_t row = i == kReports - 1 ? (int64_t{1} << 40) : int64_t{i} * 7 + 3;
    return store::StoredReport{row, testing::MakeReport("s", "r" + std::to_string(1000 - i), "2024-01-01",
                                                        model::FraudType::kPhishing, 0, ids)};
  };
  auto apply = [&](const store::StoredReport& stored) {
    auto effect = index.Upsert(stored);
    inc.Grow(index);
    if (effect.lost_links.empty()) {
      inc.Link(index, effect.report);
      return;
    }
    std::vector<uint32_t> seeds{effect.report};
    for (uint32_t ident : effect.lost_links) {
      for (uint32_t p : index.postings(ident)) {
        if (index.Links(ident, p)) {
          seeds.push_back(EntryIndex(p));
          break;
        }
      }
    }
    inc.Recompute(index, seeds);
  };
  for (int round = 0; round < 40; ++round) {
    for (int i = 0; i < kReports; ++i) {
      if (round == 0 || i % 3 == 0) apply(make(i, round));
    }
    ASSERT_EQ(index.report_count(), static_cast<uint32_t>(kReports));
    Components fresh;
    fresh.Build(index);
    for (uint32_t r = 0; r < index.report_count(); ++r) {
      ASSERT_EQ(index.FindReport(index.row_id(r)), r);
      size_t expected = make(static_cast<int>(r), round).report.identifiers.size();
      ASSERT_EQ(index.entries(r).size(), expected) << "round " << round << " report " << r;
      for (uint32_t e : index.entries(r)) {
        bool found = false;
        for (uint32_t p : index.postings(EntryIndex(e))) found = found || EntryIndex(p) == r;
        ASSERT_TRUE(found);
      }
      uint32_t a = inc.Find(r), b = fresh.Find(r);
      ASSERT_EQ(inc.Size(a), fresh.Size(b)) << "round " << round << " report " << r;
      ASSERT_EQ(inc.Smallest(a), fresh.Smallest(b));
      // Groups of three link through their shared phone unless split off.
      uint32_t group_size = r % 3 == 0 && round % 2 == 1 ? 1 : (round % 2 == 1 ? 2 : 3);
      ASSERT_EQ(fresh.Size(b), group_size) << "round " << round << " report " << r;
    }
  }
  EXPECT_FALSE(index.FindReport(1));
  index.ShrinkToFit();
  EXPECT_EQ(index.entries(0).size(), 1u);  // round 39 dropped its group phone
  EXPECT_GT(index.Bytes(), 0);
  EXPECT_GT(inc.Bytes(), 0);
}

}  // namespace
}  // namespace zicht::link

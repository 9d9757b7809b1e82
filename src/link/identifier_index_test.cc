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

}  // namespace
}  // namespace zicht::link

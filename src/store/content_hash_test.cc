#include "store/content_hash.h"

#include <gtest/gtest.h>

namespace zicht::store {
namespace {

model::Report Sample() {
  model::Report r;
  r.key = {"fraudehelpdesk", "FHD-1"};
  r.reported_at = "2024-03-01T10:15:00Z";
  r.fraud_type = model::FraudType::kPhishing;
  model::Identifier id;
  id.kind = model::IdentifierKind::kIban;
  id.value = "NL91ABNA0417164300";
  r.identifiers.push_back(id);
  return r;
}

TEST(ContentHashTest, EqualContentEqualHash) { EXPECT_EQ(ContentHash(Sample()), ContentHash(Sample())); }

TEST(ContentHashTest, AnyFieldChangesTheHash) {
  uint64_t base = ContentHash(Sample());
  auto changed = [&](auto mutate) {
    model::Report r = Sample();
    mutate(r);
    return ContentHash(r) != base;
  };
  EXPECT_TRUE(changed([](model::Report& r) { r.text = "x"; }));
  EXPECT_TRUE(changed([](model::Report& r) { r.damage_cents = 0; }));
  EXPECT_TRUE(changed([](model::Report& r) { r.outcome = model::Outcome::kLoss; }));
  EXPECT_TRUE(changed([](model::Report& r) { r.victim.region = model::Region::kUT; }));
  EXPECT_TRUE(changed([](model::Report& r) { r.identifiers[0].role = model::Role::kSpoofed; }));
  EXPECT_TRUE(changed([](model::Report& r) { r.identifiers.clear(); }));
  EXPECT_TRUE(changed([](model::Report& r) { r.occurred_at = "2024-02-28"; }));
}

TEST(ContentHashTest, FieldBoundariesMatter) {
  model::Report a = Sample(), b = Sample();
  a.key.id = "ab";
  a.text = "c";
  b.key.id = "a";
  b.text = "bc";
  EXPECT_NE(ContentHash(a), ContentHash(b));
}

TEST(ContentHashTest, CanonicalFormIsNotPartOfTheHash) {
  model::Report a = Sample(), b = Sample();
  b.identifiers[0].canonical = "NL91ABNA0417164300";
  b.identifiers[0].valid = true;
  EXPECT_EQ(ContentHash(a), ContentHash(b));
}

}  // namespace
}  // namespace zicht::store

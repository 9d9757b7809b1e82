// Outcomes summed up per identifier (alert/outcome_summary.h).
#include "alert/outcome_summary.h"

#include <gtest/gtest.h>

namespace zicht::alert {
namespace {

store::Feedback Row(int64_t seq, std::string partner, std::string value, std::string outcome, int64_t cents = 0,
                    std::string reason = "") {
  store::Feedback f;
  f.seq = seq;
  f.partner = std::move(partner);
  f.kind = "iban";
  f.normalized = std::move(value);
  f.outcome = std::move(outcome);
  f.amount_cents = cents;
  f.reason = std::move(reason);
  return f;
}

TEST(SummarizeOutcomesTest, PerIdentifierInOutcomeOrderWithSumsPartnersAndReasons) {
  // Out of seq order on purpose: seq is the time order.
  auto by = SummarizeOutcomes({Row(4, "ing", "A", "no_action", 0, "klant onbereikbaar"),
                               Row(1, "ing", "A", "funds_frozen", 100000),
                               Row(2, "rabo", "A", "funds_frozen", 25050),
                               Row(3, "ing", "A", "funds_frozen", 5000),
                               Row(5, "ing", "A", "no_action", 0, "te laat"),
                               Row(6, "ing", "A", "no_action", 0, "klant onbereikbaar"),
                               Row(7, "ing", "A", "account_blocked"),
                               Row(8, "ing", "B", "funds_recovered", 999),
                               Row(9, "ing", "B", "written_by_a_newer_version")});
  ASSERT_EQ(by.size(), 2u);
  const auto& a = by.at({"iban", "A"});
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].outcome, "account_blocked");
  EXPECT_EQ(a[1].outcome, "funds_frozen");
  EXPECT_EQ(a[1].count, 3);
  EXPECT_EQ(a[1].amount_cents, 130050);
  EXPECT_EQ(a[1].partners, (std::vector<std::string>{"ing", "rabo"})) << "first report first, each once";
  EXPECT_EQ(a[2].outcome, "no_action");
  EXPECT_EQ(a[2].count, 3);
  EXPECT_EQ(a[2].reasons, (std::vector<std::string>{"klant onbereikbaar", "te laat"})) << "newest first, each once";
  const auto& b = by.at({"iban", "B"});
  ASSERT_EQ(b.size(), 1u) << "an unknown outcome is not summed";
  EXPECT_EQ(b[0].amount_cents, 999);
}

TEST(SummarizeOutcomesTest, KeepsTheNewestReasonsOnly) {
  std::vector<store::Feedback> rows;
  for (int i = 0; i < 8; ++i) rows.push_back(Row(i, "ing", "A", "no_action", 0, "reden " + std::to_string(i)));
  auto by = SummarizeOutcomes(rows);
  const auto& reasons = by.at({"iban", "A"})[0].reasons;
  ASSERT_EQ(reasons.size(), kMaxSummaryReasons);
  EXPECT_EQ(reasons.front(), "reden 7");
  EXPECT_EQ(reasons.back(), "reden 3");
  EXPECT_TRUE(SummarizeOutcomes({}).empty());
}

}  // namespace
}  // namespace zicht::alert

// Alert generation over a real engine and store (alert/generator.h).
#include "alert/generator.h"

#include <gtest/gtest.h>

#include "link/test_reports.h"

namespace zicht::alert {
namespace {

using link::testing::Id;
using link::testing::MakeReport;
using model::FraudType;
using model::IdentifierKind;
using model::Role;

constexpr const char* kIng = "NL20INGB0001234567";
constexpr const char* kRabo = "NL39RABO0300065264";

store::Subscription Bank(std::string partner, std::string code) {
  store::Subscription s;
  s.partner = std::move(partner);
  s.bank_code = std::move(code);
  return s;
}

class GeneratorTest : public ::testing::Test {
 protected:
  GeneratorTest() : generator_(*LoadAlertRules(""), SubscriptionIndex({Bank("ing", "INGB")})) {}

  // Ingests `reports` into the engine and returns the alerts they raise.
  std::vector<store::Alert> Ingest(const std::vector<model::Report>& reports) {
    if (!engine_) {
      engine_ = link::testing::EngineWith(dir_, {});
      auto opened = store::OpenSqliteStore(dir_.File("extra.db"));
      store_ = std::move(opened).value();
    }
    std::vector<store::StoredReport> changed = link::testing::Upsert(*store_, reports);
    std::vector<Candidate> candidates;
    generator_.Collect(changed, &candidates);
    engine_->Apply(changed);
    return generator_.Evaluate(*engine_, candidates, 1717200000);
  }

  static std::vector<std::string> Rules(const std::vector<store::Alert>& alerts) {
    std::vector<std::string> out;
    for (const auto& a : alerts) out.push_back(a.partner + ":" + a.rule + ":" + a.normalized);
    return out;
  }

  testutil::TempDir dir_;
  Generator generator_;
  std::unique_ptr<link::Engine> engine_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(GeneratorTest, ThirdReportRaisesTheCovenantAlertOnlyForTheHoldingBank) {
  auto first = Ingest({MakeReport("politie", "P1", "2024-06-01", FraudType::kPhishing, 0,
                                  {Id(IdentifierKind::kIban, kIng, Role::kContact), Id(IdentifierKind::kIban, kRabo)})});
  EXPECT_TRUE(first.empty()) << ::testing::PrintToString(Rules(first));
  auto second = Ingest({MakeReport("fraudehelpdesk", "F1", "2024-06-01", FraudType::kPhishing, 0,
                                   {Id(IdentifierKind::kIban, kIng, Role::kContact)})});
  EXPECT_TRUE(second.empty());
  auto third = Ingest({MakeReport("fraudehelpdesk", "F2", "2024-06-02", FraudType::kPhishing, 0,
                                  {Id(IdentifierKind::kIban, kIng, Role::kContact)})});
  ASSERT_EQ(Rules(third), (std::vector<std::string>{std::string("ing:reports:") + kIng}));
  EXPECT_EQ(third[0].reports, 3);
  EXPECT_EQ(third[0].sources, 2);
  EXPECT_EQ(third[0].id, store::AlertId("ing", "reports", "iban", kIng));
  EXPECT_EQ(third[0].first_report_at, 1717200000) << "2024-06-01T00:00:00Z, the first report";
}

TEST_F(GeneratorTest, LossBeneficiaryAndMuleCandidate) {
  auto loss = Ingest({MakeReport("politie", "P1", "2024-06-01", FraudType::kPhishing, 50000,
                                 {Id(IdentifierKind::kIban, kIng, Role::kBeneficiary)})});
  EXPECT_EQ(Rules(loss), (std::vector<std::string>{std::string("ing:beneficiary_loss:") + kIng}));
  auto mule = Ingest({MakeReport("politie", "P2", "2024-06-01", FraudType::kPhishing, 0,
                                 {Id(IdentifierKind::kIban, kIng, Role::kBeneficiary)})});
  EXPECT_EQ(Rules(mule), (std::vector<std::string>{std::string("ing:mule_candidate:") + kIng}));
}

TEST_F(GeneratorTest, SpoofedOnlyRaisesNothing) {
  std::vector<model::Report> reports;
  for (int i = 0; i < 4; ++i) {
    reports.push_back(MakeReport("politie", "S" + std::to_string(i), "2024-06-01", FraudType::kPhishing, 100,
                                 {Id(IdentifierKind::kIban, kIng, Role::kSpoofed)}));
  }
  EXPECT_TRUE(Ingest(reports).empty());
}

TEST(GeneratorRulesTest, MinSourcesAndSwitchedOffRules) {
  testutil::TempDir dir;
  auto rules = ParseAlertRules("[reports]\nmin_sources = 2\n[beneficiary_loss]\nenabled = false\n", "r");
  ASSERT_TRUE(rules.ok());
  Generator g(*rules, SubscriptionIndex({Bank("ing", "INGB")}));
  std::vector<model::Report> reports;
  for (int i = 0; i < 3; ++i) {
    reports.push_back(MakeReport("politie", "P" + std::to_string(i), "2024-06-01", FraudType::kPhishing, 100,
                                 {Id(IdentifierKind::kIban, kIng, Role::kContact)}));
  }
  auto engine = link::testing::EngineWith(dir, reports);
  std::vector<Candidate> candidates;
  auto other = store::OpenSqliteStore(dir.File("b.db"));
  g.Collect(link::testing::Upsert(**other, reports), &candidates);
  ASSERT_EQ(candidates.size(), 1u) << "one candidate per identifier per batch";
  EXPECT_TRUE(g.Evaluate(*engine, candidates, 0).empty()) << "three reports, one source";
}

TEST(GeneratorRulesTest, NoSubscriptionsNoCandidates) {
  Generator g(*LoadAlertRules(""), SubscriptionIndex());
  std::vector<store::StoredReport> changed(1);
  changed[0].report = MakeReport("politie", "P1", "2024-06-01", FraudType::kPhishing, 100,
                                 {Id(IdentifierKind::kIban, kIng)});
  std::vector<Candidate> candidates;
  g.Collect(changed, &candidates);
  EXPECT_TRUE(candidates.empty());
  EXPECT_FALSE(g.has_subscriptions());
}

TEST(GeneratorRulesTest, TopClusterAndDisputeAlerts) {
  testutil::TempDir dir;
  std::vector<model::Report> reports = {
      MakeReport("politie", "P1", "2024-06-01", FraudType::kPhishing, 100,
                 {Id(IdentifierKind::kIban, kIng, Role::kContact), Id(IdentifierKind::kPhone, "+31612345678")}),
      MakeReport("politie", "P2", "2024-06-01", FraudType::kPhishing, 100,
                 {Id(IdentifierKind::kPhone, "+31612345678")})};
  auto engine = link::testing::EngineWith(dir, reports);
  Generator g(*LoadAlertRules(""), SubscriptionIndex({Bank("ing", "INGB")}));
  auto top = g.EvaluateTopClusters(*engine, 0);
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].rule, "priority_cluster");
  EXPECT_FALSE((*top)[0].cluster.empty());
  auto disputed = g.DisputeAlerts(*engine, IdentifierKind::kIban, kIng, false, 0);
  ASSERT_EQ(disputed.size(), 1u);
  EXPECT_EQ(disputed[0].rule, "disputed");
  EXPECT_EQ(g.DisputeAlerts(*engine, IdentifierKind::kIban, kIng, true, 0)[0].rule, "cleared");
  EXPECT_TRUE(g.DisputeAlerts(*engine, IdentifierKind::kIban, kRabo, false, 0).empty());
}

}  // namespace
}  // namespace zicht::alert

// Outcomes and disputes in a verdict (alert/marks.h).
#include "alert/marks.h"

#include <gtest/gtest.h>

#include "alert/alert_json.h"
#include "testutil/testutil.h"

namespace zicht::alert {
namespace {

link::Verdict IbanVerdict(std::string normalized) {
  link::Verdict v;
  v.kind = model::IdentifierKind::kIban;
  v.normalized = std::move(normalized);
  v.valid = true;
  v.risk = link::Risk::kMedium;
  v.reasons = {"REPORTED"};
  return v;
}

TEST(MarksTest, ConfirmedMuleDisputedAndUpheld) {
  store::IdentifierMarks m;
  m.confirmed_mule.push_back({"iban", "NL20INGB0001234567"});
  m.disputed.push_back({"iban", "NL39RABO0300065264"});
  m.dispute_upheld.push_back({"iban", "NL91ABNA0417164300"});
  Marks marks(m);
  link::Verdict mule = IbanVerdict("NL20INGB0001234567");
  marks.Apply(mule);
  EXPECT_EQ(mule.risk, link::Risk::kHigh);
  EXPECT_EQ(mule.reasons, (std::vector<std::string_view>{"REPORTED", "CONFIRMED_MULE"}));
  link::Verdict disputed = IbanVerdict("NL39RABO0300065264");
  marks.Apply(disputed);
  EXPECT_EQ(disputed.risk, link::Risk::kMedium);
  EXPECT_EQ(disputed.reasons, (std::vector<std::string_view>{"REPORTED", "DISPUTED"}));
  link::Verdict upheld = IbanVerdict("NL91ABNA0417164300");
  marks.Apply(upheld);
  EXPECT_EQ(upheld.reasons.back(), "DISPUTE_UPHELD");
  link::Verdict other = IbanVerdict("NL02ABNA0123456789");
  marks.Apply(other);
  EXPECT_EQ(other.reasons.size(), 1u);
}

TEST(MarksTest, UpheldDisputesBecomeAStoredWarningList) {
  testutil::TempDir dir;
  auto alerts = store::OpenSqliteAlertStore(dir.File("z.db"));
  auto lists = store::WarningListStore::Open(dir.File("z.db"));
  ASSERT_TRUE(alerts.ok() && lists.ok());
  store::Dispute d;
  d.partner = "ing";
  d.kind = "iban";
  d.normalized = "NL20INGB0001234567";
  d.reason = "own account";
  auto id = (*alerts)->OpenDispute(d);
  ASSERT_TRUE((*alerts)->ResolveDispute(*id, store::DisputeState::kUpheld, "yes", 5).ok());
  ASSERT_TRUE(WriteDisputeWarningList(**alerts, **lists, 5).ok());
  auto all = (*lists)->LoadAll();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name, "zicht-disputes");
  ASSERT_EQ((*all)[0].entries.size(), 1u);
  EXPECT_EQ((*all)[0].entries[0].value, "NL20INGB0001234567");
}

TEST(AlertJsonTest, ScopeCutsTheEvidence) {
  store::Alert a;
  a.id = "al_1";
  a.rule = "reports";
  a.kind = "iban";
  a.normalized = "NL20INGB0001234567";
  a.created_at = 1717200000;
  a.first_report_at = 1717100000;
  a.reports = 3;
  a.sources = 2;
  a.damage_cents = 123456;
  a.reasons = "REPORTED,MULTIPLE_REPORTS";
  std::string hit, risk, detail;
  AppendAlertJson(a, model::Scope::kHit, &hit);
  AppendAlertJson(a, model::Scope::kRisk, &risk);
  AppendAlertJson(a, model::Scope::kDetail, &detail);
  EXPECT_EQ(hit, R"({"id":"al_1","rule":"reports","kind":"iban","normalized":"NL20INGB0001234567",)"
                 R"("created_at":"2024-06-01T00:00:00Z"})");
  EXPECT_EQ(risk, hit.substr(0, hit.size() - 1) + R"(,"reasons":["REPORTED","MULTIPLE_REPORTS"]})");
  EXPECT_EQ(detail, risk.substr(0, risk.size() - 1) +
                        R"(,"reports":3,"sources":2,"losses":0,"damage_eur":1234.56,)"
                        R"("first_report_at":"2024-05-30T20:13:20Z","cluster":null})");
}

}  // namespace
}  // namespace zicht::alert

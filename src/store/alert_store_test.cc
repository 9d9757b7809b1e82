// The alert tables on both backends (store/alert_store.h;
// testutil/store_backend.h): a real SQLite file, and a database in a
// throw-away PostgreSQL cluster (alert_store_test_pg, label `postgresql`).
#include "store/alert_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "store/store.h"
#include "testutil/store_backend.h"
#include "testutil/testutil.h"

namespace zicht::store {
namespace {

Alert MakeAlert(std::string partner, std::string rule, std::string iban) {
  Alert a;
  a.id = AlertId(partner, rule, "iban", iban);
  a.partner = std::move(partner);
  a.rule = std::move(rule);
  a.kind = "iban";
  a.normalized = std::move(iban);
  a.created_at = 1700000000;
  a.first_report_at = 1699990000;
  a.reports = 3;
  a.sources = 2;
  return a;
}

class AlertStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    location_ = testutil::FreshStoreLocation(GetParam(), dir_, "z.db");
    ASSERT_FALSE(location_.empty());
    store_ = Open();
    ASSERT_NE(store_, nullptr);
  }
  //! Another connection to the same store (another thread, process or node).
  std::unique_ptr<AlertStore> Open() {
    auto s = OpenAlertStore(location_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  testutil::TempDir dir_;
  std::string location_;
  std::unique_ptr<AlertStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, AlertStoreTest, ::testing::ValuesIn(testutil::StoreBackends()),
                         testutil::BackendName());

TEST(AlertIdTest, StableAndDistinct) {
  EXPECT_EQ(AlertId("ing", "reports", "iban", "NL20INGB0001234567"),
            AlertId("ing", "reports", "iban", "NL20INGB0001234567"));
  EXPECT_NE(AlertId("ing", "reports", "iban", "NL20INGB0001234567"),
            AlertId("rabo", "reports", "iban", "NL20INGB0001234567"));
  // The separator keeps "ab"+"c" apart from "a"+"bc".
  EXPECT_NE(AlertId("ab", "c", "iban", "x"), AlertId("a", "bc", "iban", "x"));
  EXPECT_EQ(AlertId("ing", "r", "iban", "x").size(), 3u + 20u);
}

TEST_P(AlertStoreTest, ExactlyOneAlertPerPartnerRuleAndIdentifier) {
  auto first = store_->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567")}, 0);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  auto again = store_->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567"),
                                     MakeAlert("ing", "beneficiary_loss", "NL20INGB0001234567")},
                                    0);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u) << "only the new rule's alert";
  EXPECT_EQ((*again)[0].rule, "beneficiary_loss");
  EXPECT_GT((*again)[0].seq, (*first)[0].seq);
  auto feed = store_->AlertsAfter("ing", 0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 2u);
  auto after = store_->AlertsAfter("ing", (*feed)[0].seq, 100);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].id, (*again)[0].id);
  EXPECT_TRUE(store_->AlertsAfter("rabo", 0, 100)->empty()) << "a partner sees only its own alerts";
}

TEST_P(AlertStoreTest, DeliveryRowsOnlyForPartnersWithAWebhookUntilDelivered) {
  ASSERT_TRUE(store_->PutWebhook(Webhook{"ing", "http://127.0.0.1:1/hook", "s3cret", 1}).ok());
  auto ins = store_->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567"),
                                   MakeAlert("rabo", "reports", "NL39RABO0300065264")},
                                  1000);
  ASSERT_TRUE(ins.ok());
  auto due = store_->ClaimDueDeliveries("ing", 1000, 10, 0);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].alert.normalized, "NL20INGB0001234567");
  EXPECT_TRUE(store_->ClaimDueDeliveries("rabo", 1000, 10, 0)->empty());
  ASSERT_TRUE(store_->MarkFailed((*due)[0].alert.seq, 1, 5000, false, "HTTP 500").ok());
  EXPECT_TRUE(store_->ClaimDueDeliveries("ing", 4999, 10, 0)->empty()) << "backing off";
  EXPECT_EQ(**store_->NextDueMs("ing"), 5000);
  ASSERT_EQ(store_->ClaimDueDeliveries("ing", 5000, 10, 0)->size(), 1u);
  ASSERT_TRUE(store_->MarkDelivered((*due)[0].alert.seq, 5001).ok());
  EXPECT_TRUE(store_->ClaimDueDeliveries("ing", 99999, 10, 0)->empty());
  EXPECT_FALSE(store_->NextDueMs("ing")->has_value());
  auto counts = store_->CountDeliveries("ing");
  EXPECT_EQ(counts->delivered, 1);
  EXPECT_EQ(counts->pending, 0);
}

// ING holds INGB and has a webhook; returns the subscription's id.
Result<int64_t> SubscribeIngWithWebhook(AlertStore& store) {
  Subscription s;
  s.partner = "ing";
  s.bank_code = "INGB";
  ZICHT_ASSIGN_OR_RETURN(int64_t id, store.AddSubscription(s));
  ZICHT_RETURN_IF_ERROR(store.PutWebhook(Webhook{"ing", "https://ing.example/hook", "k", 1}));
  return id;
}

// Claims of due deliveries by several nodes on one database server
// (docs/deploy.md): only on PostgreSQL — SQLite only reads them (one
// delivering server per file).
class DeliveryClaimTest : public AlertStoreTest {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DeliveryClaimTest);
INSTANTIATE_TEST_SUITE_P(Backends, DeliveryClaimTest, ::testing::ValuesIn(testutil::ServerBackends()),
                         testutil::BackendName());

// A claimed delivery is no other connection's until its lease ends, the
// n-th of a claim leased n + 1 attempts; a lease that ran out (its node
// died) is anybody's again.
TEST_P(DeliveryClaimTest, AClaimedDeliveryIsNobodyElsesUntilItsLeaseEnds) {
  ASSERT_TRUE(store_->PutWebhook(Webhook{"ing", "http://127.0.0.1:1/hook", "s3cret", 1}).ok());
  auto ins = store_->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567"),
                                   MakeAlert("ing", "reports", "NL39RABO0300065264"),
                                   MakeAlert("ing", "reports", "NL91ABNA0417164300")},
                                  1000);
  ASSERT_EQ(ins->size(), 3u);
  auto other = Open();
  auto mine = store_->ClaimDueDeliveries("ing", 1000, 2, 100);  // leased to 1200 and 1300
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].alert.seq, (*ins)[0].seq);
  auto theirs = other->ClaimDueDeliveries("ing", 1000, 10, 100);
  ASSERT_EQ(theirs->size(), 1u) << "only the one nobody claimed";
  EXPECT_EQ((*theirs)[0].alert.seq, (*ins)[2].seq);
  EXPECT_TRUE(other->ClaimDueDeliveries("ing", 1199, 10, 100)->empty());
  ASSERT_TRUE(store_->MarkDelivered((*mine)[1].alert.seq, 1100).ok());
  ASSERT_TRUE(other->MarkDelivered((*theirs)[0].alert.seq, 1100).ok());
  auto expired = other->ClaimDueDeliveries("ing", 1200, 10, 100);
  ASSERT_EQ(expired->size(), 1u) << "the first lease ran out; the delivered ones are gone";
  EXPECT_EQ((*expired)[0].alert.seq, (*ins)[0].seq);
  EXPECT_EQ((*expired)[0].attempts, 0) << "a lost claim is not an attempt";
}

// Two nodes claiming at once from 200 due deliveries: each is claimed by
// exactly one (FOR UPDATE SKIP LOCKED; a plain UPDATE … WHERE seq IN
// (SELECT …) lets both take a row).
TEST_P(DeliveryClaimTest, ConcurrentClaimsTakeEachDeliveryOnce) {
  ASSERT_TRUE(store_->PutWebhook(Webhook{"ing", "http://127.0.0.1:1/hook", "s3cret", 1}).ok());
  std::vector<Alert> alerts;
  for (int i = 0; i < 200; ++i) alerts.push_back(MakeAlert("ing", "reports", "NL" + std::to_string(1000 + i)));
  ASSERT_EQ(store_->InsertAlerts(alerts, 1000)->size(), 200u);
  std::vector<int64_t> got[2];
  std::thread nodes[2];
  for (int n = 0; n < 2; ++n) {
    nodes[n] = std::thread([this, n, &got] {
      auto store = Open();
      if (store == nullptr) return;
      for (;;) {
        auto claimed = store->ClaimDueDeliveries("ing", 1000, 3, 1000000);
        if (!claimed.ok() || claimed->empty()) return;
        for (const DueDelivery& d : *claimed) got[n].push_back(d.alert.seq);
      }
    });
  }
  for (auto& t : nodes) t.join();
  std::multiset<int64_t> all(got[0].begin(), got[0].end());
  all.insert(got[1].begin(), got[1].end());
  EXPECT_EQ(all.size(), 200u);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), 200u) << "no delivery claimed twice";
}

TEST_P(AlertStoreTest, SubscriptionsAndTheirWebhook) {
  auto id = SubscribeIngWithWebhook(*store_);
  ASSERT_TRUE(id.ok());
  ASSERT_EQ(store_->Subscriptions()->size(), 1u);
  EXPECT_EQ(store_->RemoveSubscription(*id + 100, "").code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->RemoveSubscription(*id, "").ok());
  EXPECT_TRUE(store_->Subscriptions()->empty());
  EXPECT_TRUE(store_->Webhooks()->empty()) << "no subscriptions left: no webhook";
}

// POST /v1/subscriptions removes with the caller's partner: another
// partner's subscription is not found, and stays with its webhook.
TEST_P(AlertStoreTest, RemovingOnlyThePartnersOwnSubscription) {
  auto id = SubscribeIngWithWebhook(*store_);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store_->RemoveSubscription(*id, "rabo").code(), StatusCode::kNotFound);
  ASSERT_EQ(store_->Subscriptions()->size(), 1u);
  ASSERT_EQ(store_->Webhooks()->size(), 1u);
  ASSERT_TRUE(store_->RemoveSubscription(*id, "ing").ok());
  EXPECT_TRUE(store_->Subscriptions()->empty());
  EXPECT_TRUE(store_->Webhooks()->empty());
}

// Every outcome comes back as stored, in seq order (GET /v1/marks sums
// them up per identifier).
TEST_P(AlertStoreTest, FeedbackRowsAsStoredInOrder) {
  EXPECT_TRUE(store_->FeedbackRows()->empty());
  Feedback f;
  f.partner = "ing";
  f.alert_id = "al_1";
  f.kind = "iban";
  f.normalized = "NL20INGB0001234567";
  f.outcome = "funds_frozen";
  f.amount_cents = 125050;
  f.created_at = 1700000100;
  ASSERT_TRUE(store_->AddFeedback(f).ok());
  f.alert_id.clear();
  f.outcome = "no_action";
  f.amount_cents = 0;
  f.reason = "klant onbereikbaar";
  ASSERT_TRUE(store_->AddFeedback(f).ok());
  auto rows = store_->FeedbackRows();
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_LT((*rows)[0].seq, (*rows)[1].seq);
  EXPECT_EQ((*rows)[0].alert_id, "al_1");
  EXPECT_EQ((*rows)[0].outcome, "funds_frozen");
  EXPECT_EQ((*rows)[0].amount_cents, 125050);
  EXPECT_EQ((*rows)[0].created_at, 1700000100);
  EXPECT_EQ((*rows)[1].alert_id, "");
  EXPECT_EQ((*rows)[1].reason, "klant onbereikbaar");
  EXPECT_EQ((*rows)[1].normalized, "NL20INGB0001234567");
}

TEST_P(AlertStoreTest, DisputesFeedbackAndMarks) {
  int64_t g0 = *store_->MarksGeneration();
  Dispute d;
  d.partner = "ing";
  d.kind = "iban";
  d.normalized = "NL20INGB0001234567";
  d.reason = "the victim's own account";
  auto id = store_->OpenDispute(d);
  ASSERT_TRUE(id.ok());
  EXPECT_GT(*store_->MarksGeneration(), g0);
  auto marks = store_->Marks();
  ASSERT_EQ(marks->disputed.size(), 1u);
  EXPECT_TRUE(marks->dispute_upheld.empty());
  ASSERT_TRUE(store_->ResolveDispute(*id, DisputeState::kUpheld, "checked with the bank", 10).ok());
  EXPECT_EQ(store_->ResolveDispute(*id, DisputeState::kRejected, "x", 11).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ResolveDispute(*id + 9, DisputeState::kRejected, "x", 11).code(), StatusCode::kNotFound);
  marks = store_->Marks();
  EXPECT_TRUE(marks->disputed.empty());
  ASSERT_EQ(marks->dispute_upheld.size(), 1u);
  auto all = store_->Disputes(false);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].resolution, "checked with the bank");
  EXPECT_TRUE(store_->Disputes(true)->empty());

  auto alerts = store_->InsertAlerts({MakeAlert("ing", "reports", "NL39RABO0300065264")}, 0);
  Feedback f;
  f.partner = "ing";
  f.alert_id = (*alerts)[0].id;
  f.kind = "iban";
  f.normalized = "NL39RABO0300065264";
  f.outcome = "account_blocked";
  f.created_at = 1700000600;
  ASSERT_TRUE(store_->AddFeedback(f).ok());
  f.outcome = "funds_frozen";
  f.amount_cents = 125000;
  ASSERT_TRUE(store_->AddFeedback(f).ok());
  marks = store_->Marks();
  ASSERT_EQ(marks->confirmed_mule.size(), 1u);
  EXPECT_EQ(marks->confirmed_mule[0].normalized, "NL39RABO0300065264");
  auto outcomes = store_->Outcomes();
  ASSERT_EQ(outcomes->size(), 1u);
  const OutcomeRow& row = (*outcomes)[0];
  EXPECT_EQ(row.alerts, 1);
  EXPECT_EQ(row.acted_on, 1);
  EXPECT_EQ(row.frozen_cents, 125000);
  ASSERT_EQ(row.alert_to_action_s.size(), 1u);
  EXPECT_EQ(row.alert_to_action_s[0], 600);
  ASSERT_EQ(row.report_to_alert_s.size(), 1u);
  EXPECT_EQ(row.report_to_alert_s[0], 10000);
}

TEST_P(AlertStoreTest, AlertsSurviveReopening) {
  ASSERT_TRUE(store_->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567")}, 0).ok());
  store_.reset();
  auto reopened = Open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->AlertsAfter("ing", 0, 10)->size(), 1u);
  EXPECT_EQ(reopened->AlertKeys()->size(), 1u);
  EXPECT_TRUE(reopened->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567")}, 0)->empty());
}

TEST_P(AlertStoreTest, AWebhookIsReplacedAndAGivenUpDeliveryIsCounted) {
  ASSERT_TRUE(store_->PutWebhook(Webhook{"ing", "http://127.0.0.1:1/old", "s1", 1}).ok());
  ASSERT_TRUE(store_->PutWebhook(Webhook{"ing", "https://ing.example/new", "s2", 2}).ok());
  auto hooks = store_->Webhooks();
  ASSERT_TRUE(hooks.ok()) << hooks.status().ToString();
  ASSERT_EQ(hooks->size(), 1u) << "one webhook per partner";
  EXPECT_EQ((*hooks)[0].url, "https://ing.example/new");
  EXPECT_EQ((*hooks)[0].secret, "s2");
  auto ins = store_->InsertAlerts({MakeAlert("ing", "reports", "NL20INGB0001234567"),
                                   MakeAlert("ing", "reports", "NL39RABO0300065264")},
                                  0);
  ASSERT_EQ(ins->size(), 2u);
  ASSERT_TRUE(store_->MarkFailed((*ins)[0].seq, 20, 0, true, "HTTP 500").ok());
  auto due = store_->ClaimDueDeliveries("ing", 1000, 10, 0);
  ASSERT_EQ(due->size(), 1u) << "a given-up delivery is no longer due";
  EXPECT_EQ((*due)[0].alert.seq, (*ins)[1].seq);
  EXPECT_EQ((*due)[0].attempts, 0);
  auto counts = store_->CountDeliveries("ing");
  EXPECT_EQ(counts->delivered, 0);
  EXPECT_EQ(counts->pending, 1);
  EXPECT_EQ(counts->failed, 1);
  auto alert = store_->GetAlert((*ins)[1].id);
  ASSERT_TRUE(alert.ok());
  EXPECT_EQ(alert->normalized, "NL39RABO0300065264");
  EXPECT_EQ(alert->reports, 3);
  EXPECT_EQ(store_->GetAlert("al_00000000000000000000").status().code(), StatusCode::kNotFound);
}

// Four writers (threads with their own connections, as the server's ingest
// thread beside `zicht ingest` or another node) raise overlapping alerts
// while a reader follows the feed with its cursor: every alert is stored
// once, and the reader, resuming after the last seq it saw, sees each
// exactly once — seq follows commit order.
TEST_P(AlertStoreTest, ConcurrentWritersOneAlertPerKeyAndTheFeedSkipsNothing) {
  constexpr int kWriters = 4, kIbans = 60;
  std::atomic<int> done{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([this, w, &done] {
      auto store = Open();
      for (int i = 0; store && i < kIbans; ++i) {
        // Each writer raises every IBAN, in its own order, in pairs.
        int a = (i + w * 7) % kIbans, b = (i + w * 13 + 1) % kIbans;
        auto r = store->InsertAlerts({MakeAlert("ing", "reports", "IBAN" + std::to_string(a)),
                                      MakeAlert("ing", "reports", "IBAN" + std::to_string(b))},
                                     0);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
      }
      ++done;
    });
  }
  std::multiset<std::string> seen;
  int64_t cursor = 0;
  auto reader = Open();
  ASSERT_NE(reader, nullptr);
  auto follow = [&] {
    auto page = reader->AlertsAfter("ing", cursor, 7);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return size_t{0};
    for (const Alert& a : *page) {
      seen.insert(a.normalized);
      cursor = a.seq;
    }
    return page->size();
  };
  while (done.load() < kWriters) follow();
  for (auto& t : writers) t.join();
  while (follow() > 0) {
  }
  EXPECT_EQ(store_->AlertKeys()->size(), static_cast<size_t>(kIbans)) << "one alert per key";
  EXPECT_EQ(seen.size(), static_cast<size_t>(kIbans)) << "the feed saw each alert exactly once";
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), static_cast<size_t>(kIbans));
}

// A correction — the same (source, id) ingested again with other content —
// that leaves an identifier out erases it from the alert tables as erasing
// the report would (alert_erasure.h): its alerts and outcomes go when no
// other report names it, and stay while one does. The marks generation
// moves so that a running server re-reads them.
TEST_P(AlertStoreTest, ACorrectionWithoutAnIdentifierTakesItsAlertRows) {
  auto reports = OpenStore(location_);
  ASSERT_TRUE(reports.ok()) << reports.status().ToString();
  const std::string dropped = "NL20INGB0001234567", kept = "NL69INGB0123456789";
  auto report = [](const std::string& id, const std::vector<std::string>& ibans) {
    model::Report r;
    r.key = {"politie", id};
    r.reported_at = "2026-12-01";
    r.reported_at_seconds = 1796083200;
    for (const std::string& iban : ibans) {
      model::Identifier i;
      i.value = iban;
      i.canonical = iban;
      i.valid = true;
      r.identifiers.push_back(i);
    }
    return r;
  };
  ASSERT_TRUE((*reports)->UpsertBatch({report("R1", {dropped, kept}), report("R2", {kept})}).ok());
  ASSERT_TRUE(store_->InsertAlerts({MakeAlert("ing", "reports", dropped), MakeAlert("ing", "reports", kept)}, 0).ok());
  for (const std::string& iban : {dropped, kept}) {
    Feedback f;
    f.partner = "ing";
    f.kind = "iban";
    f.normalized = iban;
    f.outcome = "account_blocked";
    f.created_at = 1700000100;
    ASSERT_TRUE(store_->AddFeedback(f).ok());
  }
  const int64_t g0 = *store_->MarksGeneration();

  // R1 corrected: it no longer names `dropped`, which no other report does.
  auto outcomes = (*reports)->UpsertBatch({report("R1", {kept})});
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  ASSERT_EQ((*outcomes)[0], UpsertOutcome::kUpdated);
  auto feed = store_->AlertsAfter("ing", 0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 1u);
  EXPECT_EQ((*feed)[0].normalized, kept);
  auto rows = store_->FeedbackRows();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].normalized, kept);
  EXPECT_GT(*store_->MarksGeneration(), g0);

  // R2 corrected without `kept`: R1 still names it, so its rows stay.
  ASSERT_TRUE((*reports)->UpsertBatch({report("R2", {})}).ok());
  EXPECT_EQ(store_->AlertsAfter("ing", 0, 100)->size(), 1u);
  EXPECT_EQ(store_->FeedbackRows()->size(), 1u);
}

}  // namespace
}  // namespace zicht::store

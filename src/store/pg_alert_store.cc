// The alert tables on a PostgreSQL store: not there yet (docs/schema.md,
// "PostgreSQL"). Until they are, a PostgreSQL store holds no subscription,
// webhook, alert, feedback or dispute: every read answers "none" (so the
// server, `zicht check` and `zicht stats` run as on a store without
// subscriptions, and no alert is ever raised), and every write is refused
// with kInvalidArgument saying so — never accepted and then lost.
#include "store/alert_store.h"

namespace zicht::store {
namespace {

Status NotYet() {
  return Status::InvalidArgument("alert subscriptions, webhooks, feedback and disputes are not yet kept in a "
                                 "PostgreSQL store (docs/schema.md); use a SQLite store for them");
}

class NoPgAlertStore final : public AlertStore {
 public:
  Result<int64_t> AddSubscription(const Subscription&) override { return NotYet(); }
  Result<std::vector<Subscription>> Subscriptions() override { return std::vector<Subscription>{}; }
  Status RemoveSubscription(int64_t) override { return Status::NotFound("no such subscription"); }
  Status PutWebhook(const Webhook&) override { return NotYet(); }
  Result<std::vector<Webhook>> Webhooks() override { return std::vector<Webhook>{}; }
  Result<std::vector<Alert>> InsertAlerts(const std::vector<Alert>& alerts, int64_t) override {
    if (!alerts.empty()) return NotYet();
    return std::vector<Alert>{};
  }
  Result<std::vector<Alert>> AlertsAfter(std::string_view, int64_t, int64_t) override { return std::vector<Alert>{}; }
  Result<Alert> GetAlert(std::string_view) override { return Status::NotFound("no such alert"); }
  Result<std::vector<std::string>> AlertKeys() override { return std::vector<std::string>{}; }
  Result<std::vector<DueDelivery>> DueDeliveries(std::string_view, int64_t, int64_t) override {
    return std::vector<DueDelivery>{};
  }
  Result<std::optional<int64_t>> NextDueMs(std::string_view) override { return std::optional<int64_t>{}; }
  Status MarkDelivered(int64_t, int64_t) override { return Status::NotFound("no such delivery"); }
  Status MarkFailed(int64_t, int64_t, int64_t, bool, std::string_view) override {
    return Status::NotFound("no such delivery");
  }
  Result<DeliveryCounts> CountDeliveries(std::string_view) override { return DeliveryCounts{}; }
  Result<int64_t> AddFeedback(const Feedback&) override { return NotYet(); }
  Result<int64_t> OpenDispute(const Dispute&) override { return NotYet(); }
  Result<std::vector<Dispute>> Disputes(bool) override { return std::vector<Dispute>{}; }
  Status ResolveDispute(int64_t, DisputeState, std::string_view, UnixSeconds) override {
    return Status::NotFound("no such dispute");
  }
  Result<IdentifierMarks> Marks() override { return IdentifierMarks{}; }
  Result<int64_t> MarksGeneration() override { return int64_t{0}; }
  Result<std::vector<OutcomeRow>> Outcomes() override { return std::vector<OutcomeRow>{}; }
};

}  // namespace

Result<std::unique_ptr<AlertStore>> OpenPgAlertStore(const std::string& url, Durability durability) {
  (void)url;
  (void)durability;
  return std::unique_ptr<AlertStore>(new NoPgAlertStore());
}

}  // namespace zicht::store

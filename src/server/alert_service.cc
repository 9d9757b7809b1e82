#include "server/alert_service.h"

#include <chrono>
#include <cstdio>
#include <set>

#include "server/webhook_client.h"
#include "store/warning_list_store.h"

namespace zicht::server {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void LogError(const char* what, const Status& s) {
  std::fprintf(stderr, "zicht serve: alerts: %s: %s\n", what, s.ToString().c_str());
}

}  // namespace

AlertService::AlertService(const ServerOptions& options, link::Engine* engine, const KeyRing* keys,
                           Metrics* metrics, alert::AlertRules rules)
    : options_(options), engine_(engine), rules_(std::move(rules)), metrics_(metrics) {
  AlertDelivery::Options d;
  d.db_path = options.db_path;
  d.durability = options.durability;
  d.policy = rules_.delivery;
  d.ca_file = options.webhook_ca_file;
  d.scope_of = [keys](const std::string& partner) { return keys->WidestScope(partner).value_or(model::Scope::kHit); };
  d.metrics = metrics;
  delivery_ = std::make_unique<AlertDelivery>(std::move(d));
}

Result<std::unique_ptr<AlertService>> AlertService::Open(const ServerOptions& options, link::Engine* engine,
                                                         const KeyRing* keys, Metrics* metrics) {
  ZICHT_ASSIGN_OR_RETURN(alert::AlertRules rules, alert::LoadAlertRules(options.alert_rules_path));
  if (!options.webhook_ca_file.empty()) ZICHT_RETURN_IF_ERROR(CheckWebhookCaFile(options.webhook_ca_file));
  std::unique_ptr<AlertService> s(new AlertService(options, engine, keys, metrics, std::move(rules)));
  ZICHT_ASSIGN_OR_RETURN(s->ingest_store_, store::OpenAlertStore(options.db_path, options.durability));
  {
    // No other thread yet; the locks keep the annotations true.
    MutexLock request_lock(&s->request_mu_);
    ZICHT_ASSIGN_OR_RETURN(s->request_store_, store::OpenAlertStore(options.db_path, options.durability));
    ZICHT_ASSIGN_OR_RETURN(store::IdentifierMarks initial, s->request_store_->Marks());
    {
      MutexLock marks_lock(&s->marks_mu_);
      s->upheld_count_ = initial.dispute_upheld.size();  // the engine was built with their warning-list
    }
    s->RefreshSubscriptions(*s->request_store_);
    s->RefreshMarks(*s->request_store_, true);
    // Disputes upheld while no server ran (`zicht disputes resolve`): their
    // `cleared` alerts; the ones raised before are skipped by the store.
    s->RaiseCleared(*s->request_store_, initial);
  }
  s->upkeep_ = std::thread([p = s.get()] { p->Upkeep(); });
  return s;
}

AlertService::~AlertService() { Stop(); }

void AlertService::Stop() {
  {
    MutexLock lock(&upkeep_mu_);
    stop_ = true;
  }
  upkeep_cv_.SignalAll();
  if (upkeep_.joinable()) upkeep_.join();
  if (delivery_) delivery_->Stop();
}

std::shared_ptr<const alert::Generator> AlertService::CurrentGenerator() const {
  MutexLock lock(&generator_mu_);
  return generator_;
}

void AlertService::OnCommit(const std::vector<store::StoredReport>& changed) {
  std::shared_ptr<const alert::Generator> generator = CurrentGenerator();
  if (!generator || !generator->has_subscriptions() || changed.empty()) return;
  if (rules_.priority_cluster) clusters_dirty_.store(true, std::memory_order_relaxed);
  std::vector<alert::Candidate> candidates;
  generator->Collect(changed, &candidates);
  if (candidates.empty()) return;
  Raise(*ingest_store_, generator->Evaluate(*engine_, candidates, NowMs() / 1000));
}

void AlertService::Raise(store::AlertStore& store, const std::vector<store::Alert>& alerts) {
  if (alerts.empty()) return;
  auto inserted = store.InsertAlerts(alerts, NowMs());
  if (!inserted.ok()) return LogError("storing alerts", inserted.status());
  std::set<std::string> partners;
  for (const store::Alert& a : *inserted) {
    partners.insert(a.partner);
    // Only what this node inserted: another node's inserts of the same
    // key were skipped by the store, so the nodes' counts add up.
    if (metrics_ != nullptr) metrics_->CountAlertRaised(a.rule);
  }
  for (const std::string& p : partners) delivery_->Wake(p);
}

void AlertService::ApplyMarks(link::Verdict& v) const {
  if (!any_marks_.load(std::memory_order_acquire)) return;
  std::shared_ptr<const alert::Marks> marks;
  {
    MutexLock lock(&marks_mu_);
    marks = marks_;
  }
  if (marks) marks->Apply(v);
}

std::shared_ptr<const alert::Marks> AlertService::CurrentMarks() const {
  {
    MutexLock lock(&marks_mu_);
    if (marks_) return marks_;
  }
  return std::make_shared<const alert::Marks>();
}

void AlertService::Upkeep() {
  std::unique_ptr<store::AlertStore> store;
  for (;;) {
    {
      MutexLock lock(&upkeep_mu_);
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(AlertDelivery::kPollIntervalMs);
      while (!stop_ && upkeep_cv_.WaitUntil(&upkeep_mu_, until)) {
      }
      if (stop_) return;
    }
    if (!store) {
      auto opened = store::OpenAlertStore(options_.db_path, options_.durability);
      if (!opened.ok()) {
        LogError("upkeep", opened.status());
        continue;
      }
      store = std::move(opened).value();
    }
    RefreshSubscriptions(*store);
    RefreshMarks(*store, false);
    if (clusters_dirty_.exchange(false, std::memory_order_relaxed)) {
      if (auto generator = CurrentGenerator()) {
        auto top = generator->EvaluateTopClusters(*engine_, NowMs() / 1000);
        if (top.ok()) Raise(*store, *top);
        else LogError("priority_cluster rule", top.status());
      }
    }
  }
}

void AlertService::RefreshSubscriptions(store::AlertStore& store) {
  // Read and applied under one lock: a request thread's fresh read must
  // not be overwritten by the upkeep thread's older one.
  MutexLock lock(&refresh_mu_);
  auto subs = store.Subscriptions();
  auto hooks = store.Webhooks();
  if (!subs.ok() || !hooks.ok()) return LogError("reading subscriptions", subs.ok() ? hooks.status() : subs.status());
  // What the generator and the delivery threads depend on, as one string:
  // the tables are small (a few rows per partner), so comparing is cheaper
  // than a change counter every writer would have to keep.
  std::string seen;
  for (const store::Subscription& s : *subs) {
    seen += std::to_string(s.id) + '\n' + s.partner + '\n' + s.bank_code + '\n' + s.bic + '\n' + s.phone_prefix + '\n';
  }
  for (const store::Webhook& h : *hooks) {
    seen += h.partner + '\n' + h.url + '\n' + h.secret + '\n' + std::to_string(h.updated) + '\n';
  }
  if (seen == subscriptions_seen_) return;
  subscriptions_seen_ = std::move(seen);
  auto generator = std::make_shared<const alert::Generator>(rules_, alert::SubscriptionIndex(*subs));
  {
    MutexLock generator_lock(&generator_mu_);
    generator_ = std::move(generator);
  }
  delivery_->SetWebhooks(*hooks);
}

void AlertService::RefreshMarks(store::AlertStore& store, bool force) {
  auto generation = store.MarksGeneration();
  if (!generation.ok()) return LogError("reading outcomes", generation.status());
  {
    MutexLock lock(&marks_mu_);
    if (!force && *generation == marks_generation_) return;
  }
  auto marks = store.Marks();
  if (!marks.ok()) return LogError("reading outcomes", marks.status());
  // Every outcome, summed up once here, so that a check finds them with a
  // hash look-up (alert/marks.h).
  auto feedback = store.FeedbackRows();
  if (!feedback.ok()) return LogError("reading outcomes", feedback.status());
  auto fresh = std::make_shared<const alert::Marks>(*marks, alert::SummarizeOutcomes(*feedback));
  bool relink = false;
  {
    MutexLock lock(&marks_mu_);
    marks_generation_ = *generation;
    relink = marks->dispute_upheld.size() != upheld_count_;
    upheld_count_ = marks->dispute_upheld.size();
    any_marks_.store(!fresh->empty(), std::memory_order_release);
    marks_ = std::move(fresh);
  }
  // Confirmed mules raise their clusters' priority (docs/linking.md).
  engine_->SetConfirmedMules(alert::ConfirmedMuleIbans(*marks));
  // An upheld dispute is on the stored warning-list `zicht-disputes`: the
  // engine re-links every report without it (docs/alerts.md, "Disputes").
  if (relink) {
    if (Status s = engine_->ReloadWarningLists(); !s.ok()) LogError("reloading warning-lists", s);
    RaiseCleared(store, *marks);
  }
}

// Disputes are resolved by `zicht disputes resolve` in another process as
// well as through the service, so the `cleared` alerts are raised where
// every resolution is seen: here, when the upheld disputes changed. Every
// upheld one is evaluated; the store keeps one alert per partner, rule and
// identifier, so those raised before are skipped.
void AlertService::RaiseCleared(store::AlertStore& store, const store::IdentifierMarks& marks) {
  auto generator = CurrentGenerator();
  if (!generator || marks.dispute_upheld.empty()) return;
  const UnixSeconds now = NowMs() / 1000;
  std::vector<store::Alert> cleared;
  for (const store::IdentifierMark& m : marks.dispute_upheld) {
    auto kind = model::kIdentifierKindNames.Parse(m.kind);
    if (!kind) continue;
    for (store::Alert& a : generator->DisputeAlerts(*engine_, *kind, m.normalized, true, now)) {
      cleared.push_back(std::move(a));
    }
  }
  Raise(store, cleared);
}

Result<std::vector<store::Alert>> AlertService::AlertsAfter(const std::string& partner, int64_t after, int64_t limit) {
  MutexLock lock(&request_mu_);
  return request_store_->AlertsAfter(partner, after, limit);
}

Result<store::Alert> AlertService::GetAlert(const std::string& id) {
  MutexLock lock(&request_mu_);
  return request_store_->GetAlert(id);
}

Result<int64_t> AlertService::AddFeedback(const store::Feedback& f) {
  int64_t dispute = 0;
  {
    MutexLock lock(&request_mu_);
    ZICHT_ASSIGN_OR_RETURN(int64_t seq, request_store_->AddFeedback(f));
    (void)seq;
  }
  if (f.outcome == "false_positive") {
    store::Dispute d;
    d.partner = f.partner;
    d.kind = f.kind;
    d.normalized = f.normalized;
    d.reason = f.reason.empty() ? "false_positive (POST /v1/feedback)" : "false_positive: " + f.reason;
    d.opened_at = f.created_at;
    ZICHT_ASSIGN_OR_RETURN(dispute, OpenDispute(d));
  }
  MutexLock lock(&request_mu_);
  RefreshMarks(*request_store_, true);
  return dispute;
}

Result<int64_t> AlertService::OpenDispute(const store::Dispute& d) {
  MutexLock lock(&request_mu_);
  ZICHT_ASSIGN_OR_RETURN(int64_t id, request_store_->OpenDispute(d));
  if (auto generator = CurrentGenerator()) {
    if (auto kind = model::kIdentifierKindNames.Parse(d.kind)) {
      Raise(*request_store_, generator->DisputeAlerts(*engine_, *kind, d.normalized, false, NowMs() / 1000));
    }
  }
  RefreshMarks(*request_store_, true);
  return id;
}

Status AlertService::ResolveDispute(int64_t id, store::DisputeState state, const std::string& resolution) {
  MutexLock lock(&request_mu_);
  const UnixSeconds now = NowMs() / 1000;
  ZICHT_RETURN_IF_ERROR(request_store_->ResolveDispute(id, state, resolution, now));
  if (state == store::DisputeState::kUpheld) {
    ZICHT_ASSIGN_OR_RETURN(auto lists, store::WarningListStore::Open(options_.db_path));
    ZICHT_RETURN_IF_ERROR(alert::WriteDisputeWarningList(*request_store_, *lists, now));
  }
  RefreshMarks(*request_store_, true);  // re-links and raises `cleared` when the upheld disputes changed
  return Status::Ok();
}

Result<std::vector<store::Dispute>> AlertService::Disputes(bool open_only) {
  MutexLock lock(&request_mu_);
  return request_store_->Disputes(open_only);
}

Result<std::vector<store::OutcomeRow>> AlertService::Outcomes() {
  MutexLock lock(&request_mu_);
  return request_store_->Outcomes();
}

Result<store::IdentifierMarks> AlertService::IdentifierMarks() {
  MutexLock lock(&request_mu_);
  return request_store_->Marks();
}

Result<std::vector<store::Feedback>> AlertService::FeedbackRows() {
  MutexLock lock(&request_mu_);
  return request_store_->FeedbackRows();
}

Result<store::Subscription> AlertService::AddSubscription(const alert::SubscriptionRequest& r) {
  MutexLock lock(&request_mu_);
  store::Subscription s = r.subscription;
  s.created = NowMs() / 1000;
  ZICHT_ASSIGN_OR_RETURN(s.id, alert::AddSubscription(*request_store_, r, s.created, alert::kSubscriptionFields));
  RefreshSubscriptions(*request_store_);
  return s;
}

Result<AlertService::PartnerSubscriptions> AlertService::SubscriptionsOf(const std::string& partner) {
  MutexLock lock(&request_mu_);
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::Subscription> all, request_store_->Subscriptions());
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::Webhook> hooks, request_store_->Webhooks());
  PartnerSubscriptions out;
  for (store::Subscription& s : all) {
    if (s.partner == partner) out.subscriptions.push_back(std::move(s));
  }
  for (const store::Webhook& h : hooks) {
    if (h.partner == partner) out.webhook_url = h.url;
  }
  return out;
}

Status AlertService::RemoveSubscription(int64_t id, const std::string& partner) {
  MutexLock lock(&request_mu_);
  ZICHT_RETURN_IF_ERROR(request_store_->RemoveSubscription(id, partner));
  RefreshSubscriptions(*request_store_);
  return Status::Ok();
}

}  // namespace zicht::server

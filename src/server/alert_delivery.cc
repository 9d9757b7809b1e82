#include "server/alert_delivery.h"

#include <chrono>
#include <cstdio>

#include "alert/alert_json.h"
#include "alert/webhook_signature.h"
#include "server/webhook_client.h"

namespace zicht::server {
namespace {

// Deliveries claimed per look at the store; more are claimed at once
// after. Small, because on PostgreSQL the n-th one's lease is n + 1
// attempts long (store/alert_store.h): when this node dies, the last of a
// batch waits that long for another node.
constexpr int64_t kBatch = 10;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

AlertDelivery::AlertDelivery(Options options) : options_(std::move(options)) {}

AlertDelivery::~AlertDelivery() { Stop(); }

void AlertDelivery::SetWebhooks(const std::vector<store::Webhook>& hooks) {
  MutexLock lock(&mu_);
  std::map<std::string, const store::Webhook*> wanted;
  for (const store::Webhook& h : hooks) wanted[h.partner] = &h;
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (wanted.contains(it->first)) {
      ++it;
      continue;
    }
    StopWorker(*it->second);
    it = workers_.erase(it);
  }
  for (const auto& [partner, hook] : wanted) {
    auto& slot = workers_[partner];
    if (slot) {
      MutexLock wlock(&slot->mu);
      slot->hook = *hook;
      continue;
    }
    slot = std::make_unique<Worker>();
    slot->partner = partner;
    {
      MutexLock wlock(&slot->mu);  // no thread yet; keeps the annotation true
      slot->hook = *hook;
    }
    Worker* w = slot.get();
    slot->thread = std::thread([this, w] { Run(w); });
  }
}

void AlertDelivery::Wake(const std::string& partner) {
  MutexLock lock(&mu_);
  auto it = workers_.find(partner);
  if (it == workers_.end()) return;
  {
    MutexLock wlock(&it->second->mu);
    it->second->wake = true;
  }
  it->second->cv.Signal();
}

void AlertDelivery::Stop() {
  MutexLock lock(&mu_);
  for (auto& [partner, w] : workers_) StopWorker(*w);
  workers_.clear();
}

void AlertDelivery::StopWorker(Worker& w) {
  {
    MutexLock lock(&w.mu);
    w.stop = true;
  }
  w.cv.Signal();
  if (w.thread.joinable()) w.thread.join();
}

void AlertDelivery::Run(Worker* w) {
  std::unique_ptr<store::AlertStore> store;
  for (;;) {
    store::Webhook hook;
    {
      MutexLock lock(&w->mu);
      if (w->stop) return;
      hook = w->hook;
    }
    int64_t wait_ms = kPollIntervalMs;
    if (!store) {
      auto opened = store::OpenAlertStore(options_.db_path, options_.durability);
      if (opened.ok()) store = std::move(opened).value();
      else std::fprintf(stderr, "zicht serve: alert delivery: %s\n", opened.status().ToString().c_str());
    }
    if (store) {
      const int64_t now = NowMs();
      auto due = store->ClaimDueDeliveries(w->partner, now, kBatch, options_.policy.timeout_ms);
      if (!due.ok()) {
        std::fprintf(stderr, "zicht serve: alert delivery: %s\n", due.status().ToString().c_str());
      } else {
        for (const store::DueDelivery& d : *due) {
          {
            MutexLock lock(&w->mu);
            if (w->stop) return;
          }
          DeliverOne(*store, hook, d);
        }
        if (static_cast<int64_t>(due->size()) == kBatch) continue;  // more are due
        auto next = store->NextDueMs(w->partner);
        if (next.ok() && next->has_value()) wait_ms = std::clamp<int64_t>(**next - NowMs(), 0, kPollIntervalMs);
      }
    }
    MutexLock lock(&w->mu);
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    while (!w->stop && !w->wake && w->cv.WaitUntil(&w->mu, until)) {
    }
    w->wake = false;
  }
}

void AlertDelivery::DeliverOne(store::AlertStore& store, const store::Webhook& hook, const store::DueDelivery& d) {
  const model::Scope scope = options_.scope_of ? options_.scope_of(hook.partner) : model::Scope::kHit;
  WebhookPost post;
  post.url = hook.url;
  post.timeout_ms = options_.policy.timeout_ms;
  post.ca_file = options_.ca_file;
  alert::AppendAlertJson(d.alert, scope, &post.body);
  const int64_t now = NowMs();
  const UnixSeconds timestamp = now / 1000;
  post.headers = {{"Zicht-Timestamp", std::to_string(timestamp)},
                  {"Zicht-Signature", alert::SignWebhook(hook.secret, timestamp, post.body)},
                  {"Idempotency-Key", d.alert.id},
                  {"Zicht-Delivery-Attempt", std::to_string(d.attempts + 1)}};
  Result<int> status = PostWebhook(post);
  Status marked;
  if (status.ok() && *status >= 200 && *status < 300) {
    marked = store.MarkDelivered(d.alert.seq, NowMs());
    if (options_.metrics != nullptr) options_.metrics->CountWebhookAttempt(WebhookAttempt::kDelivered);
  } else {
    const int64_t attempts = d.attempts + 1;
    const bool give_up = attempts >= options_.policy.max_attempts;
    const int64_t wait = options_.policy.BackoffMs(attempts);
    std::string error = status.ok() ? "HTTP " + std::to_string(*status) : status.status().message();
    marked = store.MarkFailed(d.alert.seq, attempts, NowMs() + wait, give_up, error);
    if (options_.metrics != nullptr) {
      options_.metrics->CountWebhookAttempt(give_up ? WebhookAttempt::kGaveUp : WebhookAttempt::kFailed);
    }
    if (give_up) {
      std::fprintf(stderr,
                   "zicht serve: alert webhook of partner '%s': %s; gave up after %lld attempts (the alert stays in "
                   "GET /v1/alerts)\n",
                   hook.partner.c_str(), error.c_str(), static_cast<long long>(attempts));
    } else {
      std::fprintf(stderr, "zicht serve: alert webhook of partner '%s': %s (attempt %lld; next in %lld ms)\n",
                   hook.partner.c_str(), error.c_str(), static_cast<long long>(attempts),
                   static_cast<long long>(wait));
    }
  }
  if (!marked.ok()) std::fprintf(stderr, "zicht serve: alert delivery: %s\n", marked.ToString().c_str());
}

}  // namespace zicht::server

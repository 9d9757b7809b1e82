#pragma once
// Pushes alerts to the partners' webhooks (docs/alerts.md, "Webhooks" and
// "Guarantees"): one thread per partner with a webhook, so a receiver that
// fails, hangs or answers 500 forever delays only its own partner's alerts.
//
// Each thread, with its own connection to the store (store/alert_store.h):
//   1. claims the partner's due deliveries (oldest alert first): on
//      PostgreSQL each is leased to this node for a few attempts' time, so
//      of several `zicht serve` nodes on one database exactly one sends
//      it, and another takes over when the lease of a dead node runs out
//      (store/alert_store.h, ClaimDueDeliveries);
//   2. POSTs each as the alert's JSON (alert/alert_json.h, cut to the
//      widest scope among the partner's active keys), signed
//      (`Zicht-Timestamp`, `Zicht-Signature`, alert/webhook_signature.h),
//      with `Idempotency-Key: <alert id>`, within the policy's timeout;
//   3. on a 2xx marks it delivered; otherwise records the attempt and the
//      next one after first_retry_ms · 2^(attempt−1), capped at
//      max_retry_ms; after max_attempts it gives up (the pull feed still has
//      the alert);
//   4. sleeps until the next due attempt, at most kPollInterval (alerts
//      written by `zicht ingest` in another process are found this way), or
//      until Wake().
// A delivery is marked only after the receiver's 2xx, so a kill -9 between
// the two re-sends it after the restart (on PostgreSQL: another node, or
// the restart, once the lease ran out): at least once, duplicates with the
// same id. Failures are logged with the partner and the status, never
// the identifier.
//
// Thread-safety: all public methods may be called from any thread.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "alert/rules.h"
#include "common/mutex.h"
#include "model/disclosure.h"
#include "server/metrics.h"
#include "store/alert_store.h"

namespace zicht::server {

class AlertDelivery {
 public:
  struct Options {
    std::string db_path;
    store::Durability durability = store::Durability::kNormal;
    alert::DeliveryPolicy policy;
    //! Extra trust anchors for https:// webhooks (webhook_client.h).
    std::string ca_file;
    //! The scope a partner's webhook bodies carry.
    std::function<model::Scope(const std::string& partner)> scope_of;
    //! Counts each attempt's result when set; outlives this object.
    Metrics* metrics = nullptr;
  };

  //! Longest sleep of a delivery thread between looks at the store.
  static constexpr int kPollIntervalMs = 1000;

  explicit AlertDelivery(Options options);
  ~AlertDelivery();  // Stop()
  AlertDelivery(const AlertDelivery&) = delete;
  AlertDelivery& operator=(const AlertDelivery&) = delete;

  //! Makes the running threads match `hooks`: starts one for a new
  //! partner, hands a changed URL or secret to its thread, stops the
  //! threads of partners no longer listed.
  void SetWebhooks(const std::vector<store::Webhook>& hooks);

  //! Wakes `partner`'s thread (new alerts); nothing when it has none.
  void Wake(const std::string& partner);

  //! Stops every thread after its current attempt (at most one timeout).
  void Stop();

 private:
  struct Worker {
    std::string partner;
    Mutex mu;
    CondVar cv;
    store::Webhook hook ZICHT_GUARDED_BY(mu);
    bool wake ZICHT_GUARDED_BY(mu) = false;
    bool stop ZICHT_GUARDED_BY(mu) = false;
    std::thread thread;
  };

  void Run(Worker* w);
  void DeliverOne(store::AlertStore& store, const store::Webhook& hook, const store::DueDelivery& d);
  static void StopWorker(Worker& w);

  const Options options_;
  Mutex mu_;  // before any Worker::mu
  std::map<std::string, std::unique_ptr<Worker>> workers_ ZICHT_GUARDED_BY(mu_);
};

}  // namespace zicht::server

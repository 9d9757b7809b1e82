#pragma once
// Which partners hold an identifier: the subscriptions (store/alert_store.h)
// as a look-up table, consulted for every identifier of every accepted
// report — so a miss must cost next to nothing (docs/alerts.md,
// "Subscriptions").
//
//   bank code "INGB"      Dutch IBANs NLkkINGB…              (one hash look-up)
//   BIC "NWBKGB2L"        IBANs of the BIC's country whose national part
//                         starts with its bank code (GBkkNWBK…); only
//                         countries whose IBANs carry the bank code as
//                         letters (ValidateSubscription, subscription_request.h,
//                         refuses the others)
//   phone prefix "+3197"  E.164 numbers that start with it (a short scan:
//                         telecom partners hold a few ranges each)
//
// Thread-safety: immutable after construction; const methods may run
// concurrently.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/identifier.h"
#include "store/alert_store.h"

namespace zicht::alert {

class SubscriptionIndex {
 public:
  SubscriptionIndex() = default;
  explicit SubscriptionIndex(const std::vector<store::Subscription>& subscriptions);

  //! Appends the partners holding (kind, canonical) to `partners` (each once).
  void Match(model::IdentifierKind kind, std::string_view canonical, std::vector<std::string>* partners) const;

  bool empty() const { return by_bank_.empty() && phone_prefixes_.empty(); }

 private:
  // "NLINGB" / "GBNWBK": country + bank code → partners.
  std::unordered_map<std::string, std::vector<std::string>> by_bank_;
  std::vector<std::pair<std::string, std::string>> phone_prefixes_;  // (prefix, partner)
};

}  // namespace zicht::alert

#include "alert/subscription_index.h"

#include <algorithm>

namespace zicht::alert {
namespace {

void AddOnce(std::vector<std::string>* v, const std::string& partner) {
  if (std::find(v->begin(), v->end(), partner) == v->end()) v->push_back(partner);
}

}  // namespace

SubscriptionIndex::SubscriptionIndex(const std::vector<store::Subscription>& subscriptions) {
  for (const store::Subscription& s : subscriptions) {
    if (!s.bank_code.empty()) AddOnce(&by_bank_["NL" + s.bank_code], s.partner);
    if (!s.bic.empty()) AddOnce(&by_bank_[s.bic.substr(4, 2) + s.bic.substr(0, 4)], s.partner);
    if (!s.phone_prefix.empty()) phone_prefixes_.emplace_back(s.phone_prefix, s.partner);
  }
}

void SubscriptionIndex::Match(model::IdentifierKind kind, std::string_view canonical,
                              std::vector<std::string>* partners) const {
  if (kind == model::IdentifierKind::kIban) {
    if (by_bank_.empty() || canonical.size() < 8) return;
    std::string key;
    key.reserve(6);
    key.append(canonical.substr(0, 2)).append(canonical.substr(4, 4));
    auto it = by_bank_.find(key);
    if (it == by_bank_.end()) return;
    for (const std::string& p : it->second) AddOnce(partners, p);
  } else if (kind == model::IdentifierKind::kPhone) {
    for (const auto& [prefix, partner] : phone_prefixes_) {
      if (canonical.starts_with(prefix)) AddOnce(partners, partner);
    }
  }
}

}  // namespace zicht::alert

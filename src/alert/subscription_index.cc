#include "alert/subscription_index.h"

#include <algorithm>
#include <cctype>

#include "normalize/dutch_bank_code.h"
#include "normalize/iban_registry.h"

namespace zicht::alert {
namespace {

bool AllUpper(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void AddOnce(std::vector<std::string>* v, const std::string& partner) {
  if (std::find(v->begin(), v->end(), partner) == v->end()) v->push_back(partner);
}

}  // namespace

Status ValidateSubscription(const store::Subscription& s) {
  int set = !s.bank_code.empty() + !s.bic.empty() + !s.phone_prefix.empty();
  if (set != 1) return Status::InvalidArgument("give exactly one of --bank-code, --bic and --phone-prefix");
  if (!s.bank_code.empty()) {
    if (s.bank_code.size() != 4 || !AllUpper(s.bank_code) || !normalize::IsDutchBankCode(s.bank_code)) {
      return Status::InvalidArgument("--bank-code '" + s.bank_code +
                                     "' is not a Dutch IBAN bank code (four capitals as in NL91ABNA…, e.g. INGB, "
                                     "ABNA, RABO; the list is in src/normalize/dutch_bank_code.cc)");
    }
  }
  if (!s.bic.empty()) {
    if ((s.bic.size() != 8 && s.bic.size() != 11) || !AllUpper(s.bic.substr(0, 6))) {
      return Status::InvalidArgument("--bic '" + s.bic + "' must be 8 or 11 characters: bank code, country, "
                                     "location[, branch] (e.g. NWBKGB2L)");
    }
    std::string country = s.bic.substr(4, 2);
    const auto& registry = normalize::IbanRegistry();
    auto it = std::find_if(registry.begin(), registry.end(),
                           [&](const normalize::IbanCountry& c) { return c.code == country; });
    if (it == registry.end()) {
      return Status::InvalidArgument("--bic '" + s.bic + "': country " + country + " issues no IBANs");
    }
    if (!it->bban.starts_with("4!a")) {
      return Status::InvalidArgument("--bic '" + s.bic + "': IBANs of " + country +
                                     " carry a numeric bank code, not the BIC's; Zicht cannot match them by BIC");
    }
    if (country == "NL") {
      return Status::InvalidArgument("--bic '" + s.bic + "' is Dutch: use --bank-code " + s.bic.substr(0, 4));
    }
  }
  if (!s.phone_prefix.empty()) {
    bool ok = s.phone_prefix.size() >= 2 && s.phone_prefix.size() <= 15 && s.phone_prefix[0] == '+' &&
              std::all_of(s.phone_prefix.begin() + 1, s.phone_prefix.end(),
                          [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) {
      return Status::InvalidArgument("--phone-prefix '" + s.phone_prefix +
                                     "' must be '+' and 1 to 14 digits, as numbers are in E.164 (e.g. +3197)");
    }
  }
  return Status::Ok();
}

Status ValidateWebhookUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("http://")) rest = url.substr(7);
  else if (url.starts_with("https://")) rest = url.substr(8);
  else return Status::InvalidArgument("--webhook must be an http:// or https:// URL");
  if (url.size() > 2000) return Status::InvalidArgument("--webhook is longer than 2,000 characters");
  if (rest.empty() || rest[0] == '/' || rest[0] == ':') return Status::InvalidArgument("--webhook names no host");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return Status::InvalidArgument("--webhook must not contain spaces or control characters");
    }
  }
  return Status::Ok();
}

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

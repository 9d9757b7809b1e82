#include "alert/subscription_request.h"

#include <algorithm>

#include "model/report.h"
#include "normalize/dutch_bank_code.h"
#include "normalize/iban_registry.h"

namespace zicht::alert {
namespace {

bool AllUpper(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string Name(std::string_view name) { return std::string(name); }

}  // namespace

Status ValidateSubscription(const store::Subscription& s, const SubscriptionFieldNames& n) {
  if (!model::IsValidSource(s.partner)) return Status::InvalidArgument(Name(n.partner) + " must match [a-z0-9_-]{1,32}");
  int set = !s.bank_code.empty() + !s.bic.empty() + !s.phone_prefix.empty();
  if (set != 1) {
    return Status::InvalidArgument("give exactly one of " + Name(n.bank_code) + ", " + Name(n.bic) + " and " +
                                   Name(n.phone_prefix));
  }
  if (!s.bank_code.empty()) {
    if (s.bank_code.size() != 4 || !AllUpper(s.bank_code) || !normalize::IsDutchBankCode(s.bank_code)) {
      // The whole list, not a source path: the user may have only the binary.
      std::string known;
      for (std::string_view code : normalize::DutchBankCodes()) {
        if (!known.empty()) known += ", ";
        known += code;
      }
      return Status::InvalidArgument(Name(n.bank_code) + " '" + s.bank_code +
                                     "' is not a Dutch IBAN bank code (four capitals as in NL91ABNA…); the known "
                                     "codes are " + known);
    }
  }
  if (!s.bic.empty()) {
    if ((s.bic.size() != 8 && s.bic.size() != 11) || !AllUpper(s.bic.substr(0, 6))) {
      return Status::InvalidArgument(Name(n.bic) + " '" + s.bic + "' must be 8 or 11 characters: bank code, country, "
                                     "location[, branch] (e.g. NWBKGB2L)");
    }
    std::string country = s.bic.substr(4, 2);
    const auto& registry = normalize::IbanRegistry();
    auto it = std::find_if(registry.begin(), registry.end(),
                           [&](const normalize::IbanCountry& c) { return c.code == country; });
    if (it == registry.end()) {
      return Status::InvalidArgument(Name(n.bic) + " '" + s.bic + "': country " + country + " issues no IBANs");
    }
    if (!it->bban.starts_with("4!a")) {
      return Status::InvalidArgument(Name(n.bic) + " '" + s.bic + "': IBANs of " + country +
                                     " carry a numeric bank code, not the BIC's; Zicht cannot match them by BIC");
    }
    if (country == "NL") {
      return Status::InvalidArgument(Name(n.bic) + " '" + s.bic + "' is Dutch: use " + Name(n.bank_code) + " " +
                                     s.bic.substr(0, 4));
    }
  }
  if (!s.phone_prefix.empty()) {
    bool ok = s.phone_prefix.size() >= 2 && s.phone_prefix.size() <= 15 && s.phone_prefix[0] == '+' &&
              std::all_of(s.phone_prefix.begin() + 1, s.phone_prefix.end(),
                          [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) {
      return Status::InvalidArgument(Name(n.phone_prefix) + " '" + s.phone_prefix +
                                     "' must be '+' and 1 to 14 digits, as numbers are in E.164 (e.g. +3197)");
    }
  }
  return Status::Ok();
}

Status ValidateWebhookUrl(std::string_view url, const SubscriptionFieldNames& n) {
  std::string_view rest;
  if (url.starts_with("http://")) rest = url.substr(7);
  else if (url.starts_with("https://")) rest = url.substr(8);
  else return Status::InvalidArgument(Name(n.webhook) + " must be an http:// or https:// URL");
  if (url.size() > 2000) return Status::InvalidArgument(Name(n.webhook) + " is longer than 2,000 characters");
  if (rest.empty() || rest[0] == '/' || rest[0] == ':') return Status::InvalidArgument(Name(n.webhook) + " names no host");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return Status::InvalidArgument(Name(n.webhook) + " must not contain spaces or control characters");
    }
  }
  return Status::Ok();
}

Status ValidateWebhookSecret(std::string_view secret, const SubscriptionFieldNames& n) {
  if (secret.size() >= kMinWebhookSecretBytes) return Status::Ok();
  return Status::InvalidArgument(Name(n.secret) + " holds " + std::to_string(secret.size()) + " bytes; at least " +
                                 std::to_string(kMinWebhookSecretBytes) +
                                 " are needed (e.g. from `openssl rand -hex 32`)");
}

Status ValidateSubscriptionRequest(const SubscriptionRequest& r, const SubscriptionFieldNames& n) {
  ZICHT_RETURN_IF_ERROR(ValidateSubscription(r.subscription, n));
  if (r.webhook_url.empty() != r.secret.empty()) {
    return Status::InvalidArgument(Name(n.webhook) + " and " + Name(n.secret) + " go together");
  }
  if (r.webhook_url.empty()) return Status::Ok();
  ZICHT_RETURN_IF_ERROR(ValidateWebhookUrl(r.webhook_url, n));
  return ValidateWebhookSecret(r.secret, n);
}

Result<int64_t> AddSubscription(store::AlertStore& store, const SubscriptionRequest& r, UnixSeconds now,
                                const SubscriptionFieldNames& names) {
  ZICHT_RETURN_IF_ERROR(ValidateSubscriptionRequest(r, names));
  store::Subscription s = r.subscription;
  s.created = now;
  ZICHT_ASSIGN_OR_RETURN(int64_t id, store.AddSubscription(s));
  if (!r.webhook_url.empty()) {
    ZICHT_RETURN_IF_ERROR(store.PutWebhook(store::Webhook{s.partner, r.webhook_url, r.secret, now}));
  }
  return id;
}

}  // namespace zicht::alert

#include "model/report.h"

namespace zicht::model {

bool IsValidSource(std::string_view source) {
  if (source.empty() || source.size() > kMaxSourceLength) return false;
  for (char c : source) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Outcome DefaultOutcome(std::optional<int64_t> damage_cents) {
  return damage_cents.value_or(0) > 0 ? Outcome::kLoss : Outcome::kAttempt;
}

}  // namespace zicht::model

#pragma once
// The purposes a key may be used for (docs/privacy.md, "Purposes and legal
// basis"). A closed list, so that "why was this looked up?" has an answer a
// privacy officer can count, and a typo cannot open a new purpose: every
// /v1 request names one in `X-Purpose`, and it must be on the caller's key
// (`zicht keys add --purpose …`), or the request is refused with 403.
//
// A key's purposes are a bit set (PurposeSet): checking one costs a table
// scan of six short strings and a bit test, no allocation, on the path of
// every check.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/enum_names.h"

namespace zicht::server {

enum class Purpose {
  kPaymentScreening,       // a bank checks a payee before it executes a payment
  kOnboarding,             // customer due diligence when an account is opened
  kTransactionMonitoring,  // after-the-fact screening of executed transactions
  kFraudInvestigation,     // an analyst looks into reports, clusters and mules
  kFraudReporting,         // a partner submits its reports
  kMessageScreening,       // a message or thread is screened for scam signals
};
inline constexpr model::EnumNames<Purpose, 6> kPurposeNames{{"payment-screening", "onboarding",
                                                             "transaction-monitoring", "fraud-investigation",
                                                             "fraud-reporting", "message-screening"}};

//! A set of purposes, one bit each.
class PurposeSet {
 public:
  constexpr PurposeSet() = default;
  void Add(Purpose p) { bits_ |= Bit(p); }
  constexpr bool Has(Purpose p) const { return (bits_ & Bit(p)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  //! The purposes' names, in declaration order.
  std::vector<std::string_view> Names() const;
  //! "payment-screening, onboarding": Names() joined.
  std::string Joined() const;
  bool operator==(const PurposeSet&) const = default;

 private:
  static constexpr uint32_t Bit(Purpose p) { return uint32_t{1} << static_cast<unsigned>(p); }
  static_assert(kPurposeNames.size() <= 32, "PurposeSet holds one bit per purpose in a uint32_t");
  uint32_t bits_ = 0;
};

}  // namespace zicht::server

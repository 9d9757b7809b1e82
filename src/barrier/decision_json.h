#pragma once
// Decisions as JSON, one shape for `zicht evaluate` and
// POST /v1/payments/evaluate:
//   {"account":"A1","at":"2024-05-01T11:00:00Z","decision":"delay",
//    "until":"2024-05-01T14:00:00Z","reasons":["COOLING_OFF"]}
// `until` only for a delay; `reasons` in evaluation order (stage, then
// barrier), each code once.
//
// And the replay summary: how many payments each decision got, and per
// barrier how often it fired with which action.
//
// Thread-safety: functions are pure; a DecisionTally is not synchronised.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "barrier/engine.h"

namespace zicht::barrier {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

//! Writes the decision for `payment` as one JSON object.
void WriteDecisionJson(const RuleSet& rules, const Event& payment, const Decision& decision, JsonWriter& w);

class DecisionTally {
 public:
  explicit DecisionTally(const RuleSet& rules) : rules_(rules), per_barrier_(rules.barriers.size()) {}

  void Add(const Decision& decision);

  int64_t payments() const { return payments_; }
  int64_t count(Action action) const { return per_action_[static_cast<size_t>(action)]; }

  //! Human-readable lines:
  //!   payments 4: allow 2, warn 0, delay 1, block 1
  //!   COOLING_OFF (payment.cooling_off): delay 1
  std::string Text() const;

  //! {"payments":4,"decisions":{"allow":2,…},"barriers":[{"reason","barrier","warn","delay","block"}…]}
  void WriteJson(JsonWriter& w) const;

 private:
  const RuleSet& rules_;
  int64_t payments_ = 0;
  std::array<int64_t, 4> per_action_{};
  std::vector<std::array<int64_t, 4>> per_barrier_;  // [barrier][action]
};

}  // namespace zicht::barrier

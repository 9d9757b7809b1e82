#pragma once
// The rules file: the barriers a bank's fraud team switches on and tunes,
// grouped by the stage of the criminal journey they stop (TOML; format in
// docs/barriers.md, shipped defaults in data/rules/default.toml).
//
//   [payment.cooling_off]
//   period = "PT4H"          # a raised daily limit applies only after this
//   action = "delay"
//
//   [persuasion.night_transfer]          # a custom barrier: has `when`
//   when   = "amount > 2500 and beneficiary.new and hour in 0..6"
//   action = "warn"
//
// Loading validates everything (unknown keys, actions, durations, and custom
// conditions, which are compiled here, once) and reports the first mistake
// as "FILE:LINE:COL: message" naming the barrier.
//
// Thread-safety: a RuleSet is immutable after loading.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "barrier/action.h"
#include "barrier/expression.h"
#include "common/result.h"

namespace zicht::barrier {

enum class BarrierKind { kDailyLimit, kCoolingOff, kKnownBeneficiary, kKnownDevice, kAccountTakeover, kCustom };
inline constexpr model::EnumNames<BarrierKind, 5> kBuiltinBarrierNames{{
    "daily_limit", "cooling_off", "known_beneficiary", "known_device", "account_takeover"}};

//! One barrier with its parameters; which fields matter depends on `kind`.
struct Barrier {
  BarrierKind kind = BarrierKind::kCustom;
  Stage stage = Stage::kPayment;
  std::string name;    // "payment.daily_limit": stage.key, as in the file
  std::string reason;  // reason code in decisions: DAILY_LIMIT, COOLING_OFF, … or the custom rule's
  Action action = Action::kAllow;  // what the barrier does when it fires
  //! For a delay without a natural end (custom rules, account takeover):
  //! `until` = payment time + delay_seconds.
  int64_t delay_seconds = 0;

  int64_t limit_cents = 0;     // daily_limit: limit of an account with no limit_change yet
  int64_t period_seconds = 0;  // cooling_off: wait before a raised limit applies
  //! known_beneficiary / known_device: the action per risk level (index = RiskLevel).
  Action on_risk[4] = {Action::kAllow, Action::kAllow, Action::kWarn, Action::kDelay};
  int64_t window_seconds = 0;     // account_takeover: how recent a new device / contact change counts
  int64_t min_amount_cents = 0;   // account_takeover: what counts as a large payment
  Action both_action = Action::kAllow;  // account_takeover: when new device AND contact change
  Expression condition;           // custom: compiled once
};

struct RuleSet {
  std::vector<Barrier> barriers;  // enabled barriers, in evaluation order (stage, then key)
  std::string source;             // file name, for messages

  //! The first enabled barrier of `kind`, or nullptr.
  const Barrier* Find(BarrierKind kind) const;
};

//! Parses and validates rules from TOML text. `source_name` appears in error
//! messages ("rules.toml:12:10: persuasion.night: unknown field 'amout'").
//! On failure: kInvalidArgument with that message.
Result<RuleSet> ParseRules(std::string_view toml_text, std::string_view source_name);

//! Reads and parses the file at `path`. kIOError when it cannot be read.
Result<RuleSet> LoadRulesFile(const std::string& path);

//! The shipped defaults (data/rules/default.toml, embedded at build time).
std::string_view DefaultRulesText();

//! ParseRules(DefaultRulesText(), "default.toml"). Always OK in a correct build.
Result<RuleSet> DefaultRules();

}  // namespace zicht::barrier

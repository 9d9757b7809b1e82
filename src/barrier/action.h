#pragma once
// The vocabulary of the barrier model: what a barrier can do to a payment,
// and the stage of the criminal journey a barrier stops (docs/design.md,
// "Barrier model (payments)"; 2024 letter: "criminal journeys" and barrier
// models).
#include <cstdint>

#include "model/enum_names.h"

namespace zicht::barrier {

//! What happens to a payment. Ordered by strictness: when several barriers
//! fire, the strictest wins (block > delay > warn > allow), so the numeric
//! order of the enum is the order of precedence. One byte: a Decision holds
//! 16 of them (engine.h).
enum class Action : uint8_t { kAllow, kWarn, kDelay, kBlock };
inline constexpr model::EnumNames<Action, 4> kActionNames{{"allow", "warn", "delay", "block"}};

//! Journey stages, in the order a fraud runs through them. Barriers are
//! evaluated stage by stage in this order, which is also the order of the
//! reason codes in a decision.
enum class Stage { kContact, kPersuasion, kAccountTakeover, kPayment, kCashOut };
inline constexpr model::EnumNames<Stage, 5> kStageNames{{
    "contact", "persuasion", "account_takeover", "payment", "cash_out"}};

//! How much the linking index knows about an identifier (the `risk` of
//! POST /v1/check): none · low (only spoofed or warning-listed) · medium (one
//! attempt) · high (two or more reports, or a loss).
enum class RiskLevel { kNone, kLow, kMedium, kHigh };
inline constexpr model::EnumNames<RiskLevel, 4> kRiskLevelNames{{"none", "low", "medium", "high"}};

}  // namespace zicht::barrier

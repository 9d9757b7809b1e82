#pragma once
// The rule scores of message screening (docs/screening.md, "Score"): turn a
// set of signals into one score per fraud label with the weights of
// weights.tsv. Pure functions; thread-safe.
//
// For each fraud label L:
//   1. Noisy-OR of the weights of the signals present: p_L = 1 − Π (1 − w_L[s]).
//   2. Gates: each of L's gate groups needs a signal present, else p_L is
//      capped at kUngatedCap.
//   3. SAFETY_ADVICE multiplies p_L by L's safety_advice factor.
//   4. A known sender multiplies p_L by L's known_sender factor.
// With a learned model (linear_model.h) the rule scores only choose which
// fraud label a flagged message gets; the model gives the probability.
// Without one (an empty model.tsv), label = the L with the highest p_L if
// that is ≥ kLabelThreshold, score = max p_L — the hand-set scoring of the
// first version, kept so the two can be compared (`--eval`).
#include <array>
#include <vector>

#include "screen/identifier_lookup.h"
#include "screen/signal.h"
#include "screen/signal_config.h"

namespace zicht::screen {

inline constexpr double kLabelThreshold = 0.5;
inline constexpr double kUngatedCap = 0.45;

struct ScreenResult {
  Label label = Label::kNone;
  double score = 0;     // 0..1: calibrated scam probability (model), after floor/cap rules
  SignalSet signals;    // every signal found, incl. UNKNOWN_SENDER
  std::array<double, kLabelCount> label_scores{};  // rule scores, indexed by Label; [kNone] is 0
  double model_score = -1;  // the model's probability before floor/cap rules; -1 without a model
  std::vector<IdentifierHit> known_identifiers;  // KNOWN_FRAUD_IDENTIFIER hits
  int messages = 1;         // messages screened (a thread has more)
  int first_flagged = -1;   // thread: 0-based index of the first message after which it was flagged
};

//! Steps 1-4 above for `rules` (hulpvraagfraude, phishing, bankhelpdeskfraude).
std::array<double, kLabelCount> RuleScores(const std::array<LabelRule, 3>& rules, SignalSet signals,
                                           bool sender_known);

//! The rule scores with the built-in weights, label and score as without a
//! model. `signals` must already contain UNKNOWN_SENDER when the sender is
//! unknown. For tests and docs.
ScreenResult ScoreSignals(SignalSet signals, bool sender_known);

//! The built-in weight of `signal` for `label` (0 for kNone).
double SignalWeight(Label label, Signal signal);

}  // namespace zicht::screen

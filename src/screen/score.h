#pragma once
// The screening score: how a set of signals becomes a label and a number in
// 0..1. Pure function of its inputs; thread-safe. The same formula, with the
// weights as a table, is in docs/screening.md — change both together.
//
// HOW IT WORKS
//   For each fraud label L (hulpvraagfraude, phishing, bankhelpdeskfraude):
//   1. Noisy-OR of the signal weights:  p_L = 1 − Π_s (1 − w_L[s])
//      Each signal is treated as an independent piece of evidence that on
//      its own would convince with probability w_L[s]. Adding a signal can
//      only raise p_L, and every weight can be read off in the output.
//   2. Gates: each label names groups of signals it cannot do without; if any
//      group has no signal present, p_L is capped at kUngatedCap (below the
//      label threshold). A help request without a money ask is not fraud
//      yet; phishing needs a place to go (a link) and a hook; bank-helpdesk
//      fraud needs a bank (or authority) voice and a bank-fraud move.
//   3. SAFETY_ADVICE ("wij vragen nooit om uw pincode", "pas op voor
//      oplichters") multiplies every score by kSafetyAdviceFactor: that is
//      what the real bank, police or Fraudehelpdesk writes, and what a
//      fraudster avoids.
//   4. A known sender (sender_known=true) multiplies the help-request score
//      by kKnownSenderHelpFactor: the warning screen of the 2020 letter is
//      for strangers, and a child asking for grocery money from the number
//      the parent has saved is ordinary family life. Phishing and
//      bank-helpdesk scores get the milder kKnownSenderOtherFactor, because
//      a saved contact can be spoofed or taken over.
//   The label is the L with the highest p_L if that is ≥ kLabelThreshold,
//   else "none"; score = max_L p_L (so "none" can still carry 0.3 to say
//   "a bit suspicious").
//
// LIMITS
//   The weights are hand-set from the public warnings and checked against
//   the corpus (tests/data/screening/corpus.jsonl); they are not a trained
//   model. Signals are not independent in reality, so p_L is a ranking
//   score, not a calibrated probability.
#include <array>

#include "screen/signal.h"

namespace zicht::screen {

inline constexpr double kLabelThreshold = 0.5;
inline constexpr double kUngatedCap = 0.45;
inline constexpr double kSafetyAdviceFactor = 0.4;
inline constexpr double kKnownSenderHelpFactor = 0.3;
inline constexpr double kKnownSenderOtherFactor = 0.85;

struct ScreenResult {
  Label label = Label::kNone;
  double score = 0;     // 0..1, max over the fraud labels
  SignalSet signals;    // every signal found, incl. UNKNOWN_SENDER
  std::array<double, kLabelCount> label_scores{};  // indexed by Label; [kNone] is 0
};

//! Applies the formula above. `signals` must already contain UNKNOWN_SENDER
//! when the sender is unknown; `sender_known` drives step 4.
ScreenResult ScoreSignals(SignalSet signals, bool sender_known);

//! The weight of `signal` for `label` (0 for kNone), for docs and tests.
double SignalWeight(Label label, Signal signal);

}  // namespace zicht::screen

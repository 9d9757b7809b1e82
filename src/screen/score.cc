#include "screen/score.h"

namespace zicht::screen {
namespace {

const std::array<LabelRule, 3>& BuiltinRules() {
  static const std::array<LabelRule, 3> rules = [] {
    auto config = BuiltinSignalConfig();
    return config.ok() ? config->rules : std::array<LabelRule, 3>{};
  }();
  return rules;
}

}  // namespace

std::array<double, kLabelCount> RuleScores(const std::array<LabelRule, 3>& rules, SignalSet signals,
                                           bool sender_known) {
  std::array<double, kLabelCount> scores{};
  for (const LabelRule& rule : rules) {
    double miss = 1;  // Π (1 − w) over the signals present
    signals.ForEach([&](Signal s) { miss *= 1 - rule.weights[static_cast<size_t>(s)]; });
    double p = 1 - miss;
    for (const SignalSet& group : rule.gates) {
      if (!signals.Intersects(group) && p > kUngatedCap) p = kUngatedCap;
    }
    if (signals.Has(Signal::kSafetyAdvice)) p *= rule.safety_advice_factor;
    if (sender_known) p *= rule.known_sender_factor;
    scores[static_cast<size_t>(rule.label)] = p;
  }
  return scores;
}

ScreenResult ScoreSignals(SignalSet signals, bool sender_known) {
  ScreenResult result;
  result.signals = signals;
  result.label_scores = RuleScores(BuiltinRules(), signals, sender_known);
  for (int i = 1; i < kLabelCount; ++i) {
    const double p = result.label_scores[static_cast<size_t>(i)];
    if (p > result.score) {
      result.score = p;
      result.label = p >= kLabelThreshold ? static_cast<Label>(i) : Label::kNone;
    }
  }
  return result;
}

double SignalWeight(Label label, Signal signal) {
  for (const LabelRule& rule : BuiltinRules()) {
    if (rule.label == label) return rule.weights[static_cast<size_t>(signal)];
  }
  return 0;
}

}  // namespace zicht::screen

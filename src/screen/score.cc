#include "screen/score.h"

#include <initializer_list>

namespace zicht::screen {
namespace {

using S = Signal;

struct Weight {
  Signal signal;
  double weight;
};

using Weights = std::array<double, kSignalCount>;

constexpr Weights MakeWeights(std::initializer_list<Weight> list) {
  Weights w{};
  for (const Weight& x : list) w[static_cast<size_t>(x.signal)] = x.weight;
  return w;
}

struct LabelRule {
  Label label;
  Weights weights;  // indexed by Signal; how convincing one signal is on its own
  std::array<SignalSet, 2> gates;  // step 2: each group needs one signal present
  bool damped_by_safety_advice;    // step 3
  double known_sender_factor;      // step 4
};

// The table of docs/screening.md. A signal not listed weighs 0 for that label.
constexpr std::array<LabelRule, 3> kRules{{
    {Label::kHulpvraagfraude,
     MakeWeights({{S::kNewNumber, 0.35}, {S::kBrokenPhone, 0.30}, {S::kFamilyAddress, 0.15},
                  {S::kCannotCall, 0.30}, {S::kSecrecy, 0.30}, {S::kUrgency, 0.20},
                  {S::kPaymentRequest, 0.35}, {S::kPaymentLink, 0.25}, {S::kUnknownSender, 0.15}}),
     {SignalSet{S::kPaymentRequest, S::kPaymentLink},
      SignalSet{S::kNewNumber, S::kBrokenPhone, S::kFamilyAddress, S::kCannotCall}},
     true, kKnownSenderHelpFactor},
    {Label::kPhishing,
     MakeWeights({{S::kLink, 0.35}, {S::kAccountBlocked, 0.35}, {S::kAuthorityImpersonation, 0.30},
                  {S::kBankImpersonation, 0.25}, {S::kParcelDelivery, 0.25}, {S::kUrgency, 0.20},
                  {S::kCredentialRequest, 0.30}, {S::kPaymentRequest, 0.20}, {S::kPaymentLink, 0.25},
                  {S::kSuspiciousActivity, 0.25}, {S::kRefundLure, 0.30}, {S::kUnknownSender, 0.10}}),
     {SignalSet{S::kLink, S::kPaymentLink},
      SignalSet{S::kAccountBlocked, S::kPaymentRequest, S::kPaymentLink, S::kCredentialRequest,
                S::kSuspiciousActivity, S::kUrgency, S::kRefundLure}},
     true, kKnownSenderOtherFactor},
    {Label::kBankhelpdeskfraude,
     MakeWeights({{S::kBankImpersonation, 0.30}, {S::kSafeAccount, 0.55}, {S::kCardPickup, 0.50},
                  {S::kRemoteAccess, 0.45}, {S::kCallbackRequest, 0.30}, {S::kSuspiciousActivity, 0.30},
                  {S::kCredentialRequest, 0.25}, {S::kAccountBlocked, 0.15}, {S::kUrgency, 0.15},
                  {S::kSecrecy, 0.20}, {S::kAuthorityImpersonation, 0.15}, {S::kPaymentRequest, 0.10},
                  {S::kUnknownSender, 0.10}}),
     {SignalSet{S::kBankImpersonation, S::kAuthorityImpersonation, S::kSafeAccount},
      SignalSet{S::kSafeAccount, S::kCardPickup, S::kRemoteAccess, S::kCallbackRequest,
                S::kSuspiciousActivity, S::kCredentialRequest}},
     true, kKnownSenderOtherFactor},
}};

}  // namespace

double SignalWeight(Label label, Signal signal) {
  for (const LabelRule& rule : kRules) {
    if (rule.label == label) return rule.weights[static_cast<size_t>(signal)];
  }
  return 0;
}

ScreenResult ScoreSignals(SignalSet signals, bool sender_known) {
  ScreenResult result;
  result.signals = signals;
  for (const LabelRule& rule : kRules) {
    double miss = 1;  // Π (1 − w) over the signals present
    for (int i = 0; i < kSignalCount; ++i) {
      if (signals.Has(static_cast<Signal>(i))) miss *= 1 - rule.weights[static_cast<size_t>(i)];
    }
    double p = 1 - miss;
    for (const SignalSet& group : rule.gates) {
      if (!signals.Intersects(group) && p > kUngatedCap) p = kUngatedCap;
    }
    if (rule.damped_by_safety_advice && signals.Has(S::kSafetyAdvice)) p *= kSafetyAdviceFactor;
    if (sender_known) p *= rule.known_sender_factor;
    result.label_scores[static_cast<size_t>(rule.label)] = p;
    if (p > result.score) {
      result.score = p;
      result.label = p >= kLabelThreshold ? rule.label : Label::kNone;
    }
  }
  return result;
}

}  // namespace zicht::screen

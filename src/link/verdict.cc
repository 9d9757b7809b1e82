#include "link/verdict.h"

namespace zicht::link {

void ApplyVerdictRules(Verdict& v, const VerdictFacts& f) {
  v.reasons.clear();
  if (!v.valid) {
    v.risk = Risk::kNone;
    v.reasons.push_back("INVALID");
    return;
  }
  if (f.reports_not_spoofed > 0) v.reasons.push_back("REPORTED");
  if (f.loss_not_spoofed) v.reasons.push_back("LOSS_REPORTED");
  if (f.reports_not_spoofed >= 2) v.reasons.push_back("MULTIPLE_REPORTS");
  if (f.mule) v.reasons.push_back("MULE_CANDIDATE");
  if (f.spoofed) v.reasons.push_back("SPOOFED");
  if (f.warning_listed) v.reasons.push_back("WARNINGLISTED");
  if (v.cluster) v.reasons.push_back("IN_CLUSTER");

  if (f.warning_listed) {
    v.risk = Risk::kLow;
  } else if (f.reports_not_spoofed == 0) {
    v.risk = f.spoofed ? Risk::kLow : Risk::kNone;
  } else if (f.reports_not_spoofed >= 2 || f.loss_not_spoofed) {
    v.risk = Risk::kHigh;
  } else {
    v.risk = Risk::kMedium;
  }
}

}  // namespace zicht::link

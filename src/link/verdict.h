#pragma once
// The verdict rules of POST /v1/check and `zicht check` (docs/design.md): which
// risk level and which reason codes follow from what the index knows about
// an identifier. Kept apart from the index walk so the rules read as rules.
//
//   risk  none   — in no report (and not warning-listed); also every invalid value
//         low    — warning-listed, or known only in the role `spoofed`
//         medium — in exactly one report (not as spoofed), an attempt
//         high   — in two or more reports (not as spoofed), or in one with a loss
//
// A warning-listed value is `low` even when reports name it in another
// role: it is a bank's, a marketplace's or a platform's own value, and a
// payment to it is no sign of fraud. A spoofed number is the victim's view
// of a faked caller id; it says nothing about who owns it, so it never
// raises risk above `low`.
//
// Reasons, always in this order: REPORTED (in a report, not as spoofed),
// LOSS_REPORTED (such a report had a loss), MULTIPLE_REPORTS (in ≥ 2 such
// reports), MULE_CANDIDATE (IBAN, beneficiary in ≥ 2 reports), SPOOFED (seen
// as spoofed), WARNINGLISTED, IN_CLUSTER (its reports are in a cluster of
// ≥ 2), INVALID (fails validation or is a placeholder).
//
// Thread-safety: pure function.
#include <cstdint>

#include "link/engine.h"

namespace zicht::link {

struct VerdictFacts {
  bool warning_listed = false;
  bool spoofed = false;           // in some report as `spoofed`
  int64_t reports_not_spoofed = 0;
  bool loss_not_spoofed = false;  // one of those reports had a loss
  bool mule = false;
};

//! Sets v.risk and v.reasons from `facts`, v.valid and v.cluster.
void ApplyVerdictRules(Verdict& v, const VerdictFacts& facts);

}  // namespace zicht::link

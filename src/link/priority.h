#pragma once
// Cluster priority ("kansrijk", docs/design.md "Linking and clusters"): a score
// that puts the clusters an investigator can most usefully pick up first,
// and the same facts in words.
//
// THE FORMULA (docs/linking.md has the reasoning):
//
//   score = 10 · log2(1 + reports)
//         +  8 · (sources − 1)
//         +  4 · log2(1 + losses)
//         +  6 · log10(1 + damage in euro)
//         + 20 · 0.5 ^ (days since the last report / 30)
//         + 10 · money-mule IBANs
//         + 20 · IBANs a bank confirmed as mules
//         +  3 · min(leads, 10)
//
// Logarithms because the tenth report or the next €10,000 matter less than
// the second report or the first €1,000; sources count linearly because a
// link confirmed by two partners (police and a bank) is what makes a case;
// recency halves every 30 days because a fresh trail is followed up faster;
// mules and leads (IBAN at a Dutch bank, Dutch mobile number) are what an
// investigator can request data on under Dutch law, so they weigh per item
// (leads capped so that a large cluster's many phone numbers do not drown
// everything else). A mule its bank confirmed (it blocked or closed the
// account, docs/alerts.md) weighs twice a candidate on top of it: a bank
// looked at the account's transactions, which no count of reports does.
//
// Thread-safety: pure functions.
#include "common/time.h"
#include "link/engine.h"

namespace zicht::link {

struct PriorityWeights {
  double reports = 10;                 // × log2(1 + reports)
  double sources = 8;                  // × (sources − 1)
  double losses = 4;                   // × log2(1 + losses)
  double damage = 6;                   // × log10(1 + damage in euro)
  double recency = 20;                 // × 0.5^(age in days / half-life)
  double recency_half_life_days = 30;  // days after which the recency term halves
  double mules = 10;                   // × money-mule IBANs
  double confirmed_mules = 20;         // × IBANs a bank confirmed as mules (blocked or closed)
  double leads = 3;                    // × min(leads, leads_cap)
  int64_t leads_cap = 10;
};

//! Fills summary.score and summary.explanation from the other fields.
//! `now` is the reference for recency (see EngineOptions::now).
void Prioritize(ClusterSummary& summary, UnixSeconds now, const PriorityWeights& weights = {});

//! "€38,200" or "€1,234.50".
std::string FormatEuro(int64_t cents);

}  // namespace zicht::link

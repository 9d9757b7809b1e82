#pragma once
// Precision and recall of the screener on a labelled corpus (JSON Lines
// {"text","sender_known","label"}, tests/data/screening/corpus.jsonl). Used
// by the corpus test (accuracy floor) and by `make bench` (report). No I/O:
// callers pass the file's contents. Thread-safe (no state).
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "screen/screener.h"

namespace zicht::screen {

struct CorpusEntry {
  std::string text;
  bool sender_known = false;
  Label label = Label::kNone;
  int line = 0;  // 1-based line in the corpus file
};

//! Parses the corpus; blank lines are skipped. Errors are kInvalidArgument
//! naming the line and field ("line 7: label: unknown label \"spam\"").
Result<std::vector<CorpusEntry>> ParseCorpus(std::string_view jsonl);

struct Counts {
  int true_positive = 0;
  int false_positive = 0;
  int false_negative = 0;
  //! tp / (tp + fp); 1 when nothing was predicted (no false alarms).
  double Precision() const;
  //! tp / (tp + fn); 1 when nothing was expected.
  double Recall() const;
};

struct CorpusMetrics {
  int total = 0;
  int correct = 0;                          // exact label match
  std::array<Counts, kLabelCount> per_label;  // indexed by Label (kNone: "none" as a class)
  Counts fraud;                             // any fraud label vs none
  std::vector<std::string> mistakes;        // "line 12: expected phishing, got none (0.41) [LINK ...]"
};

//! Screens every entry and counts hits per label and for fraud-vs-none.
CorpusMetrics EvaluateCorpus(const Screener& screener, const std::vector<CorpusEntry>& corpus);

//! A small text table: one row per label plus "fraud vs none" and accuracy.
std::string FormatMetrics(const CorpusMetrics& metrics);

}  // namespace zicht::screen

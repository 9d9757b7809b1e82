#pragma once
// How well the screener separates scam messages from benign look-alikes on a
// labelled corpus (tests/data/screening/corpus.jsonl, docs/screening.md
// "Corpus and evaluation"). Used by `zicht screen --eval`, the corpus test
// (floors on the held-out split) and `make bench`. No I/O: callers pass the
// file's contents. Thread-safe (no state).
//
// Corpus line (JSON object):
//   required  text (string), sender_known (bool), label (none|hulpvraagfraude|
//             phishing|bankhelpdeskfraude)
//   optional  id, family (default: the label), lang, origin (published|
//             composed), split (train|heldout), variant_of (id of the message
//             a script derived this spelling variant from), url, date, source
//
// A message counts as flagged when its label is not "none". Recall is the
// share of scam messages flagged, the false-positive rate the share of benign
// messages flagged. The ROC curve comes from ranking by `score`.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "screen/screener.h"

namespace zicht::screen {

struct CorpusEntry {
  std::string id;
  std::string text;
  bool sender_known = false;
  Label label = Label::kNone;
  std::string family;      // e.g. "hulpvraag", "benign-bank"; the label name when absent
  std::string lang;        // "nl", "en"; empty when absent
  std::string origin;      // "published" or "composed"; empty when absent
  std::string split;       // "train" or "heldout"; empty when absent
  std::string variant_of;  // non-empty for a script-made spelling variant
  std::string url;         // published: the public warning quoted
  std::string date;        // published: its date (YYYY-MM or YYYY-MM-DD)
  int line = 0;            // 1-based line in the corpus file
};

//! Parses the corpus; blank lines are skipped. Errors are kInvalidArgument
//! naming the line and field ("line 7: label: unknown label \"spam\"").
Result<std::vector<CorpusEntry>> ParseCorpus(std::string_view jsonl);

struct CorpusFilter {
  std::string split;            // "" = every split
  bool originals_only = false;  // drop script-made spelling variants
};
//! The entries that pass `filter`.
std::vector<CorpusEntry> FilterCorpus(const std::vector<CorpusEntry>& corpus, const CorpusFilter& filter);

struct FamilyRow {
  std::string family;
  bool scam = false;                       // the family's messages are scams
  int n = 0;
  std::array<int, kLabelCount> predicted{};  // indexed by the predicted Label
  int Flagged() const { return n - predicted[0]; }
};

struct RocPoint {
  double threshold = 0;  // flag when score >= threshold
  double recall = 0;
  double false_positive_rate = 0;
};

struct EvalReport {
  int scams = 0;
  int benign = 0;
  int scams_flagged = 0;
  int benign_flagged = 0;
  int scams_exact_label = 0;     // flagged with the expected label
  double auc = 0;                // area under the ROC curve of `score`; NaN without both scams and benign
                                 // messages (published12 is genuine warnings only)
  RocPoint best_at_target;       // highest recall whose FPR <= fpr_target
  double fpr_target = 0.02;
  std::vector<FamilyRow> families;  // scam families first, then benign; by name
  std::vector<std::string> misses;  // "m0123 hulpvraag: scam not flagged (0.41) [NEW_NUMBER ...]"

  double Recall() const { return scams == 0 ? 1.0 : static_cast<double>(scams_flagged) / scams; }
  double FalsePositiveRate() const { return benign == 0 ? 0.0 : static_cast<double>(benign_flagged) / benign; }
};

//! Screens every entry once.
EvalReport Evaluate(const Screener& screener, const std::vector<CorpusEntry>& corpus, double fpr_target = 0.02);

//! The report as a text table: summary, ROC operating point, one row per
//! family with its confusion over predicted labels.
std::string FormatReport(const EvalReport& report, std::string_view title);

//! One line "recall=0.953 fpr=0.012 auc=0.991 scams=265 benign=296", for
//! scripts (bench/parts/50-screen.sh).
std::string SummaryLine(const EvalReport& report);

}  // namespace zicht::screen

#pragma once
// Screener — message screening for the warning screen of the 2020 letter
// (docs/design.md, "Message screening"; docs/screening.md): text in; label,
// calibrated score and the explainable signals out.
//
// Pipeline, per message:
//   TextNormalizer (ICU: case fold, strip diacritics, emoji, chat spellings)
//   → SignalMatcher (RE2::Set over the patterns of patterns.tsv)
//   → UNKNOWN_SENDER from the caller
//   → LinkCheck (brands.tsv: LOOKALIKE_DOMAIN / OFFICIAL_DOMAIN; with an
//     IdentifierLookup: KNOWN_FRAUD_IDENTIFIER)
//   → LinearModel (model.tsv): calibrated probability from words, character
//     n-grams and the signals
//   → rule scores (weights.tsv) pick the fraud label; floor/cap rules
//     (weights.tsv) set minimum/maximum scores for decisive combinations,
//     e.g. the warning moment (NEW_NUMBER + FAMILY_ADDRESS + UNKNOWN_SENDER).
// A thread (ScreenThread) is screened as one conversation: the signals of
// all its messages add up, and the result says which message first made the
// conversation a scam.
//
// Build one Screener at start-up (compiling the patterns takes a few
// milliseconds) and share it: every method is const and thread-safe.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "screen/identifier_lookup.h"
#include "screen/linear_model.h"
#include "screen/link_check.h"
#include "screen/score.h"
#include "screen/signal_config.h"
#include "screen/signal_matcher.h"
#include "screen/text_normalizer.h"

namespace zicht::screen {

//! Most messages in one thread; a longer thread is kInvalidArgument at the
//! JSON layer.
inline constexpr size_t kMaxThreadMessages = 100;

class Screener {
 public:
  //! The built-in signals (data/screening/, compiled in), no intelligence.
  static Result<std::unique_ptr<Screener>> Create();
  //! `config` as loaded (LoadSignalConfig); `lookup` may be null (no
  //! KNOWN_FRAUD_IDENTIFIER) and must outlive the screener.
  static Result<std::unique_ptr<Screener>> Create(const SignalConfig& config, const IdentifierLookup* lookup = nullptr);

  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  //! Screens one message. Never fails; any text (empty, invalid UTF-8,
  //! megabytes) gets a result, in time linear in its length.
  //! `sender_known`: the sender is a saved contact of the recipient.
  ScreenResult Screen(std::string_view text, bool sender_known) const;

  //! Screens a conversation from one sender, oldest message first. Never
  //! fails; an empty thread is "none" with score 0.
  ScreenResult ScreenThread(const std::vector<std::string>& messages, bool sender_known) const;

  //! What the model sees of one message: the words view and every signal
  //! (UNKNOWN_SENDER included). For training (screen_train) and explanations.
  struct Analysis {
    std::string words;
    SignalSet signals;
    std::vector<IdentifierHit> hits;
  };
  Analysis Analyze(std::string_view text, bool sender_known) const;

  const TextNormalizer& normalizer() const { return *normalizer_; }
  const LinearModel& model() const { return *model_; }
  //! "built-in" or the signals directory.
  const std::string& source() const { return source_; }

 private:
  Screener() = default;
  // The signals of a message twice: every word's, which the model reads
  // (as it was trained), and the sender's own words' (quoted messages left
  // out, QUOTED_MESSAGE added: quotation.h), which the rules weigh and the
  // answer names. The two differ only for a message that quotes one.
  struct MessageSignals {
    SignalSet model;
    SignalSet own;
  };
  static MessageSignals SenderContext(bool sender_known);
  void AnalyzeInto(std::string_view text, MessageSignals* signals, std::vector<IdentifierHit>* hits,
                   NormalizedText* scratch) const;
  ScreenResult Finish(std::pair<double, int> text_sum, const MessageSignals& signals, bool sender_known) const;

  std::unique_ptr<TextNormalizer> normalizer_;  // constant after construction
  std::unique_ptr<SignalMatcher> matcher_;
  std::unique_ptr<LinkCheck> link_check_;
  std::shared_ptr<const LinearModel> model_;
  std::array<LabelRule, 3> rules_;
  std::vector<ScoreRule> score_rules_;
  const IdentifierLookup* lookup_ = nullptr;
  std::string source_;
};

}  // namespace zicht::screen

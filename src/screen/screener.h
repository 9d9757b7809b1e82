#pragma once
// Screener — message screening for the warning screen of the 2020 letter
// (docs/design.md, "Message screening"): Dutch text in; label, score and the
// explainable signals out.
//
// Pipeline: TextNormalizer (ICU: case fold, strip diacritics, emoji, chat
// spellings) → SignalMatcher (RE2::Set over all patterns) → UNKNOWN_SENDER
// from the caller → ScoreSignals (score.h).
//
// Build one Screener at start-up (compiling the pattern sets takes a few
// milliseconds) and share it: Screen() is const and thread-safe.
#include <memory>
#include <string_view>

#include "common/result.h"
#include "screen/score.h"
#include "screen/signal_matcher.h"
#include "screen/text_normalizer.h"

namespace zicht::screen {

class Screener {
 public:
  //! Loads ICU data and compiles the shipped patterns. Fails with kInternal
  //! only if the ICU data is missing or a shipped pattern is broken.
  static Result<std::unique_ptr<Screener>> Create();

  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  //! Screens one message. Never fails; any text (empty, invalid UTF-8,
  //! megabytes) gets a result, in time linear in its length.
  //! `sender_known`: the sender is a saved contact of the recipient.
  ScreenResult Screen(std::string_view text, bool sender_known) const;

  //! The normaliser, for tests and for explaining a result.
  const TextNormalizer& normalizer() const { return *normalizer_; }

 private:
  Screener(std::unique_ptr<TextNormalizer> normalizer, std::unique_ptr<SignalMatcher> matcher);

  std::unique_ptr<TextNormalizer> normalizer_;  // constant after construction
  std::unique_ptr<SignalMatcher> matcher_;      // constant after construction
};

}  // namespace zicht::screen

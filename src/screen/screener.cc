#include "screen/screener.h"

namespace zicht::screen {

Result<std::unique_ptr<Screener>> Screener::Create() {
  ZICHT_ASSIGN_OR_RETURN(auto normalizer, TextNormalizer::Create());
  ZICHT_ASSIGN_OR_RETURN(auto matcher, SignalMatcher::CreateDefault());
  return std::unique_ptr<Screener>(new Screener(std::move(normalizer), std::move(matcher)));
}

Screener::Screener(std::unique_ptr<TextNormalizer> normalizer, std::unique_ptr<SignalMatcher> matcher)
    : normalizer_(std::move(normalizer)), matcher_(std::move(matcher)) {}

ScreenResult Screener::Screen(std::string_view text, bool sender_known) const {
  // One scratch buffer per thread: Screen() stays const and thread-safe and
  // the hot path (100,000 messages/s) does not allocate per message.
  thread_local NormalizedText scratch;
  normalizer_->Normalize(text, &scratch);
  SignalSet signals = matcher_->Match(scratch);
  if (!sender_known) signals.Add(Signal::kUnknownSender);
  return ScoreSignals(signals, sender_known);
}

}  // namespace zicht::screen

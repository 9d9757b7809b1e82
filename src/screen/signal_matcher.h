#pragma once
// SignalMatcher — finds every signal a normalised message shows, with one
// RE2::Set scan per view (patterns.tsv, signal_config.h), however many
// patterns there are.
// Built once from the pattern tables; thread-safe after construction
// (RE2::Set::Match is const and safe for concurrent use).
//
// Why RE2::Set: it compiles all patterns into one automaton, so the cost of a
// message is linear in its length and does not grow with the number of
// patterns; RE2 also guarantees linear time on any input, so a hostile
// message cannot make screening slow (no backtracking).
#include <memory>
#include <span>
#include <vector>

#include "common/result.h"
#include "screen/signal_config.h"
#include "screen/signal.h"
#include "screen/text_normalizer.h"

namespace zicht::screen {

class SignalMatcher {
 public:
  //! Compiles `patterns`. Fails (kInvalidArgument, naming the pattern's file
  //! and line) when a pattern does not compile.
  static Result<std::unique_ptr<SignalMatcher>> Create(std::span<const PatternSpec> patterns);
  //! The built-in patterns.tsv.
  static Result<std::unique_ptr<SignalMatcher>> CreateDefault();

  ~SignalMatcher();
  SignalMatcher(const SignalMatcher&) = delete;
  SignalMatcher& operator=(const SignalMatcher&) = delete;

  //! The signals found in `text`. Never fails: if RE2 ever ran out of its
  //! memory budget the view is treated as matching nothing.
  SignalSet Match(const NormalizedText& text) const;

  size_t pattern_count() const;

 private:
  struct Sets;  // the RE2::Sets (RE2::Set is a nested class: no forward declaration)
  explicit SignalMatcher(std::unique_ptr<Sets> sets);

  std::unique_ptr<Sets> sets_;  // constant after construction
};

//! The built-in patterns (patterns.tsv), in file order.
std::vector<PatternSpec> AllPatterns();

}  // namespace zicht::screen

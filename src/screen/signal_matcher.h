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
//
// Why word-gap patterns go in split: a gap ({gapN}, "up to N words") makes
// the set's DFA count words for every gap in progress, and the counts of
// several gaps multiply its states. The 70 gap patterns of the words view
// took 4.9 of the 6.5 µs per message of the whole set (all corpus and blind
// messages, screen_bench's machine); the 173 others alone took 1.4 µs. So
// the set holds a gap pattern's head (the part before its first gap) and
// tail (the part after its last gap), which every match of the whole
// contains, and the whole pattern (one RE2) runs only on a message where
// both matched and the signal is not found yet: 0.65 such runs per message,
// 3.9 µs per message in all. A pattern whose gap sits inside a group or
// beside a top-level '|' has no such head and tail and goes in whole.
#include <memory>
#include <span>
#include <string_view>
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
  //! Patterns held in the set by their head and tail (see above).
  size_t split_pattern_count() const;

 private:
  struct Sets;  // the RE2::Sets (RE2::Set is a nested class: no forward declaration)
  explicit SignalMatcher(std::unique_ptr<Sets> sets);

  std::unique_ptr<Sets> sets_;  // constant after construction
};

//! The built-in patterns (patterns.tsv), in file order.
std::vector<PatternSpec> AllPatterns();

//! A pattern with word gaps cut at them: every match of the whole starts
//! with a match of `head` and ends with a match of `tail` (views into the
//! pattern given to SplitAtGaps).
struct GapSplit {
  std::string_view head;  // before the first gap
  std::string_view tail;  // after the last gap
};
//! Both empty when `regex` (gaps expanded) has no such cut: no gap, a gap
//! at the start or end, a gap inside a group, or a '|' outside groups.
GapSplit SplitAtGaps(std::string_view regex);

}  // namespace zicht::screen

#include "screen/signal_matcher.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace zicht::screen {
namespace {

// Memory budget of each compiled set. The sets hold ~150 short patterns and
// their lazily built DFA stays far below this; the budget only bounds a
// pathological case.
constexpr int64_t kSetMaxMem = int64_t{64} << 20;

std::unique_ptr<RE2::Set> NewSet() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_case_sensitive(true);  // the views are already case-folded
  options.set_log_errors(false);
  options.set_max_mem(kSetMaxMem);
  return std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
}

}  // namespace

struct SignalMatcher::Sets {
  std::unique_ptr<RE2::Set> words_set = NewSet();
  std::unique_ptr<RE2::Set> folded_set = NewSet();
  std::vector<Signal> words_signals;   // index in words_set → signal
  std::vector<Signal> folded_signals;  // index in folded_set → signal
};

SignalMatcher::SignalMatcher(std::unique_ptr<Sets> sets) : sets_(std::move(sets)) {}
SignalMatcher::~SignalMatcher() = default;

size_t SignalMatcher::pattern_count() const {
  return sets_->words_signals.size() + sets_->folded_signals.size();
}

std::vector<PatternSpec> AllPatterns() {
  auto config = BuiltinSignalConfig();
  return config.ok() ? config->patterns : std::vector<PatternSpec>{};
}

Result<std::unique_ptr<SignalMatcher>> SignalMatcher::Create(std::span<const PatternSpec> patterns) {
  auto m = std::make_unique<Sets>();
  for (const PatternSpec& p : patterns) {
    const bool words = p.view == View::kWords;
    RE2::Set& set = words ? *m->words_set : *m->folded_set;
    std::string error;
    const int index = set.Add(re2::StringPiece(p.regex.data(), p.regex.size()), &error);
    if (index < 0) {
      return Status::InvalidArgument(p.where + ": pattern for " + std::string(SignalName(p.signal)) +
                                     " does not compile: " + error);
    }
    (words ? m->words_signals : m->folded_signals).push_back(p.signal);
  }
  if (!m->words_signals.empty() && !m->words_set->Compile()) {
    return Status::Internal("screening word patterns do not compile as a set");
  }
  if (!m->folded_signals.empty() && !m->folded_set->Compile()) {
    return Status::Internal("screening link patterns do not compile as a set");
  }
  return std::unique_ptr<SignalMatcher>(new SignalMatcher(std::move(m)));
}

Result<std::unique_ptr<SignalMatcher>> SignalMatcher::CreateDefault() {
  const std::vector<PatternSpec> all = AllPatterns();
  return Create(all);
}

SignalSet SignalMatcher::Match(const NormalizedText& text) const {
  SignalSet found;
  std::vector<int> hits;
  auto scan = [&](const RE2::Set& set, const std::vector<Signal>& signals, const std::string& view) {
    if (signals.empty()) return;
    hits.clear();
    if (!set.Match(view, &hits)) return;  // no match (or out of memory: see header)
    for (int index : hits) found.Add(signals[static_cast<size_t>(index)]);
  };
  scan(*sets_->words_set, sets_->words_signals, text.words);
  // Prefilter: every kFolded pattern needs a '.' or ':' (a URL or domain;
  // enforced by signal_matcher_test), so most chat messages skip this scan.
  if (text.folded.find_first_of(".:") != std::string::npos) {
    scan(*sets_->folded_set, sets_->folded_signals, text.folded);
  }
  return found;
}

}  // namespace zicht::screen

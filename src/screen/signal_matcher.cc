#include "screen/signal_matcher.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

namespace zicht::screen {
namespace {

// Memory budget of each compiled set. The sets hold a few hundred short
// patterns and their lazily built DFA stays far below this; the budget only
// bounds a pathological case.
constexpr int64_t kSetMaxMem = int64_t{64} << 20;

RE2::Options MatchOptions() {
  RE2::Options options;
  // Latin-1: the patterns are ASCII (signal_config.cc checks), and a word gap
  // "[^ ]+" in UTF-8 mode makes the DFA decode multi-byte letters in every
  // state. Both binaries run at once, one per core, 3 s each, four rounds:
  // 49,561-54,474 messages per CPU-second in Latin-1 mode against
  // 45,630-51,441 in UTF-8 mode (+7.6 % on average). Text bytes of other
  // scripts still match "[^ ]" and literal byte sequences alike.
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_case_sensitive(true);  // the views are already case-folded
  options.set_log_errors(false);
  options.set_max_mem(kSetMaxMem);
  return options;
}

std::unique_ptr<RE2::Set> NewSet() { return std::make_unique<RE2::Set>(MatchOptions(), RE2::UNANCHORED); }

// A word gap as ExpandGaps (signal_config.cc) writes {gapN}.
constexpr std::string_view kExpandedGap = "(?:[^ ]+ ){0,";

// What an index of the words set stands for.
enum class Role { kWhole, kHead, kTail };

}  // namespace

GapSplit SplitAtGaps(std::string_view regex) {
  const size_t first = regex.find(kExpandedGap);
  const size_t last = regex.rfind(kExpandedGap);
  if (first == std::string_view::npos || first == 0) return {};
  const size_t last_close = regex.find('}', last);
  if (last_close == std::string_view::npos || last_close + 1 >= regex.size()) return {};
  int depth = 0;
  for (size_t i = 0; i < regex.size(); ++i) {
    if ((i == first || i == last) && depth != 0) return {};  // a gap inside a group
    const char c = regex[i];
    if (c == '\\') {
      ++i;  // an escaped character is a literal
    } else if (c == '[') {
      // A class ends at the first ']' that is not its first member.
      size_t j = i + 1;
      if (j < regex.size() && regex[j] == '^') ++j;
      if (j < regex.size() && regex[j] == ']') ++j;
      while (j < regex.size() && regex[j] != ']') j += regex[j] == '\\' ? 2 : 1;
      i = j;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return {};  // an alternative of the whole pattern need not contain the head
    }
  }
  return {regex.substr(0, first), regex.substr(last_close + 1)};
}

struct SignalMatcher::Sets {
  struct Entry {
    Signal signal;
    Role role;
    int tail = -1;               // kHead: index of its tail in the words set
    std::unique_ptr<RE2> whole;  // kHead: the whole pattern
  };
  std::unique_ptr<RE2::Set> words_set = NewSet();
  std::unique_ptr<RE2::Set> folded_set = NewSet();
  std::vector<Entry> words;            // index in words_set → entry
  std::vector<Signal> folded_signals;  // index in folded_set → signal
  size_t patterns = 0;
  size_t split = 0;
};

SignalMatcher::SignalMatcher(std::unique_ptr<Sets> sets) : sets_(std::move(sets)) {}
SignalMatcher::~SignalMatcher() = default;

size_t SignalMatcher::pattern_count() const { return sets_->patterns; }
size_t SignalMatcher::split_pattern_count() const { return sets_->split; }

std::vector<PatternSpec> AllPatterns() {
  auto config = BuiltinSignalConfig();
  return config.ok() ? config->patterns : std::vector<PatternSpec>{};
}

Result<std::unique_ptr<SignalMatcher>> SignalMatcher::Create(std::span<const PatternSpec> patterns) {
  auto m = std::make_unique<Sets>();
  for (const PatternSpec& p : patterns) {
    auto error = [&p](const std::string& why) {
      return Status::InvalidArgument(p.where + ": pattern for " + std::string(SignalName(p.signal)) +
                                     " does not compile: " + why);
    };
    auto add = [&](RE2::Set& set, std::string_view regex) {
      std::string why;
      const int index = set.Add(re2::StringPiece(regex.data(), regex.size()), &why);
      return index < 0 ? Result<int>(error(why)) : Result<int>(index);
    };
    ++m->patterns;
    if (p.view == View::kFolded) {
      ZICHT_RETURN_IF_ERROR(add(*m->folded_set, p.regex).status());
      m->folded_signals.push_back(p.signal);
      continue;
    }
    const GapSplit split = SplitAtGaps(p.regex);
    // A head or tail that does not compile on its own (a quantifier after a
    // gap, say) leaves the pattern whole, and the set names its error.
    if (split.head.empty() || !RE2(split.head, MatchOptions()).ok() || !RE2(split.tail, MatchOptions()).ok()) {
      ZICHT_RETURN_IF_ERROR(add(*m->words_set, p.regex).status());
      m->words.push_back({p.signal, Role::kWhole, -1, nullptr});
      continue;
    }
    // Checked before its head and tail go in, so an error names the pattern
    // as written.
    auto whole = std::make_unique<RE2>(p.regex, MatchOptions());
    if (!whole->ok()) return error(whole->error());
    ZICHT_RETURN_IF_ERROR(add(*m->words_set, split.head).status());
    ZICHT_ASSIGN_OR_RETURN(const int tail, add(*m->words_set, split.tail));
    m->words.push_back({p.signal, Role::kHead, tail, std::move(whole)});
    m->words.push_back({p.signal, Role::kTail, -1, nullptr});
    ++m->split;
  }
  if (!m->words.empty() && !m->words_set->Compile()) {
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
  thread_local std::vector<int> hits;
  hits.clear();
  if (!sets_->words.empty() && sets_->words_set->Match(text.words, &hits)) {
    const auto& words = sets_->words;
    auto entry = [&words](int index) -> const Sets::Entry& { return words[static_cast<size_t>(index)]; };
    // Whole patterns first: a split pattern whose signal is already found
    // costs no second look.
    std::sort(hits.begin(), hits.end(), [&](int a, int b) { return entry(a).role < entry(b).role; });
    for (int index : hits) {
      const Sets::Entry& e = entry(index);
      if (e.role == Role::kTail || found.Has(e.signal)) continue;
      if (e.role == Role::kHead &&
          (std::find(hits.begin(), hits.end(), e.tail) == hits.end() || !RE2::PartialMatch(text.words, *e.whole))) {
        continue;
      }
      found.Add(e.signal);
    }
  }
  // Prefilter: every kFolded pattern needs a '.' or ':' (a URL or domain;
  // enforced by signal_matcher_test), so most chat messages skip this scan.
  if (!sets_->folded_signals.empty() && text.folded.find_first_of(".:") != std::string::npos) {
    hits.clear();
    if (sets_->folded_set->Match(text.folded, &hits)) {
      for (int index : hits) found.Add(sets_->folded_signals[static_cast<size_t>(index)]);
    }
  }
  return found;
}

}  // namespace zicht::screen

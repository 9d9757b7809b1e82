#pragma once
// SignalConfig — everything the screener knows that a fraud helpdesk may
// extend without a rebuild (docs/screening.md, "Signals as data"): the
// patterns, the spelling variants, the rule weights, the brands and the
// learned model, read from the files of data/screening/:
//
//   patterns.tsv   SIGNAL <TAB> words|folded <TAB> RE2 regex ({gap2} {gap4} {gap6})
//   variants.tsv   VARIANT <TAB> CANONICAL
//   weights.tsv    weight | gate | known_sender | safety_advice | floor | cap lines
//   brands.tsv     NAME <TAB> DOMAINS <TAB> TOKENS
//   model.tsv      the learned classifier (linear_model.h)
//
// The shipped files are compiled into the binary (embed_signals.cmake), so
// BuiltinSignalConfig() needs no file. LoadSignalConfig(DIR) reads the files
// found in DIR and takes the built-in version of any file DIR lacks.
//
// Every file is validated on load: an error is kInvalidArgument naming file,
// line and column ("patterns.tsv:12:14: regex does not compile: missing )").
// Plain values; thread-safe once built (no mutation).
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "screen/signal.h"

namespace zicht::screen {

enum class View : uint8_t { kWords, kFolded };

struct PatternSpec {
  Signal signal = Signal::kNewNumber;
  View view = View::kWords;
  std::string regex;  // {gapN} already expanded
  std::string where;  // "patterns.tsv:12", for errors
};

struct SpellingVariant {
  std::string variant;
  std::string canonical;
};

struct LabelRule {
  Label label = Label::kNone;
  std::array<double, kSignalCount> weights{};  // indexed by Signal
  std::vector<SignalSet> gates;                // each needs one signal present
  double known_sender_factor = 1;
  double safety_advice_factor = 1;
};

//! floor: score >= `score` and label `label` (kNone: keep the rule label);
//! cap: score <= `score`. Applies when all of `present` are present and none
//! of `absent` is.
struct ScoreRule {
  bool is_floor = true;
  Label label = Label::kNone;
  double score = 0;
  SignalSet present;
  SignalSet absent;
};

struct Brand {
  std::string name;
  std::vector<std::string> domains;  // registrable domains, lower case
  std::vector<std::string> tokens;   // lower case
};

struct SignalConfig {
  std::vector<PatternSpec> patterns;
  std::vector<SpellingVariant> variants;
  std::array<LabelRule, 3> rules;  // hulpvraagfraude, phishing, bankhelpdeskfraude
  std::vector<ScoreRule> score_rules;
  std::vector<Brand> brands;
  std::string model_text;  // model.tsv, parsed by LinearModel::Parse
  std::string source;      // "built-in" or the directory read
};

//! The file names, in load order.
inline constexpr std::array<std::string_view, 5> kSignalFiles{"patterns.tsv", "variants.tsv", "weights.tsv",
                                                              "brands.tsv", "model.tsv"};

//! Parses one set of file contents (name → text; every name of kSignalFiles
//! must be present). Regexes are checked for RE2 syntax here.
Result<SignalConfig> ParseSignalConfig(const std::map<std::string, std::string, std::less<>>& files);

//! The shipped files of data/screening/, compiled in.
Result<SignalConfig> BuiltinSignalConfig();

//! The files of `dir`; a file `dir` lacks is taken from the built-in set. An
//! unreadable directory is kNotFound naming it.
Result<SignalConfig> LoadSignalConfig(const std::string& dir);

//! The built-in text of one of kSignalFiles (for tests and the fuzz target).
std::string_view BuiltinSignalFile(std::string_view name);

}  // namespace zicht::screen

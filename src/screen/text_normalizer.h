#pragma once
// TextNormalizer — turns a raw chat message into the two views the pattern
// sets are written against. Built once; thread-safe after construction (all
// state is read-only; ICU's NFD instance is a shared immutable singleton).
//
// Why two views:
//   * `folded` keeps punctuation so links stay intact ("ing-veilig.nl/pas"),
//     for the link patterns.
//   * `words` is a list of canonical words separated by single spaces, so the
//     word patterns need not know about punctuation, emoji, capitals,
//     diacritics or chat spellings ("Hoi MAMA!! 😢 dit is m'n nw nr" →
//     "hoi mam dit is mijn nieuwe nummer").
//
// Steps, per code point (ICU):
//   1. Invalid UTF-8 → space. Unicode white space → space.
//   2. NFD decomposition, then every combining mark (Mn, Mc, Me) is dropped:
//      "één" → "een", "café" → "cafe".
//   3. Simple case folding (u_foldCase): "MAM" → "mam".
//   4. Apostrophes (' ’ ‘ `) are deleted so "m'n" → "mn"; "€" becomes the
//      word "eur"; other symbols and emoji (So, Sk, Sm, Sc, Extended
//      Pictographic) and format characters (ZWJ, variation selectors) become
//      a space; ASCII punctuation is kept in `folded`.
//   5. Runs of white space collapse to one space; ends are trimmed.
// Then, for `words`, every non-alphanumeric ASCII character becomes a
// separator, runs of three or more equal letters collapse to one ("hoiii",
// "mammm"), and each word is replaced by its canonical spelling
// (variants.tsv, signal_config.h).
//
// Cost: one pass over the input plus one hash lookup per word; no ICU
// allocation on the ASCII path.
#include <memory>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/result.h"
#include "screen/signal_config.h"

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace zicht::screen {

struct NormalizedText {
  std::string folded;  // case-folded, no diacritics/emoji, punctuation kept
  std::string words;   // canonical words separated by one space
};

class TextNormalizer {
 public:
  //! Fails (kInternal) only when ICU's normalisation data cannot be loaded.
  static Result<std::unique_ptr<TextNormalizer>> Create(const std::vector<SpellingVariant>& variants);
  //! With the built-in variants.tsv.
  static Result<std::unique_ptr<TextNormalizer>> Create();

  TextNormalizer(const TextNormalizer&) = delete;
  TextNormalizer& operator=(const TextNormalizer&) = delete;

  //! Never fails; any byte string (also invalid UTF-8) is accepted.
  NormalizedText Normalize(std::string_view text) const;

  //! Reuses `out`'s buffers (the hot path in Screener::Screen).
  void Normalize(std::string_view text, NormalizedText* out) const;

 private:
  TextNormalizer(const icu::Normalizer2* nfd, const std::vector<SpellingVariant>& variants);
  void Fold(std::string_view text, std::string* out) const;
  void ToWords(std::string_view folded, std::string* out) const;

  const icu::Normalizer2* nfd_;  // not owned; ICU singleton
  std::vector<SpellingVariant> variant_storage_;  // owns what variants_ points into
  // One look-up per word of every message: absl's open-addressing map, not
  // std::unordered_map, whose node chase and hashing were 4.6 % of screening
  // time (screen_bench, perf).
  absl::flat_hash_map<std::string_view, std::string_view> variants_;
  size_t max_variant_length_ = 0;  // longer words skip the lookup
};

}  // namespace zicht::screen

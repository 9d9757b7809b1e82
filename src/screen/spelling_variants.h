#pragma once
// Common Dutch chat spellings and their canonical word, applied word by word
// after case folding and diacritic stripping (text_normalizer.h). Fixed
// table, no state; thread-safe.
//
// Why a table and not longer regexes: the same variants ("nr", "nw", "mn",
// "ff", "mama/mam/ma") occur in many patterns. Mapping them once keeps each
// pattern readable ("nieuwe nummer" covers "nw nr", "nieuw nmr", "nieuwe
// telefoonnummer") and a new variant is one line here, not an edit of every
// pattern. The canonical side may be two words ("kunje" → "kan je").
#include <span>
#include <string_view>

namespace zicht::screen {

struct SpellingVariant {
  std::string_view variant;    // folded, ASCII, runs of 3+ letters already collapsed
  std::string_view canonical;  // what the patterns are written against
};

//! The table; each variant occurs once.
std::span<const SpellingVariant> SpellingVariants();

}  // namespace zicht::screen

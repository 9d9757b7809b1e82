// Links. A scam message needs a place for the victim to go: a look-alike
// site, often on a fresh domain with a cheap TLD or behind a shortener.
// LINK fires on any URL or bare domain; it is weak on its own (genuine
// messages carry links too) and the score combines it with the other signals.
// URL shapes are matched against View::kFolded (punctuation kept); the
// "klik op de link" wording, for messages whose link a forwarder stripped,
// against View::kWords.
#include <array>

#include "screen/patterns.h"

namespace zicht::screen {
namespace {

using S = Signal;

// Top-level domains common in Dutch scam messages and in genuine ones; a
// bare "name.tld" only counts as a link for these, so "nummer.ik" (a missing
// space after a full stop) does not.
#define ZICHT_TLDS                                                                         \
  "(?:nl|com|net|org|info|eu|be|de|uk|fr|xyz|top|online|site|app|me|ly|co|io|shop|link|" \
  "click|live|icu|cc|tk|ml|ga|cf|gq|biz|ru|cn|support|help|services|website|store|vip|"  \
  "club|email|page|to|gl|cloud|digital|tech|web|pro|work|life|world)"

constexpr std::array kPatterns = std::to_array<PatternSpec>({
    {S::kLink, View::kFolded, R"(\b(?:https?://|www\.)[^ ])"},
    {S::kLink, View::kFolded, R"(\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.)" ZICHT_TLDS R"(\b(?:[/?#.:]|$|[ ,;)!]))"},
    {S::kLink, View::kWords, R"(\b(?:klik|tik|druk|open|bezoek)\b (?:[^ ]+ ){0,3}(?:link|linkje|hier|onderstaande link|website)\b)"},
    {S::kLink, View::kWords, R"(\b(?:via|op|in) (?:de|deze|onderstaande|bijgevoegde|volgende) link\b)"},
});

}  // namespace

std::span<const PatternSpec> LinkPatterns() { return kPatterns; }

}  // namespace zicht::screen

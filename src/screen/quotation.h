#pragma once
// Quoted messages: reported speech inside a screened message. A forwarded
// warning quotes the scam it warns about (Let op: 'Hoi mam, dit is mijn
// nieuwe nummer' — trap er niet in); the quoted words are not the sender's
// own, so the screener takes its signals from the text outside the quotes
// (screener.cc) and raises QUOTED_MESSAGE instead.
//
// A quotation opens with a quote mark at the start of a word (' " ‘ “ „ ‚ «)
// and closes at the first quote mark at the end of a word (' " ’ ” “ ‘ »),
// on the same line, within kMaxQuotationBytes, and holds at least
// kMinQuotedWords words. Shorter quotations are names and terms ('ING
// Veiligheid', a 'kluisrekening'), which a scam uses too, and stay in the
// text. Apostrophes inside words (m'n, sms'je, mam's) and Dutch 's / 't
// ('s avonds, 'm, 'n, 't, 'k, 'r) open or close nothing.
//
// Measured on the training messages (corpus train split and blind2–9):
// a quotation of three or more words is in 77 of 447 warnings, 31 of 4,895
// scams (product and company names: 'Wealth Academy NL') and 27 of 4,057
// other benign messages.
//
// Cost: one pass over the bytes, a table look-up each; a message without a
// quotation is not copied. With the second match of a quoting message
// (screener.cc) about 3 % of screening time on the corpus, measured side by
// side (docs/screening.md, "Speed"). Thread-safe (pure function).
#include <string>
#include <string_view>

namespace zicht::screen {

inline constexpr size_t kMaxQuotationBytes = 600;
inline constexpr int kMinQuotedWords = 3;

//! Writes `text` without its quoted messages (each replaced by one space) to
//! `*outside` and returns true, or returns false (and leaves `*outside`
//! alone) when `text` quotes no message.
bool RemoveQuotedMessages(std::string_view text, std::string* outside);

}  // namespace zicht::screen

#pragma once
// The pattern tables, one file per signal family: help_request_patterns.cc,
// payment_patterns.cc, impersonation_patterns.cc, link_patterns.cc. Fixed
// tables, no state; thread-safe.
//
// Each pattern is an RE2 regular expression that proves one signal. All
// patterns of all families are compiled into RE2::Sets (signal_matcher.h),
// so a message is scanned once per view, however many patterns there are.
//
// How to write a pattern:
//   * Against View::kWords: lower case, no diacritics, no punctuation, one
//     space between words, chat spellings already canonical (see
//     spelling_variants.cc: write "nieuwe nummer", not "nw nr"). Use \b
//     for word edges and kGap*-style word windows ("(?:[^ ]+ ){0,4}" = up to
//     four words in between) rather than ".*", which would let a word at
//     the start match one at the end of a long message.
//   * Against View::kFolded: lower case, no diacritics, punctuation kept —
//     only for what needs punctuation (URLs).
//   * No capturing groups are needed; use (?:...) for readability.
#include <span>
#include <string_view>

#include "screen/signal.h"

namespace zicht::screen {

enum class View : uint8_t { kWords, kFolded };

struct PatternSpec {
  Signal signal;
  View view;
  std::string_view regex;
};

// Up to N words between two parts of a pattern (kWords view).
#define ZICHT_GAP2 "(?:[^ ]+ ){0,2}"
#define ZICHT_GAP4 "(?:[^ ]+ ){0,4}"
#define ZICHT_GAP6 "(?:[^ ]+ ){0,6}"

//! NEW_NUMBER, FAMILY_ADDRESS, BROKEN_PHONE, CANNOT_CALL, SECRECY.
std::span<const PatternSpec> HelpRequestPatterns();
//! URGENCY, PAYMENT_REQUEST, PAYMENT_LINK.
std::span<const PatternSpec> PaymentPatterns();
//! BANK_/AUTHORITY_IMPERSONATION, PARCEL_DELIVERY, ACCOUNT_BLOCKED,
//! SAFE_ACCOUNT, CREDENTIAL_REQUEST, REMOTE_ACCESS, CALLBACK_REQUEST,
//! CARD_PICKUP, SUSPICIOUS_ACTIVITY, SAFETY_ADVICE.
std::span<const PatternSpec> ImpersonationPatterns();
//! LINK.
std::span<const PatternSpec> LinkPatterns();

}  // namespace zicht::screen

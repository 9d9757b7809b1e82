#include "screen/signal.h"

#include <array>

namespace zicht::screen {
namespace {

struct SignalInfo {
  std::string_view name;
  std::string_view description;
};

// Indexed by Signal; keep in declaration order.
constexpr std::array<SignalInfo, kSignalCount> kSignals{{
    {"NEW_NUMBER", "claims a new phone number"},
    {"FAMILY_ADDRESS", "addresses the reader as family (mam, pap, oma, ...)"},
    {"BROKEN_PHONE", "says the old phone is broken, lost or stolen"},
    {"CANNOT_CALL", "says the sender cannot call or be called"},
    {"SECRECY", "asks to keep it secret"},
    {"URGENCY", "puts time pressure on the reader"},
    {"PAYMENT_REQUEST", "asks for money to be paid, transferred or lent"},
    {"PAYMENT_LINK", "contains or promises a payment request or payment link"},
    {"BANK_IMPERSONATION", "speaks as a bank or its security department"},
    {"AUTHORITY_IMPERSONATION", "speaks as a public authority (Belastingdienst, DigiD, CJIB, police)"},
    {"PARCEL_DELIVERY", "speaks as a parcel carrier about a delivery"},
    {"ACCOUNT_BLOCKED", "says an account, card or login is blocked, expiring or must be verified"},
    {"SAFE_ACCOUNT", "asks to move money to a 'safe' account"},
    {"CREDENTIAL_REQUEST", "asks for codes, PIN, passwords or login details"},
    {"REMOTE_ACCESS", "asks to install a remote-access app"},
    {"CALLBACK_REQUEST", "asks the reader to call a number back"},
    {"CARD_PICKUP", "announces that a courier will collect the bank card"},
    {"SUSPICIOUS_ACTIVITY", "claims suspicious transactions or logins on the reader's account"},
    {"REFUND_LURE", "promises money: a refund, allowance, prize or cashback waiting to be claimed"},
    {"LINK", "contains a link"},
    {"UNKNOWN_SENDER", "the sender is not a known contact"},
    {"SAFETY_ADVICE", "warns about fraud or gives safety advice (we never ask for your PIN); lowers the score"},
    {"LOOKALIKE_DOMAIN", "links to a domain that imitates a brand (brand name, typo, homoglyph or punycode)"},
    {"OFFICIAL_DOMAIN", "links to a brand's own domain (from the brands file); lowers the score"},
    {"KNOWN_FRAUD_IDENTIFIER", "names an IBAN, phone number, URL or e-mail address that is known in Zicht"},
    {"CODE_FORWARDING", "asks to forward a verification code 'sent by mistake' (account takeover)"},
    {"TEST_PAYMENT", "asks for a tiny 'verification' payment (1 cent) through a link"},
    {"BANK_ACCESS_PROBLEM", "says the sender cannot reach their own bank account (app blocked, card refused, no login)"},
    {"QUOTED_MESSAGE", "quotes a message of three or more words (a warning or forward); signals inside the quotes do not count"},
}};

constexpr std::array<std::string_view, kLabelCount> kLabels{
    "none", "hulpvraagfraude", "phishing", "bankhelpdeskfraude"};

}  // namespace

std::string_view SignalName(Signal signal) { return kSignals[static_cast<int>(signal)].name; }

std::string_view SignalDescription(Signal signal) {
  return kSignals[static_cast<int>(signal)].description;
}

std::optional<Signal> ParseSignal(std::string_view name) {
  for (int i = 0; i < kSignalCount; ++i) {
    if (kSignals[i].name == name) return static_cast<Signal>(i);
  }
  return std::nullopt;
}

std::string_view LabelName(Label label) { return kLabels[static_cast<int>(label)]; }

std::optional<Label> ParseLabel(std::string_view name) {
  for (int i = 0; i < kLabelCount; ++i) {
    if (kLabels[i] == name) return static_cast<Label>(i);
  }
  return std::nullopt;
}

}  // namespace zicht::screen

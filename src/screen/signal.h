#pragma once
// The closed vocabulary of message screening: the explainable signals a
// message can show, and the labels a message can get (docs/design.md, "Message
// screening"). Plain values, no I/O; thread-safe (constants only).
//
// A signal is a fact about the text ("it claims a new number"), never a
// verdict; the score (score.h) turns a set of signals into a label. Every
// code, its meaning and Dutch examples are documented in docs/screening.md.
// The declaration order is the order signals are printed in, and the wire
// names are part of the HTTP contract: append, never reorder or rename.
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace zicht::screen {

enum class Signal : uint8_t {
  // Help-request fraud (hulpvraagfraude). Patterns of every signal: data/screening/patterns.tsv
  kNewNumber,        // "dit is mijn nieuwe nummer"
  kFamilyAddress,    // "hoi mam", "lieve oma"
  kBrokenPhone,      // "mijn telefoon is kapot / in het water gevallen"
  kCannotCall,       // "ik kan nu niet bellen"
  kSecrecy,          // "niet tegen papa zeggen"
  // Pressure and money
  kUrgency,          // "vandaag nog", "met spoed", "binnen 24 uur"
  kPaymentRequest,   // "kun je 850 euro overmaken / voorschieten"
  kPaymentLink,      // "tikkie", "betaalverzoek", a link to pay
  // Impersonation (bank-helpdesk fraud and phishing)
  kBankImpersonation,       // "ING", "fraudeafdeling van uw bank"
  kAuthorityImpersonation,  // "Belastingdienst", "DigiD", "CJIB", "politie"
  kParcelDelivery,          // "PostNL: uw pakket kon niet worden bezorgd"
  kAccountBlocked,          // "uw rekening wordt geblokkeerd", "pas verlopen"
  kSafeAccount,             // "zet uw geld op een veilige rekening"
  kCredentialRequest,       // "geef de code uit de sms door", "pincode"
  kRemoteAccess,            // "installeer AnyDesk"
  kCallbackRequest,         // "bel ons direct terug op 020 ..."
  kCardPickup,              // "een koerier haalt uw pas op"
  kSuspiciousActivity,      // "wij zien verdachte transacties op uw rekening"
  kRefundLure,              // "u heeft recht op een teruggave van 348 euro"
  // Links
  kLink,  // any URL or bare domain
  // Context, not text
  kUnknownSender,  // the sender is not in the contacts (sender_known=false)
  // Damping: lowers every fraud score (score.h)
  kSafetyAdvice,  // "wij vragen u nooit om uw pincode", "pas op voor oplichters"
  // Links checked against the brands file (link_check.h)
  kLookalikeDomain,  // "postnl-bezorging.xyz", "rabobank.nl.nu", "xn--..."
  kOfficialDomain,   // a link on a brand's own registrable domain ("jouw.postnl.nl")
  // The intelligence (identifier_lookup.h)
  kKnownFraudIdentifier,  // an IBAN, phone number, URL or e-mail address known in Zicht
  // Asks for what only a scammer asks for (patterns.tsv)
  kCodeForwarding,     // "stuur die code even door, die was voor mij"
  kTestPayment,        // "maak 1 cent over zodat ik weet dat je echt bent"
  kBankAccessProblem,  // "mijn bankapp is geblokkeerd", "ik kan niet inloggen"
  // Reported speech: the other signals come from the text outside the quotes
  kQuotedMessage,  // Let op: "Hoi mam, dit is mijn nieuwe nummer" is nep (quotation.h)
};
inline constexpr int kSignalCount = static_cast<int>(Signal::kQuotedMessage) + 1;

//! Wire name ("NEW_NUMBER").
std::string_view SignalName(Signal signal);
//! The signal with that wire name, or nullopt.
std::optional<Signal> ParseSignal(std::string_view name);
//! A one-line English explanation, for `zicht screen` tables and docs.
std::string_view SignalDescription(Signal signal);

//! A set of signals; cheap to copy (one word).
class SignalSet {
 public:
  constexpr SignalSet() = default;
  constexpr SignalSet(std::initializer_list<Signal> signals) {
    for (Signal s : signals) Add(s);
  }
  constexpr void Add(Signal s) { bits_ |= Bit(s); }
  constexpr void AddAll(SignalSet other) { bits_ |= other.bits_; }
  constexpr void Remove(Signal s) { bits_ &= ~Bit(s); }
  constexpr bool Has(Signal s) const { return (bits_ & Bit(s)) != 0; }
  //! True when the two sets share a signal.
  constexpr bool Intersects(SignalSet other) const { return (bits_ & other.bits_) != 0; }
  //! Calls f(signal) for each signal in the set, in declaration order.
  template <typename F>
  constexpr void ForEach(F&& f) const {
    for (uint32_t b = bits_; b != 0; b &= b - 1) f(static_cast<Signal>(std::countr_zero(b)));
  }
  //! True when every signal of `other` is in this set.
  constexpr bool ContainsAll(SignalSet other) const { return (bits_ & other.bits_) == other.bits_; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const SignalSet&) const = default;

 private:
  static constexpr uint32_t Bit(Signal s) { return uint32_t{1} << static_cast<int>(s); }
  uint32_t bits_ = 0;
};
static_assert(kSignalCount <= 32, "SignalSet holds at most 32 signals");

enum class Label : uint8_t { kNone, kHulpvraagfraude, kPhishing, kBankhelpdeskfraude };
inline constexpr int kLabelCount = 4;

//! Wire name: "none", "hulpvraagfraude", "phishing", "bankhelpdeskfraude".
std::string_view LabelName(Label label);
std::optional<Label> ParseLabel(std::string_view name);

}  // namespace zicht::screen

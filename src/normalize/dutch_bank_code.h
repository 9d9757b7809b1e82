#pragma once
// The bank codes of Dutch IBANs: characters 5–8 of "NL91ABNA0417164300"
// name the bank that holds the account (the first four letters of its
// BIC). A partner subscribes to alerts for its accounts by this code
// (docs/alerts.md, "Subscriptions"), so a typo ("IGNB") must be refused,
// not silently match nothing.
//
// The table is the Betaalvereniging Nederland list of BIC codes issued for
// Dutch IBANs as known to this build; a bank added later is a new line in
// dutch_bank_code.cc (`zicht subscriptions add` and POST /v1/subscriptions
// list every code in their error).
//
// Thread-safety: read-only constant data.
#include <optional>
#include <span>
#include <string_view>

namespace zicht::normalize {

//! Every known Dutch bank code, sorted.
std::span<const std::string_view> DutchBankCodes();

//! True when `code` (four upper-case letters) is a known Dutch bank code.
bool IsDutchBankCode(std::string_view code);

//! The bank code of a canonical Dutch IBAN ("NL..", 18 characters);
//! nullopt for any other value.
std::optional<std::string_view> DutchBankCodeOf(std::string_view canonical_iban);

}  // namespace zicht::normalize

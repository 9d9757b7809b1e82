#pragma once
// The IBAN countries, their fixed IBAN lengths and the structure of their
// national account part (BBAN), from the SWIFT IBAN Registry (ISO 13616;
// release 98, 2024, which added Honduras and Yemen). Only the registry's own
// countries are listed: territories that use another country's code (e.g.
// the French overseas departments, which issue "FR" IBANs) have no row of
// their own.
//
// A BBAN format is written as in the registry: groups of "<count>!<class>",
// class n = digits 0-9, a = upper-case letters A-Z, c = letters or digits
// ("4!a10!n" for NL: a 4-letter bank code, then 10 digits).
//
// Thread-safety: read-only constant data.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace zicht::normalize {

struct IbanCountry {
  std::string_view code;  // ISO 3166-1 alpha-2, upper case ("NL")
  uint8_t length;         // total IBAN length in characters, country code included
  std::string_view bban;  // BBAN structure in the registry's notation ("4!a10!n")
};

//! Every country in the table, sorted by code.
std::span<const IbanCountry> IbanRegistry();

//! The IBAN length for `country` (two upper-case letters), or nullopt when
//! the country is not in the registry.
std::optional<int> IbanLength(std::string_view country);

//! True when the BBAN of `iban` (upper case, letters and digits, of its
//! country's exact length; the country must be in the registry) has the
//! country's structure: a digit where the format says n, a letter where it
//! says a. One table read per character.
bool BbanMatchesFormat(std::string_view iban);

//! The country's BBAN structure in words, for error messages:
//! "4 letters, then 10 digits" (NL), "18 digits" (DE). Empty when unknown.
std::string DescribeBbanFormat(std::string_view country);

}  // namespace zicht::normalize

#pragma once
// The IBAN countries and their fixed IBAN lengths, from the SWIFT IBAN
// Registry (ISO 13616; SWIFT publishes it as "IBAN Registry", release 98,
// 2024, which added Honduras and Yemen). Only the registry's own countries
// are listed: territories that use another country's code (e.g. the French
// overseas departments, which issue "FR" IBANs) have no row of their own.
//
// Thread-safety: read-only constant data.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace zicht::normalize {

struct IbanCountry {
  std::string_view code;  // ISO 3166-1 alpha-2, upper case ("NL")
  uint8_t length;         // total IBAN length in characters, country code included
};

//! Every country in the table, sorted by code.
std::span<const IbanCountry> IbanRegistry();

//! The IBAN length for `country` (two upper-case letters), or nullopt when
//! the country is not in the registry.
std::optional<int> IbanLength(std::string_view country);

}  // namespace zicht::normalize

#include "normalize/dutch_bank_code.h"

#include <algorithm>
#include <array>

namespace zicht::normalize {
namespace {

// Betaalvereniging Nederland, "BIC-lijst" of the bank codes in Dutch IBANs
// (retail banks such as ABNA, ASNB, BUNQ, INGB, KNAB, RABO, RBRB, SNSB and
// TRIO, and the payment institutions and branches of foreign banks that
// hold Dutch accounts). Sorted: IsDutchBankCode is a binary search.
constexpr std::array<std::string_view, 71> kCodes{{
    "ABNA", "ADYB", "AEGO", "ANDL", "ARBN", "ARSN", "ASNB", "ATBA", "BCDM", "BCIT", "BICK", "BINK",
    "BKCH", "BKMG", "BLGW", "BMEU", "BNDA", "BNGH", "BNPA", "BOFA", "BOFS", "BOTK", "BUNQ", "CHAS",
    "CITC", "CITI", "COBA", "DEUT", "DHBN", "DLBK", "DNIB", "EBUR", "FBHL", "FLOR", "FRGH", "FRNX",
    "FTSB", "FVLB", "GILL", "HAND", "HHBA", "HSBC", "ICBC", "ICBK", "INGB", "ISAE", "ISBK", "KABA",
    "KASA", "KNAB", "KOEX", "KRED", "LOCY", "LOYD", "LPLN", "MHCB", "MOYO", "NNBA", "NWAB", "PCBC",
    "RABO", "RBRB", "REVO", "SNSB", "SOGE", "TEBU", "TRIO", "UBSW", "UGBI", "VOWA", "ZWLB",
}};

}  // namespace

std::span<const std::string_view> DutchBankCodes() { return kCodes; }

bool IsDutchBankCode(std::string_view code) { return std::binary_search(kCodes.begin(), kCodes.end(), code); }

std::optional<std::string_view> DutchBankCodeOf(std::string_view canonical_iban) {
  if (canonical_iban.size() != 18 || !canonical_iban.starts_with("NL")) return std::nullopt;
  return canonical_iban.substr(4, 4);
}

}  // namespace zicht::normalize

#pragma once
// Test-only: three reports for the erasure and retention tests of the
// command line. bank/A and bank/C are linked only through politie/OLD
// (A shares an IBAN with it, C a phone number); OLD alone names
// kSecretIban and carries kSecretText. OLD is dated six years ago, A and C
// a month ago, so a retention of politie = P5Y expires OLD alone.
#include <string>

#include "common/time.h"

namespace zicht::cli {

inline constexpr char kSharedIban[] = "NL91ABNA0417164300";
inline constexpr char kSecretIban[] = "DE89370400440532013000";
inline constexpr char kSecretIbanAsTyped[] = "DE89 3704 0044 0532 0130 00";
inline constexpr char kSecretText[] = "Geheime aangiftetekst van mevrouw Jansen uit Zwolle";

//! reported_at of politie/OLD (six years ago) and of bank/A and bank/C.
inline std::string OldDate() { return FormatDate(SystemClock().Now() - 6 * 366 * 86400); }
inline std::string RecentDate() { return FormatDate(SystemClock().Now() - 30 * 86400); }

inline std::string ErasureReports() {
  std::string recent = RecentDate();
  std::string old = OldDate();
  return std::string(R"({"id":"A","source":"bank","reported_at":")") + recent +
         R"(","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"iban","value":")" + kSharedIban +
         R"("}]})" "\n" R"({"id":"OLD","source":"politie","reported_at":")" + old +
         R"(","fraud_type":"hulpvraagfraude","damage_eur":500,"identifiers":[{"kind":"iban","value":")" +
         kSharedIban + R"("},{"kind":"iban","value":")" + kSecretIbanAsTyped +
         R"("},{"kind":"phone","value":"06-12345678"}],"text":")" + kSecretText + R"("})" "\n"
         R"({"id":"C","source":"bank","reported_at":")" + recent +
         R"(","fraud_type":"hulpvraagfraude","identifiers":[{"kind":"phone","value":"+31612345678"}]})" "\n";
}

}  // namespace zicht::cli

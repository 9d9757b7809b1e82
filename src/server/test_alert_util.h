#pragma once
// Test-only: reports and IBANs for the alert tests (alert_delivery_test.cc,
// alerts_server_test.cc).
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace zicht::server::testing {

//! A valid Dutch IBAN at `bank` with account number `account` (10 digits).
inline std::string DutchIban(const std::string& bank, long long account) {
  char digits[11];
  std::snprintf(digits, sizeof digits, "%010lld", account);
  std::string moved = bank + digits + "NL00";
  int mod = 0;
  for (char c : moved) {
    int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
    mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
  }
  int check = 98 - mod;
  return "NL" + std::string(check < 10 ? "0" : "") + std::to_string(check) + bank + digits;
}

//! One JSON Lines report naming `ibans` in `role`, with a loss when
//! `damage_eur` > 0.
inline std::string ReportLine(const std::string& source, const std::string& id, const std::vector<std::string>& ibans,
                              const std::string& role = "contact", int damage_eur = 0) {
  std::string r = R"({"source":")" + source + R"(","id":")" + id +
                  R"(","reported_at":"2026-12-01","fraud_type":"phishing",)";
  if (damage_eur > 0) r += R"("damage_eur":)" + std::to_string(damage_eur) + ",";
  r += R"("identifiers":[)";
  for (size_t i = 0; i < ibans.size(); ++i) {
    if (i) r += ',';
    r += R"({"kind":"iban","value":")" + ibans[i] + R"(","role":")" + role + R"("})";
  }
  return r + "]}\n";
}

}  // namespace zicht::server::testing

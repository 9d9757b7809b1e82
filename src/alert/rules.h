#pragma once
// The alert rules file (TOML; docs/alerts.md, "Rules"): which events raise
// an alert to the partner that holds an identifier, and how webhooks are
// retried. The shipped defaults (data/alerts/default.toml) are compiled in;
// `--alert-rules FILE` replaces them.
//
// Errors: a malformed file, an unknown section or key, or a value out of
// range is kInvalidArgument as "FILE:LINE:COL: message", like the barrier
// rules (barrier/rules.h).
//
// Thread-safety: AlertRules is a plain value.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace zicht::alert {

//! Rule names as they appear in alerts and the rules file.
inline constexpr std::string_view kRuleBeneficiaryLoss = "beneficiary_loss";
inline constexpr std::string_view kRuleReports = "reports";
inline constexpr std::string_view kRuleMuleCandidate = "mule_candidate";
inline constexpr std::string_view kRulePriorityCluster = "priority_cluster";
inline constexpr std::string_view kRuleDisputed = "disputed";
inline constexpr std::string_view kRuleCleared = "cleared";  // raised by the `disputed` rule on an upheld dispute

struct DeliveryPolicy {
  int64_t timeout_ms = 5000;        // per attempt: connect, send and answer
  int64_t first_retry_ms = 1000;    // wait after the first failure
  int64_t max_retry_ms = 3600000;   // the back-off's cap
  int64_t max_attempts = 20;        // then the alert is left to the pull feed

  //! The wait after the `attempts`-th failed attempt (1-based):
  //! first_retry_ms · 2^(attempts−1), at most max_retry_ms.
  int64_t BackoffMs(int64_t attempts) const;
};

struct AlertRules {
  std::string source;  // file name, or "built-in"
  bool beneficiary_loss = true;
  bool reports = true;
  int64_t min_reports = 3;
  int64_t min_sources = 1;
  bool mule_candidate = true;
  bool priority_cluster = true;
  int64_t priority_top = 10;
  bool disputed = true;
  DeliveryPolicy delivery;
};

//! Parses rules from `text`; `source` names it in errors.
Result<AlertRules> ParseAlertRules(std::string_view text, std::string_view source);

//! Reads and parses `path`; empty `path`: the built-in defaults. kIOError
//! when the file cannot be read.
Result<AlertRules> LoadAlertRules(const std::string& path);

//! The text of data/alerts/default.toml, compiled in.
std::string_view DefaultAlertRulesText();

}  // namespace zicht::alert

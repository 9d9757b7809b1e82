#pragma once
// Mapping from Status to the process exit code and the one place errors are
// printed for the user (docs/design.md, "Command line": 0 success — also when some
// lines were rejected —, 1 a failure to do the job, 2 wrong usage).
#include "common/status.h"

namespace zicht::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

//! Prints "zicht <command>: <message>" to stderr when !status.ok() and
//! returns the exit code: 0 for OK, 2 when `usage_error` is true, else 1.
int ReportStatus(const char* command, const Status& status, bool usage_error = false);

}  // namespace zicht::cli

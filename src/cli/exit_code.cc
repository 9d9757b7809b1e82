#include "cli/exit_code.h"

#include <cstdio>

namespace zicht::cli {

int ReportStatus(const char* command, const Status& status, bool usage_error) {
  if (status.ok()) return kExitOk;
  std::fprintf(stderr, "zicht %s: %s\n", command, status.message().c_str());
  return usage_error ? kExitUsage : kExitFailure;
}

}  // namespace zicht::cli

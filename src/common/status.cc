#include "common/status.h"

#include <cstdio>
#include <cstdlib>

#include "common/result.h"

namespace zicht {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIOError: return "io_error";
    case StatusCode::kUnauthorized: return "unauthorized";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kTooLarge: return "too_large";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string m(context);
  m += ": ";
  m += message_;
  return Status(code_, std::move(m));
}

namespace internal {

void DieOnBadResultAccess(const Status& status) {
  std::fprintf(stderr, "zicht: Result::value() called on an error: %s\n", status.ToString().c_str());
  std::abort();
}

}  // namespace internal

}  // namespace zicht

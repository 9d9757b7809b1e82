#pragma once
// zicht::Status — the outcome of an operation that can fail.
//
// Failure is routine in Zicht (rejected lines, invalid IBANs, unknown
// clusters, bad request bodies), so errors are values, not exceptions: a
// Status is OK or a code plus a human-readable message that names the field
// or line at fault. Codes map to exit codes only in cli/ and to HTTP statuses
// only in server/.
//
// Thread-safety: a Status is a plain value; distinct objects may be used from
// different threads freely.
#include <string>
#include <string_view>
#include <utility>

namespace zicht {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // input from a user, file or request is wrong
  kNotFound,          // the thing asked for does not exist
  kCorruption,        // stored data is inconsistent
  kIOError,           // the OS or the database failed
  kUnauthorized,      // no or wrong credentials
  kPermissionDenied,  // credentials fine, right missing
  kTooLarge,          // input over a configured limit
  kInternal,          // a bug in Zicht
};

//! Stable lower-case name of a code ("invalid_argument"), used in JSON errors.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Unauthorized(std::string m) { return {StatusCode::kUnauthorized, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsInvalidArgument() const { return code_ == StatusCode::kInvalidArgument; }

  //! "invalid_argument: IBAN check digits do not match"; "ok" for OK.
  std::string ToString() const;

  //! Returns a copy whose message is prefixed with `context` + ": ".
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace zicht

// Returns early from the enclosing function when `expr` is not OK.
#define ZICHT_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::zicht::Status zicht_status_ = (expr);  \
    if (!zicht_status_.ok()) return zicht_status_; \
  } while (0)

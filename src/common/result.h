#pragma once
// zicht::Result<T> — a value of T, or the Status that explains why there is none.
//
// The C++20 stand-in for std::expected. A Result is never OK-without-value:
// constructing one from an OK Status is a programming error (it becomes
// kInternal). Access value() only when ok(); that is a REQUIRES, checked in
// every build (release builds define NDEBUG, so `assert` would check
// nothing): misuse aborts with the Status it ignored, instead of reading an
// empty optional. The check is one predictable branch.
#include <optional>
#include <utility>

#include "common/status.h"

namespace zicht {

namespace internal {
//! Prints "Result::value() on an error: <status>" to stderr and aborts.
[[noreturn]] void DieOnBadResultAccess(const Status& status);
}  // namespace internal

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::Internal("Result built from an OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  const T& value() const& { CheckOk(); return *value_; }
  T& value() & { CheckOk(); return *value_; }
  T&& value() && { CheckOk(); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  void CheckOk() const {
    if (!value_.has_value()) [[unlikely]] internal::DieOnBadResultAccess(status_);
  }

  std::optional<T> value_;
  Status status_;  // OK when value_ is set
};

}  // namespace zicht

// Assigns the value of a Result expression to `lhs`, or returns its Status.
#define ZICHT_CONCAT_INNER_(a, b) a##b
#define ZICHT_CONCAT_(a, b) ZICHT_CONCAT_INNER_(a, b)
#define ZICHT_ASSIGN_OR_RETURN(lhs, expr) \
  ZICHT_ASSIGN_OR_RETURN_IMPL_(ZICHT_CONCAT_(zicht_result_, __LINE__), lhs, expr)
#define ZICHT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

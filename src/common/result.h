#pragma once
// zicht::Result<T> — a value of T, or the Status that explains why there is none.
//
// The C++20 stand-in for std::expected. A Result is never OK-without-value:
// constructing one from an OK Status is a programming error (it becomes
// kInternal). Access value() only when ok(); that is a REQUIRES, checked by
// assert in debug builds.
#include <cassert>
#include <optional>
#include <utility>

#include "common/status.h"

namespace zicht {

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
  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
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

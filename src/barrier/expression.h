#pragma once
// The condition language of custom barriers in the rules file, e.g.
//
//   amount > 2500 and beneficiary.new and hour in 0..6
//
// Safe by construction: no loops, no calls, no assignment; only the fields
// listed in kFieldNames, literals, arithmetic (+ - * /), comparisons
// (< <= > >= == !=), `x in a..b` (inclusive range), and/or/not and
// parentheses. Types are checked at compile time (numbers, booleans, strings;
// strings only compare with == and !=), so a loaded rule cannot fail at run
// time. See docs/barriers.md for the grammar.
//
// An expression is compiled ONCE, when the rules file is loaded, into a small
// stack-machine program; Evaluate() runs that program over a Facts record
// without allocating. Evaluation is deterministic: x / 0 is 0. By phase:
// expression_lexer.{h,cc} (tokens), expression_compiler.cc (parse, type
// check and emit, one pass), expression.cc (the interpreter).
//
// Thread-safety: a compiled Expression is immutable; Evaluate() is const and
// may run concurrently.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/enum_names.h"

namespace zicht::barrier {

//! Everything a condition can read: the payment and the account's state just
//! before it. Numbers (euro, hours, minutes), booleans and strings.
enum class Field : uint8_t {
  kAmount,                     // number: payment amount in euro
  kHour,                       // number: hour of day of the payment, 0..23 (UTC)
  kAccountDailyLimit,          // number: daily limit in force now, euro
  kAccountPendingLimit,        // number: raised limit waiting for its cooling-off, euro (0 = none)
  kAccountSpentToday,          // number: euro spent today before this payment
  kMinutesSinceContactChange,  // number: minutes since the last contact change (1e9 = never)
  kMinutesSinceNewDevice,      // number: minutes since a new device appeared (1e9 = never)
  kMinutesSinceLimitChange,    // number: minutes since the last limit change (1e9 = never)
  kBeneficiaryNew,             // bool: first payment to this beneficiary
  kDeviceNew,                  // bool: the payment's device was not seen on the account before
  kBeneficiaryIbanRisk,        // string: none|low|medium|high, from Zicht's index
  kDeviceRisk,                 // string: none|low|medium|high, from Zicht's index
  kChannel,                    // string: the event's channel ("app", "web", …; "" if absent)
};
inline constexpr size_t kFieldCount = 13;
inline constexpr model::EnumNames<Field, kFieldCount> kFieldNames{{
    "amount", "hour", "account.daily_limit", "account.pending_limit", "account.spent_today",
    "minutes_since_contact_change", "minutes_since_new_device", "minutes_since_limit_change",
    "beneficiary.new", "device.new", "beneficiary.iban_risk", "device.risk", "channel"}};

//! "Never happened" for the minutes_since_* fields: larger than any window.
inline constexpr double kNever = 1e9;

enum class ValueType : uint8_t { kNumber, kBool, kString };
ValueType FieldType(Field field);

//! The values an expression reads. Booleans are 0/1 in `number`.
struct Facts {
  std::array<double, kFieldCount> number{};
  std::array<std::string_view, kFieldCount> string{};
};

//! Where and why compilation failed; `offset` is a byte offset into the text.
struct ExpressionError {
  size_t offset = 0;
  std::string message;
};

class Expression;

//! Compiles `text` into `*out` (expression_compiler.cc); used by
//! Expression::Compile, which owns the text the result points into.
bool CompileExpression(std::string_view text, Expression* out, ExpressionError* error);

class Expression {
 public:
  //! Compiles `text`. On failure returns false and fills `*error`.
  static bool Compile(std::string_view text, Expression* out, ExpressionError* error);

  //! REQUIRES: compiled successfully. True when the condition holds.
  bool Evaluate(const Facts& facts) const;

  //! Bit i set when kFieldNames[i] is read (lets the engine skip risk look-ups).
  uint32_t fields_used() const { return fields_used_; }
  const std::string& text() const { return text_; }

  enum class Op : uint8_t {
    kConst, kLoad, kAdd, kSub, kMul, kDiv, kNeg, kLt, kLe, kGt, kGe, kEq, kNe, kNot, kAnd, kOr,
    kInRange, kStrEq, kStrNe,
  };
  //! One instruction. For kStrEq/kStrNe, a/b index a field (is_field) or
  //! strings_ (a constant).
  struct Instr {
    Op op = Op::kConst;
    bool a_is_field = false;
    bool b_is_field = false;
    uint16_t a = 0;
    uint16_t b = 0;
    double value = 0;
  };
  //! Deepest stack any program may need; deeper expressions are rejected.
  static constexpr size_t kMaxStack = 32;

 private:
  friend class ExpressionCompiler;
  std::string text_;
  std::vector<Instr> code_;
  std::vector<std::string> strings_;
  uint32_t fields_used_ = 0;
};

}  // namespace zicht::barrier

// The interpreter of the barrier condition language: Evaluate() runs the
// stack-machine code that expression_compiler.cc emits (expression.h has the
// language and the instruction set).
#include "barrier/expression.h"

#include <cstdint>
#include <string>

namespace zicht::barrier {

// Packed limits: fields_used() is a 32-bit mask with one bit per field, an
// operand names a field in a uint16_t, and the field table must name every
// Field (kChannel is the last one).
static_assert(kFieldCount <= 32, "fields_used_ has one bit per field: widen it before adding a 33rd");
static_assert(kFieldCount <= UINT16_MAX, "Instr::a/b and Operand::ref hold a field index");
static_assert(static_cast<size_t>(Field::kChannel) + 1 == kFieldCount, "kFieldCount must count every Field");

ValueType FieldType(Field field) {
  switch (field) {
    case Field::kBeneficiaryNew:
    case Field::kDeviceNew:
      return ValueType::kBool;
    case Field::kBeneficiaryIbanRisk:
    case Field::kDeviceRisk:
    case Field::kChannel:
      return ValueType::kString;
    default:
      return ValueType::kNumber;
  }
}

bool Expression::Compile(std::string_view text, Expression* out, ExpressionError* error) {
  *out = Expression();
  out->text_ = std::string(text);
  // Compile against the copy so string constants do not dangle.
  if (!CompileExpression(out->text_, out, error)) {
    *out = Expression();
    return false;
  }
  return true;
}

bool Expression::Evaluate(const Facts& facts) const {
  double stack[kMaxStack];
  size_t top = 0;  // number of values on the stack
  auto str = [&](bool is_field, uint16_t ref) -> std::string_view {
    return is_field ? facts.string[ref] : std::string_view(strings_[ref]);
  };
  for (const Instr& in : code_) {
    switch (in.op) {
      case Op::kConst: stack[top++] = in.value; break;
      case Op::kLoad: stack[top++] = facts.number[in.a]; break;
      case Op::kAdd: --top; stack[top - 1] += stack[top]; break;
      case Op::kSub: --top; stack[top - 1] -= stack[top]; break;
      case Op::kMul: --top; stack[top - 1] *= stack[top]; break;
      case Op::kDiv: --top; stack[top - 1] = stack[top] == 0 ? 0 : stack[top - 1] / stack[top]; break;
      case Op::kNeg: stack[top - 1] = -stack[top - 1]; break;
      case Op::kLt: --top; stack[top - 1] = stack[top - 1] < stack[top]; break;
      case Op::kLe: --top; stack[top - 1] = stack[top - 1] <= stack[top]; break;
      case Op::kGt: --top; stack[top - 1] = stack[top - 1] > stack[top]; break;
      case Op::kGe: --top; stack[top - 1] = stack[top - 1] >= stack[top]; break;
      case Op::kEq: --top; stack[top - 1] = stack[top - 1] == stack[top]; break;
      case Op::kNe: --top; stack[top - 1] = stack[top - 1] != stack[top]; break;
      case Op::kNot: stack[top - 1] = stack[top - 1] == 0; break;
      case Op::kAnd: --top; stack[top - 1] = stack[top - 1] != 0 && stack[top] != 0; break;
      case Op::kOr: --top; stack[top - 1] = stack[top - 1] != 0 || stack[top] != 0; break;
      case Op::kInRange:
        top -= 2;
        stack[top - 1] = stack[top - 1] >= stack[top] && stack[top - 1] <= stack[top + 1];
        break;
      case Op::kStrEq: stack[top++] = str(in.a_is_field, in.a) == str(in.b_is_field, in.b); break;
      case Op::kStrNe: stack[top++] = str(in.a_is_field, in.a) != str(in.b_is_field, in.b); break;
    }
  }
  return top == 1 && stack[0] != 0;
}

}  // namespace zicht::barrier

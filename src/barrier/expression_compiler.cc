// The compiler of the barrier condition language: parser, type checker and
// code generator (expression.h has the language; expression.cc runs the
// code). They stay one pass on purpose: the type and stack depth of a
// sub-expression are known the moment it is parsed, and a second pass over
// a tree would only rebuild what the parser already knew.
//
// Grammar (precedence from loose to tight):
//   expr    := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | compare
//   compare := sum [ ("<"|"<="|">"|">="|"=="|"!=") sum | "in" sum ".." sum ]
//   sum     := product (("+"|"-") product)*
//   product := sign (("*"|"/") sign)*
//   sign    := "-" sign | primary
//   primary := NUMBER | STRING | "true" | "false" | FIELD | "(" expr ")"
//
// One pass: the recursive-descent parser emits stack-machine code as it goes
// and tracks the type and stack depth of every sub-expression. String values
// never go on the stack (there is no string arithmetic): a string operand is a
// field or constant reference that only a == / != instruction consumes.
#include <algorithm>
#include <cstdint>
#include <string>

#include "barrier/expression.h"
#include "barrier/expression_lexer.h"

namespace zicht::barrier {
namespace {

std::string_view TypeName(ValueType t) {
  return t == ValueType::kNumber ? "a number" : t == ValueType::kBool ? "true/false" : "a string";
}

}  // namespace

class ExpressionCompiler {
 public:
  ExpressionCompiler(std::string_view text, Expression* out, ExpressionError* error)
      : lexer_(text), out_(out), error_(error) {}

  bool Run() {
    lexer_.Next();
    Operand result;
    if (!ParseOr(&result)) return false;
    if (tok().kind == Tok::kError) return Fail(tok().offset, std::string(tok().text));
    if (tok().kind != Tok::kEnd) return Fail(tok().offset, "unexpected '" + std::string(lexer_.TokenText()) + "'");
    if (result.type != ValueType::kBool) {
      return Fail(0, "a condition must be true/false, this is " + std::string(TypeName(result.type)));
    }
    return true;
  }

 private:
  // A compiled sub-expression. Numbers and booleans are on the stack; a
  // string is a reference (field or constant) that is not.
  struct Operand {
    ValueType type = ValueType::kNumber;
    size_t offset = 0;
    bool is_field = false;
    uint16_t ref = 0;
  };

  bool Fail(size_t offset, std::string message) {
    error_->offset = offset;
    error_->message = std::move(message);
    return false;
  }

  // Emits `op`, adjusting the tracked stack depth by `delta`.
  bool Emit(Expression::Instr instr, int delta, size_t offset) {
    depth_ += delta;
    if (depth_ > static_cast<int>(Expression::kMaxStack)) return Fail(offset, "condition nested too deeply");
    out_->code_.push_back(instr);
    return true;
  }
  bool Emit(Expression::Op op, int delta, size_t offset) {
    Expression::Instr instr;
    instr.op = op;
    return Emit(instr, delta, offset);
  }

  bool Expect(const Operand& o, ValueType want, std::string_view context) {
    if (o.type == want) return true;
    return Fail(o.offset, std::string(context) + " needs " + std::string(TypeName(want)) + ", got " +
                              std::string(TypeName(o.type)));
  }

  bool ParseOr(Operand* out) {
    if (!ParseAnd(out)) return false;
    while (lexer_.IsKeyword("or")) {
      if (!Expect(*out, ValueType::kBool, "'or'")) return false;
      size_t at = tok().offset;
      lexer_.Next();
      Operand rhs;
      if (!ParseAnd(&rhs) || !Expect(rhs, ValueType::kBool, "'or'")) return false;
      if (!Emit(Expression::Op::kOr, -1, at)) return false;
    }
    return true;
  }

  bool ParseAnd(Operand* out) {
    if (!ParseNot(out)) return false;
    while (lexer_.IsKeyword("and")) {
      if (!Expect(*out, ValueType::kBool, "'and'")) return false;
      size_t at = tok().offset;
      lexer_.Next();
      Operand rhs;
      if (!ParseNot(&rhs) || !Expect(rhs, ValueType::kBool, "'and'")) return false;
      if (!Emit(Expression::Op::kAnd, -1, at)) return false;
    }
    return true;
  }

  // Recursion guard: "((((…" or "not not not …" must not exhaust the stack.
  static constexpr int kMaxNesting = 64;
  bool Nest(size_t at) {
    if (++nesting_ > kMaxNesting) return Fail(at, "condition nested too deeply");
    return true;
  }

  bool ParseNot(Operand* out) {
    if (lexer_.IsKeyword("not")) {
      size_t at = tok().offset;
      lexer_.Next();
      if (!Nest(at)) return false;
      bool ok = ParseNot(out) && Expect(*out, ValueType::kBool, "'not'");
      --nesting_;
      if (!ok) return false;
      out->offset = at;
      return Emit(Expression::Op::kNot, 0, at);
    }
    return ParseCompare(out);
  }

  bool ParseCompare(Operand* out) {
    if (!ParseSum(out)) return false;
    size_t at = tok().offset;
    if (lexer_.IsKeyword("in")) {
      if (!Expect(*out, ValueType::kNumber, "'in'")) return false;
      lexer_.Next();
      Operand lo, hi;
      if (!ParseSum(&lo) || !Expect(lo, ValueType::kNumber, "a range")) return false;
      if (tok().kind != Tok::kRange) return Fail(tok().offset, "expected '..' in a range like 0..6");
      lexer_.Next();
      if (!ParseSum(&hi) || !Expect(hi, ValueType::kNumber, "a range")) return false;
      out->type = ValueType::kBool;
      return Emit(Expression::Op::kInRange, -2, at);
    }
    Expression::Op op;
    switch (tok().kind) {
      case Tok::kLt: op = Expression::Op::kLt; break;
      case Tok::kLe: op = Expression::Op::kLe; break;
      case Tok::kGt: op = Expression::Op::kGt; break;
      case Tok::kGe: op = Expression::Op::kGe; break;
      case Tok::kEq: op = Expression::Op::kEq; break;
      case Tok::kNe: op = Expression::Op::kNe; break;
      default: return true;
    }
    lexer_.Next();
    Operand rhs;
    if (!ParseSum(&rhs)) return false;
    bool equality = op == Expression::Op::kEq || op == Expression::Op::kNe;
    if (out->type != rhs.type) {
      return Fail(rhs.offset, "cannot compare " + std::string(TypeName(out->type)) + " with " +
                                  std::string(TypeName(rhs.type)));
    }
    if (!equality && out->type != ValueType::kNumber) {
      return Fail(at, "only numbers can be ordered with < <= > >=");
    }
    if (out->type == ValueType::kString) {
      Expression::Instr instr;
      instr.op = op == Expression::Op::kEq ? Expression::Op::kStrEq : Expression::Op::kStrNe;
      instr.a_is_field = out->is_field;
      instr.a = out->ref;
      instr.b_is_field = rhs.is_field;
      instr.b = rhs.ref;
      out->type = ValueType::kBool;
      return Emit(instr, +1, at);
    }
    out->type = ValueType::kBool;
    return Emit(op, -1, at);
  }

  bool ParseSum(Operand* out) {
    if (!ParseProduct(out)) return false;
    while (tok().kind == Tok::kPlus || tok().kind == Tok::kMinus) {
      auto op = tok().kind == Tok::kPlus ? Expression::Op::kAdd : Expression::Op::kSub;
      size_t at = tok().offset;
      if (!Expect(*out, ValueType::kNumber, "arithmetic")) return false;
      lexer_.Next();
      Operand rhs;
      if (!ParseProduct(&rhs) || !Expect(rhs, ValueType::kNumber, "arithmetic")) return false;
      if (!Emit(op, -1, at)) return false;
    }
    return true;
  }

  bool ParseProduct(Operand* out) {
    if (!ParseSign(out)) return false;
    while (tok().kind == Tok::kStar || tok().kind == Tok::kSlash) {
      auto op = tok().kind == Tok::kStar ? Expression::Op::kMul : Expression::Op::kDiv;
      size_t at = tok().offset;
      if (!Expect(*out, ValueType::kNumber, "arithmetic")) return false;
      lexer_.Next();
      Operand rhs;
      if (!ParseSign(&rhs) || !Expect(rhs, ValueType::kNumber, "arithmetic")) return false;
      if (!Emit(op, -1, at)) return false;
    }
    return true;
  }

  bool ParseSign(Operand* out) {
    if (tok().kind == Tok::kMinus) {
      size_t at = tok().offset;
      lexer_.Next();
      if (!Nest(at)) return false;
      bool ok = ParseSign(out) && Expect(*out, ValueType::kNumber, "'-'");
      --nesting_;
      if (!ok) return false;
      out->offset = at;
      return Emit(Expression::Op::kNeg, 0, at);
    }
    return ParsePrimary(out);
  }

  bool ParsePrimary(Operand* out) {
    out->offset = tok().offset;
    switch (tok().kind) {
      case Tok::kNumber: {
        Expression::Instr instr;
        instr.op = Expression::Op::kConst;
        instr.value = tok().number;
        out->type = ValueType::kNumber;
        lexer_.Next();
        return Emit(instr, +1, out->offset);
      }
      case Tok::kString: {
        if (out_->strings_.size() >= UINT16_MAX) return Fail(out->offset, "too many strings");
        out->type = ValueType::kString;
        out->is_field = false;
        out->ref = static_cast<uint16_t>(out_->strings_.size());
        out_->strings_.emplace_back(tok().text);
        lexer_.Next();
        return true;
      }
      case Tok::kLParen: {
        lexer_.Next();
        if (!Nest(out->offset)) return false;
        bool ok = ParseOr(out);
        --nesting_;
        if (!ok) return false;
        if (tok().kind != Tok::kRParen) return Fail(tok().offset, "expected ')'");
        lexer_.Next();
        return true;
      }
      case Tok::kName: {
        if (tok().text == "true" || tok().text == "false") {
          Expression::Instr instr;
          instr.op = Expression::Op::kConst;
          instr.value = tok().text == "true" ? 1 : 0;
          out->type = ValueType::kBool;
          lexer_.Next();
          return Emit(instr, +1, out->offset);
        }
        auto field = kFieldNames.Parse(tok().text);
        if (!field) {
          if (tok().text == "and" || tok().text == "or" || tok().text == "not" || tok().text == "in") {
            return Fail(tok().offset, "expected a value before '" + std::string(tok().text) + "'");
          }
          return Fail(tok().offset, "unknown field '" + std::string(tok().text) + "' (fields: " +
                                         kFieldNames.Joined() + ")");
        }
        out_->fields_used_ |= 1u << static_cast<unsigned>(*field);
        out->type = FieldType(*field);
        lexer_.Next();
        if (out->type == ValueType::kString) {
          out->is_field = true;
          out->ref = static_cast<uint16_t>(*field);
          return true;
        }
        Expression::Instr instr;
        instr.op = Expression::Op::kLoad;
        instr.a = static_cast<uint16_t>(*field);
        return Emit(instr, +1, out->offset);
      }
      case Tok::kError:
        return Fail(tok().offset, std::string(tok().text));
      case Tok::kEnd:
        return Fail(tok().offset, "condition ends too early");
      default:
        return Fail(tok().offset, "unexpected '" + std::string(lexer_.TokenText()) + "'");
    }
  }

  const Token& tok() const { return lexer_.token(); }

  ExpressionLexer lexer_;
  Expression* out_;
  ExpressionError* error_;
  int depth_ = 0;
  int nesting_ = 0;
};

bool CompileExpression(std::string_view text, Expression* out, ExpressionError* error) {
  return ExpressionCompiler(text, out, error).Run();
}

}  // namespace zicht::barrier

// Compiler and interpreter of the barrier condition language.
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
#include "barrier/expression.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>

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

namespace {

enum class Tok { kEnd, kNumber, kString, kName, kLParen, kRParen, kPlus, kMinus, kStar, kSlash, kLt, kLe, kGt, kGe,
                 kEq, kNe, kRange, kError };

struct Token {
  Tok kind = Tok::kEnd;
  size_t offset = 0;
  std::string_view text;  // names: the name; strings: the contents
  double number = 0;
};

std::string_view TypeName(ValueType t) {
  return t == ValueType::kNumber ? "a number" : t == ValueType::kBool ? "true/false" : "a string";
}

}  // namespace

class ExpressionCompiler {
 public:
  ExpressionCompiler(std::string_view text, Expression* out, ExpressionError* error)
      : text_(text), out_(out), error_(error) {}

  bool Run() {
    Next();
    Operand result;
    if (!ParseOr(&result)) return false;
    if (token_.kind == Tok::kError) return Fail(token_.offset, std::string(token_.text));
    if (token_.kind != Tok::kEnd) return Fail(token_.offset, "unexpected '" + std::string(TokenText()) + "'");
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

  std::string_view TokenText() const {
    if (token_.kind == Tok::kEnd) return "end of condition";
    return text_.substr(token_.offset, std::max<size_t>(1, pos_ - token_.offset));
  }

  void Next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    token_ = Token{};
    token_.offset = pos_;
    if (pos_ >= text_.size()) return;
    char c = text_[pos_];
    // Used after the first character is consumed: looks at the next one.
    auto two = [&](char second) { return pos_ < text_.size() && text_[pos_] == second; };
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t start = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      // A '.' belongs to the number only when a digit follows ("0..6" is 0, .., 6).
      if (pos_ + 1 < text_.size() && text_[pos_] == '.' && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
        ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      }
      std::string digits(text_.substr(start, pos_ - start));
      token_.kind = Tok::kNumber;
      token_.number = std::strtod(digits.c_str(), nullptr);
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos_;
      while (pos_ < text_.size()) {
        char d = text_[pos_];
        bool dot_name = d == '.' && pos_ + 1 < text_.size() &&
                        (std::isalpha(static_cast<unsigned char>(text_[pos_ + 1])) || text_[pos_ + 1] == '_');
        if (!(std::isalnum(static_cast<unsigned char>(d)) || d == '_' || dot_name)) break;
        ++pos_;
      }
      token_.kind = Tok::kName;
      token_.text = text_.substr(start, pos_ - start);
      return;
    }
    if (c == '"' || c == '\'') {
      size_t end = text_.find(c, pos_ + 1);
      if (end == std::string_view::npos) {
        token_.kind = Tok::kError;
        token_.text = "string is not closed";
        pos_ = text_.size();
        return;
      }
      token_.kind = Tok::kString;
      token_.text = text_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      return;
    }
    ++pos_;
    switch (c) {
      case '(': token_.kind = Tok::kLParen; return;
      case ')': token_.kind = Tok::kRParen; return;
      case '+': token_.kind = Tok::kPlus; return;
      case '-': token_.kind = Tok::kMinus; return;
      case '*': token_.kind = Tok::kStar; return;
      case '/': token_.kind = Tok::kSlash; return;
      case '<': if (two('=')) { ++pos_; token_.kind = Tok::kLe; } else { token_.kind = Tok::kLt; } return;
      case '>': if (two('=')) { ++pos_; token_.kind = Tok::kGe; } else { token_.kind = Tok::kGt; } return;
      case '=': if (two('=')) { ++pos_; token_.kind = Tok::kEq; return; } break;
      case '!': if (two('=')) { ++pos_; token_.kind = Tok::kNe; return; } break;
      case '.': if (two('.')) { ++pos_; token_.kind = Tok::kRange; return; } break;
      default: break;
    }
    token_.kind = Tok::kError;
    token_.text = c == '=' ? "use == to compare" : "unexpected character";
  }

  bool IsKeyword(std::string_view word) const { return token_.kind == Tok::kName && token_.text == word; }

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
    while (IsKeyword("or")) {
      if (!Expect(*out, ValueType::kBool, "'or'")) return false;
      size_t at = token_.offset;
      Next();
      Operand rhs;
      if (!ParseAnd(&rhs) || !Expect(rhs, ValueType::kBool, "'or'")) return false;
      if (!Emit(Expression::Op::kOr, -1, at)) return false;
    }
    return true;
  }

  bool ParseAnd(Operand* out) {
    if (!ParseNot(out)) return false;
    while (IsKeyword("and")) {
      if (!Expect(*out, ValueType::kBool, "'and'")) return false;
      size_t at = token_.offset;
      Next();
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
    if (IsKeyword("not")) {
      size_t at = token_.offset;
      Next();
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
    size_t at = token_.offset;
    if (IsKeyword("in")) {
      if (!Expect(*out, ValueType::kNumber, "'in'")) return false;
      Next();
      Operand lo, hi;
      if (!ParseSum(&lo) || !Expect(lo, ValueType::kNumber, "a range")) return false;
      if (token_.kind != Tok::kRange) return Fail(token_.offset, "expected '..' in a range like 0..6");
      Next();
      if (!ParseSum(&hi) || !Expect(hi, ValueType::kNumber, "a range")) return false;
      out->type = ValueType::kBool;
      return Emit(Expression::Op::kInRange, -2, at);
    }
    Expression::Op op;
    switch (token_.kind) {
      case Tok::kLt: op = Expression::Op::kLt; break;
      case Tok::kLe: op = Expression::Op::kLe; break;
      case Tok::kGt: op = Expression::Op::kGt; break;
      case Tok::kGe: op = Expression::Op::kGe; break;
      case Tok::kEq: op = Expression::Op::kEq; break;
      case Tok::kNe: op = Expression::Op::kNe; break;
      default: return true;
    }
    Next();
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
    while (token_.kind == Tok::kPlus || token_.kind == Tok::kMinus) {
      auto op = token_.kind == Tok::kPlus ? Expression::Op::kAdd : Expression::Op::kSub;
      size_t at = token_.offset;
      if (!Expect(*out, ValueType::kNumber, "arithmetic")) return false;
      Next();
      Operand rhs;
      if (!ParseProduct(&rhs) || !Expect(rhs, ValueType::kNumber, "arithmetic")) return false;
      if (!Emit(op, -1, at)) return false;
    }
    return true;
  }

  bool ParseProduct(Operand* out) {
    if (!ParseSign(out)) return false;
    while (token_.kind == Tok::kStar || token_.kind == Tok::kSlash) {
      auto op = token_.kind == Tok::kStar ? Expression::Op::kMul : Expression::Op::kDiv;
      size_t at = token_.offset;
      if (!Expect(*out, ValueType::kNumber, "arithmetic")) return false;
      Next();
      Operand rhs;
      if (!ParseSign(&rhs) || !Expect(rhs, ValueType::kNumber, "arithmetic")) return false;
      if (!Emit(op, -1, at)) return false;
    }
    return true;
  }

  bool ParseSign(Operand* out) {
    if (token_.kind == Tok::kMinus) {
      size_t at = token_.offset;
      Next();
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
    out->offset = token_.offset;
    switch (token_.kind) {
      case Tok::kNumber: {
        Expression::Instr instr;
        instr.op = Expression::Op::kConst;
        instr.value = token_.number;
        out->type = ValueType::kNumber;
        Next();
        return Emit(instr, +1, out->offset);
      }
      case Tok::kString: {
        if (out_->strings_.size() >= UINT16_MAX) return Fail(out->offset, "too many strings");
        out->type = ValueType::kString;
        out->is_field = false;
        out->ref = static_cast<uint16_t>(out_->strings_.size());
        out_->strings_.emplace_back(token_.text);
        Next();
        return true;
      }
      case Tok::kLParen: {
        Next();
        if (!Nest(out->offset)) return false;
        bool ok = ParseOr(out);
        --nesting_;
        if (!ok) return false;
        if (token_.kind != Tok::kRParen) return Fail(token_.offset, "expected ')'");
        Next();
        return true;
      }
      case Tok::kName: {
        if (token_.text == "true" || token_.text == "false") {
          Expression::Instr instr;
          instr.op = Expression::Op::kConst;
          instr.value = token_.text == "true" ? 1 : 0;
          out->type = ValueType::kBool;
          Next();
          return Emit(instr, +1, out->offset);
        }
        auto field = kFieldNames.Parse(token_.text);
        if (!field) {
          if (token_.text == "and" || token_.text == "or" || token_.text == "not" || token_.text == "in") {
            return Fail(token_.offset, "expected a value before '" + std::string(token_.text) + "'");
          }
          return Fail(token_.offset, "unknown field '" + std::string(token_.text) + "' (fields: " +
                                         kFieldNames.Joined() + ")");
        }
        out_->fields_used_ |= 1u << static_cast<unsigned>(*field);
        out->type = FieldType(*field);
        Next();
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
        return Fail(token_.offset, std::string(token_.text));
      case Tok::kEnd:
        return Fail(token_.offset, "condition ends too early");
      default:
        return Fail(token_.offset, "unexpected '" + std::string(TokenText()) + "'");
    }
  }

  std::string_view text_;
  Expression* out_;
  ExpressionError* error_;
  size_t pos_ = 0;
  Token token_;
  int depth_ = 0;
  int nesting_ = 0;
};

bool Expression::Compile(std::string_view text, Expression* out, ExpressionError* error) {
  *out = Expression();
  out->text_ = std::string(text);
  // Compile against the copy so string constants do not dangle.
  ExpressionCompiler compiler(out->text_, out, error);
  if (!compiler.Run()) {
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

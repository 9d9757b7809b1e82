#pragma once
// The lexer of the barrier condition language (expression.h): one token at
// a time, on demand, as the compiler (expression_compiler.h) asks. Numbers,
// 'strings' or "strings", names (dotted: `account.daily_limit`), the
// operators and `..`; an error is a token too (kError, with its message), so
// the compiler reports it at its offset.
//
// Internal to barrier/. Thread-safety: one lexer per compilation.
#include <cstddef>
#include <string_view>

namespace zicht::barrier {

enum class Tok { kEnd, kNumber, kString, kName, kLParen, kRParen, kPlus, kMinus, kStar, kSlash, kLt, kLe, kGt, kGe,
                 kEq, kNe, kRange, kError };

struct Token {
  Tok kind = Tok::kEnd;
  size_t offset = 0;
  std::string_view text;  // names: the name; strings: the contents; errors: the message
  double number = 0;
};

class ExpressionLexer {
 public:
  //! `text` must outlive the lexer (tokens point into it).
  explicit ExpressionLexer(std::string_view text) : text_(text) {}

  //! Reads the next token into token().
  void Next();
  const Token& token() const { return token_; }
  //! The current token's source text, for messages ("end of condition" at the end).
  std::string_view TokenText() const;
  //! True when the current token is the name `word` (keywords are names).
  bool IsKeyword(std::string_view word) const { return token_.kind == Tok::kName && token_.text == word; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
};

}  // namespace zicht::barrier

#include "barrier/expression_lexer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace zicht::barrier {

std::string_view ExpressionLexer::TokenText() const {
  if (token_.kind == Tok::kEnd) return "end of condition";
  return text_.substr(token_.offset, std::max<size_t>(1, pos_ - token_.offset));
}

void ExpressionLexer::Next() {
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

}  // namespace zicht::barrier

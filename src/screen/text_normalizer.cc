#include "screen/text_normalizer.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>


namespace zicht::screen {
namespace {

// A run of at least this many equal letters is chat emphasis ("hoiii",
// "mammm", "dringenddd"), collapsed to one letter. Two is left alone:
// Dutch has real double letters ("nummer", "geen").
constexpr int kEmphasisRun = 3;

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4;
}

constexpr UChar32 kEuroSign = 0x20AC;

// Collects output with at most one space between pieces and none at the ends.
class SpacedWriter {
 public:
  explicit SpacedWriter(std::string* out) : out_(out) {}
  void Space() { pending_space_ = !out_->empty(); }
  void Put(UChar32 c) {
    Flush();
    if (c < 0x80) {
      out_->push_back(static_cast<char>(c));
      return;
    }
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
    if (!error) out_->append(buf, static_cast<size_t>(len));
  }
  void PutWord(std::string_view word) {
    Flush();
    out_->append(word);
  }

 private:
  void Flush() {
    if (pending_space_) out_->push_back(' ');
    pending_space_ = false;
  }
  std::string* out_;
  bool pending_space_ = false;
};

bool IsMark(int8_t type) {
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool IsSeparatorLike(UChar32 c, int8_t type) {
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return true;
  switch (type) {
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_CONTROL_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
    case U_UNASSIGNED:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<std::unique_ptr<TextNormalizer>> TextNormalizer::Create() {
  ZICHT_ASSIGN_OR_RETURN(SignalConfig config, BuiltinSignalConfig());
  return Create(config.variants);
}

Result<std::unique_ptr<TextNormalizer>> TextNormalizer::Create(const std::vector<SpellingVariant>& variants) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) {
    return Status::Internal(std::string("ICU NFD data unavailable: ") + u_errorName(status));
  }
  return std::unique_ptr<TextNormalizer>(new TextNormalizer(nfd, variants));
}

TextNormalizer::TextNormalizer(const icu::Normalizer2* nfd, const std::vector<SpellingVariant>& variants)
    : nfd_(nfd), variant_storage_(variants) {
  for (const SpellingVariant& v : variant_storage_) {
    variants_.emplace(v.variant, v.canonical);
    max_variant_length_ = std::max(max_variant_length_, v.variant.size());
  }
}

NormalizedText TextNormalizer::Normalize(std::string_view text) const {
  NormalizedText out;
  Normalize(text, &out);
  return out;
}

void TextNormalizer::Normalize(std::string_view text, NormalizedText* out) const {
  Fold(text, &out->folded);
  ToWords(out->folded, &out->words);
}

void TextNormalizer::Fold(std::string_view text, std::string* out) const {
  out->clear();
  out->reserve(text.size());
  SpacedWriter w(out);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  icu::UnicodeString decomposition;
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {  // invalid UTF-8
      w.Space();
      continue;
    }
    if (c < 0x80) {  // ASCII fast path: no ICU call
      const auto b = static_cast<unsigned char>(c);
      if (IsAsciiAlnum(b)) {
        w.Put(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      } else if (IsApostrophe(c)) {
        continue;
      } else if (b <= ' ' || b == 0x7F) {
        w.Space();
      } else {
        w.Put(b);  // ASCII punctuation stays for the link patterns
      }
      continue;
    }
    if (IsApostrophe(c)) continue;
    if (c == kEuroSign) {
      w.Space();
      w.PutWord("eur");
      w.Space();
      continue;
    }
    const int8_t type = u_charType(c);
    if (IsMark(type) || type == U_FORMAT_CHAR) continue;  // ZWJ, FE0F, lone accents
    if (u_isUWhiteSpace(c) || IsSeparatorLike(c, type)) {
      w.Space();
      continue;
    }
    if (nfd_->getDecomposition(c, decomposition)) {
      for (int32_t k = 0; k < decomposition.length();) {
        const UChar32 d = decomposition.char32At(k);
        k += U16_LENGTH(d);
        if (IsMark(u_charType(d))) continue;
        w.Put(u_foldCase(d, U_FOLD_CASE_DEFAULT));
      }
    } else {
      w.Put(u_foldCase(c, U_FOLD_CASE_DEFAULT));
    }
  }
}

void TextNormalizer::ToWords(std::string_view folded, std::string* out) const {
  out->clear();
  out->reserve(folded.size());
  SpacedWriter w(out);
  // Words are views into `folded`; only a word with an emphasis run is
  // copied (into `collapsed`), so the common path does not allocate.
  std::string collapsed;
  auto flush = [&](size_t begin, size_t end) {
    if (begin == end) return;
    std::string_view word = folded.substr(begin, end - begin);
    for (size_t k = 0; k + kEmphasisRun <= word.size(); ++k) {
      if (word[k] >= 'a' && word[k] <= 'z' && word[k + 1] == word[k] && word[k + 2] == word[k]) {
        collapsed.clear();
        for (size_t j = 0; j < word.size();) {
          size_t run = 1;
          while (j + run < word.size() && word[j + run] == word[j]) ++run;
          const bool letter = word[j] >= 'a' && word[j] <= 'z';
          collapsed.append(letter && run >= static_cast<size_t>(kEmphasisRun) ? 1 : run, word[j]);
          j += run;
        }
        word = collapsed;
        break;
      }
    }
    if (word.size() <= max_variant_length_) {
      auto it = variants_.find(word);
      if (it != variants_.end()) word = it->second;
    }
    w.Space();
    w.PutWord(word);
    w.Space();
  };
  size_t begin = 0;
  for (size_t k = 0; k < folded.size(); ++k) {
    const auto b = static_cast<unsigned char>(folded[k]);
    if (b < 0x80 && !IsAsciiAlnum(b)) {
      flush(begin, k);
      begin = k + 1;
    }
  }
  flush(begin, folded.size());
}

}  // namespace zicht::screen

#include "screen/link_check.h"

#include <re2/re2.h>
#include <unicode/idna.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>

#include "normalize/registrable_domain.h"

namespace zicht::screen {
namespace {

bool IsAsciiAlpha(char c) { return c >= 'a' && c <= 'z'; }

// Whether a and b are at most one edit apart (Levenshtein distance <= 1:
// one letter replaced, inserted or dropped), in one pass without the
// distance table: it runs for every brand token against every label part of
// every link.
bool AtMostOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one letter more at the end
  // First difference: skip it in b (insertion) or in both (replacement).
  const std::string_view rest_a = a.substr(a.size() == b.size() ? i + 1 : i);
  return rest_a == b.substr(i + 1);
}

// Digits and letter pairs that stand in for letters in look-alike domains.
std::string UndoHomoglyphs(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == 'r' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += 'm';
      ++i;
    } else if (c == 'v' && i + 1 < s.size() && s[i + 1] == 'v') {
      out += 'w';
      ++i;
    } else {
      switch (c) {
        case '0': out += 'o'; break;
        case '1': out += 'l'; break;
        case '3': out += 'e'; break;
        case '4': out += 'a'; break;
        case '5': out += 's'; break;
        default: out += c;
      }
    }
  }
  return out;
}

// Cyrillic and Greek letters that look like Latin ones.
char ConfusableToAscii(UChar32 c) {
  switch (c) {
    case 0x0430: case 0x03B1: return 'a';
    case 0x0432: return 'b';
    case 0x0441: case 0x03F2: return 'c';
    case 0x0501: return 'd';
    case 0x0435: case 0x03B5: return 'e';
    case 0x0261: return 'g';
    case 0x04BB: return 'h';
    case 0x0456: case 0x03B9: case 0x0131: return 'i';
    case 0x0458: return 'j';
    case 0x03BA: case 0x043A: return 'k';
    case 0x04CF: case 0x0049: return 'l';
    case 0x043C: return 'm';
    case 0x043F: case 0x0440: case 0x03C1: return 'p';
    case 0x043E: case 0x03BF: return 'o';
    case 0x0455: return 's';
    case 0x0442: case 0x03C4: return 't';
    case 0x03BD: return 'v';
    case 0x0445: case 0x03C7: return 'x';
    case 0x0443: case 0x03B3: return 'y';
    default: return 0;
  }
}

// Characters that end a URL token but are no part of it.
bool IsTrailingPunct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '}' ||
         c == '>' || c == '"' || c == '\'';
}

}  // namespace

struct LinkCheck::Impl {
  std::vector<Brand> brands;
  const icu::Normalizer2* nfd = nullptr;
  std::unique_ptr<icu::IDNA> idna;
  std::unique_ptr<RE2> iban;
  std::unique_ptr<RE2> phone;

  // The ASCII skeleton of a host with non-ASCII letters or punycode labels.
  std::string Skeleton(std::string_view host) const {
    std::string unicode;
    if (idna != nullptr && host.find("xn--") != std::string_view::npos) {
      UErrorCode status = U_ZERO_ERROR;
      icu::IDNAInfo info;
      icu::StringByteSink<std::string> sink(&unicode);
      idna->nameToUnicodeUTF8(icu::StringPiece(host.data(), static_cast<int32_t>(host.size())), sink, info, status);
      if (U_FAILURE(status)) unicode.assign(host);
    } else {
      unicode.assign(host);
    }
    std::string out;
    const auto* s = reinterpret_cast<const uint8_t*>(unicode.data());
    const auto n = static_cast<int32_t>(unicode.size());
    icu::UnicodeString decomposition;
    for (int32_t i = 0; i < n;) {
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c < 0) continue;
      if (c < 0x80) {
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        continue;
      }
      if (const char a = ConfusableToAscii(u_tolower(c)); a != 0) {
        out += a;
        continue;
      }
      if (nfd != nullptr && nfd->getDecomposition(c, decomposition) && decomposition.length() > 0) {
        const UChar32 base = decomposition.char32At(0);
        if (base < 0x80) {
          out += static_cast<char>(u_tolower(base));
          continue;
        }
      }
      out += '~';  // a letter with no ASCII look-alike
    }
    return out;
  }

  // "official:NAME", "lookalike:NAME" or "".
  std::string Classify(std::string_view host) const {
    bool idn = host.find("xn--") != std::string_view::npos;
    for (char c : host) idn = idn || static_cast<unsigned char>(c) >= 0x80;
    const std::string ascii = idn ? Skeleton(host) : std::string(host);
    const std::string domain = normalize::RegistrableDomain(ascii);
    for (const Brand& b : brands) {
      if (std::find(b.domains.begin(), b.domains.end(), domain) != b.domains.end()) {
        return (idn ? "lookalike:" : "official:") + b.name;
      }
    }
    // Labels before the public suffix: "rabobank.nl.nu" -> rabobank, nl.
    const size_t dot = domain.find('.');
    const std::string_view suffix = dot == std::string::npos ? std::string_view() : std::string_view(domain).substr(dot);
    std::string_view rest(ascii);
    if (!suffix.empty() && rest.ends_with(suffix)) rest.remove_suffix(suffix.size());
    std::vector<std::string> parts, joined;
    for (size_t pos = 0; pos <= rest.size();) {
      size_t end = rest.find('.', pos);
      if (end == std::string_view::npos) end = rest.size();
      const std::string_view label = rest.substr(pos, end - pos);
      std::string j;
      for (size_t p = 0; p <= label.size();) {
        size_t e = label.find('-', p);
        if (e == std::string_view::npos) e = label.size();
        if (e > p) parts.emplace_back(label.substr(p, e - p));
        j.append(label.substr(p, e - p));
        p = e + 1;
      }
      if (!j.empty()) joined.push_back(j);
      pos = end + 1;
    }
    // Undone once per host, not once per brand token: it was 4 % of all
    // screening time (screen_bench, perf) when done inside the loop.
    std::vector<std::string> parts_undone, joined_undone;
    for (const std::string& p : parts) parts_undone.push_back(UndoHomoglyphs(p));
    for (const std::string& j : joined) joined_undone.push_back(UndoHomoglyphs(j));
    for (const Brand& b : brands) {
      for (const std::string& t : b.tokens) {
        for (size_t i = 0; i < parts.size(); ++i) {
          const std::string& p = parts[i];
          if (p == t || parts_undone[i] == t) return "lookalike:" + b.name;
          if (t.size() >= 5 && p.size() + 1 >= t.size() && p.size() <= t.size() + 1 && AtMostOneEdit(p, t)) {
            return "lookalike:" + b.name;
          }
        }
        if (t.size() < 4) continue;
        for (size_t i = 0; i < joined.size(); ++i) {
          if (joined[i].find(t) != std::string::npos || joined_undone[i].find(t) != std::string::npos) {
            return "lookalike:" + b.name;
          }
        }
      }
    }
    return "";
  }
};

LinkCheck::LinkCheck(const std::vector<Brand>& brands) : impl_(std::make_unique<Impl>()) {
  impl_->brands = brands;
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) impl_->nfd = nullptr;
  status = U_ZERO_ERROR;
  impl_->idna.reset(icu::IDNA::createUTS46Instance(UIDNA_DEFAULT, status));
  if (U_FAILURE(status)) impl_->idna.reset();
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  impl_->iban = std::make_unique<RE2>(R"(\b([a-z]{2}[0-9]{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?)\b)", options);
  impl_->phone = std::make_unique<RE2>(R"(((?:\+|00)[1-9][0-9 ()-]{7,16}[0-9]|\(?0[1-9][0-9]{0,3}\)?[ -]?[0-9][0-9 -]{5,11}[0-9]))",
                                       options);
}

LinkCheck::~LinkCheck() = default;

std::string LinkCheck::Classify(std::string_view host) const { return impl_->Classify(host); }

void LinkCheck::Check(std::string_view raw_text, const IdentifierLookup* lookup, SignalSet* signals,
                      std::vector<IdentifierHit>* hits) const {
  std::set<std::pair<model::IdentifierKind, std::string>> asked;
  auto ask = [&](model::IdentifierKind kind, std::string value) {
    if (lookup == nullptr || !asked.emplace(kind, value).second || asked.size() > 32) return;
    if (auto hit = lookup->Lookup(kind, value)) {
      signals->Add(Signal::kKnownFraudIdentifier);
      hits->push_back(*hit);
    }
  };
  const bool has_dot = raw_text.find('.') != std::string_view::npos;
  if (has_dot) {
    int links = 0;
    size_t pos = 0;
    while (pos < raw_text.size() && links < 16) {
      while (pos < raw_text.size() && static_cast<unsigned char>(raw_text[pos]) <= ' ') ++pos;
      size_t end = pos;
      while (end < raw_text.size() && static_cast<unsigned char>(raw_text[end]) > ' ') ++end;
      std::string_view token = raw_text.substr(pos, end - pos);
      pos = end;
      while (!token.empty() && (token.front() == '(' || token.front() == '<' || token.front() == '"' ||
                                token.front() == '\'' || token.front() == '[')) {
        token.remove_prefix(1);
      }
      while (!token.empty() && IsTrailingPunct(token.back())) token.remove_suffix(1);
      if (token.size() < 4 || token.find('.') == std::string_view::npos) continue;
      std::string lower(token);
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      const size_t at = lower.find('@');
      const size_t scheme = lower.find("://");
      if (at != std::string::npos && scheme == std::string::npos) {
        ask(model::IdentifierKind::kEmail, lower);
        continue;
      }
      std::string_view host(lower);
      if (scheme != std::string::npos) host.remove_prefix(scheme + 3);
      host = host.substr(0, host.find_first_of("/?#"));
      if (const size_t user = host.rfind('@'); user != std::string_view::npos) host.remove_prefix(user + 1);
      host = host.substr(0, host.find(':'));
      // A bare token must end in a TLD of letters to be a domain ("1.250" and
      // "12.00" are not), unless it carries a scheme or "www.".
      const size_t last_dot = host.rfind('.');
      if (last_dot == std::string_view::npos || last_dot + 1 >= host.size()) continue;
      const std::string_view tld = host.substr(last_dot + 1);
      bool letters = tld.size() >= 2;
      for (char c : tld) letters = letters && (IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80 || c == '-');
      if (!letters && scheme == std::string::npos && !host.starts_with("www.")) continue;
      ++links;
      const std::string verdict = impl_->Classify(host);
      if (verdict.starts_with("official:")) signals->Add(Signal::kOfficialDomain);
      if (verdict.starts_with("lookalike:")) signals->Add(Signal::kLookalikeDomain);
      ask(model::IdentifierKind::kUrl, std::string(token));
    }
  }
  if (lookup == nullptr) return;
  re2::StringPiece input(raw_text.data(), raw_text.size());
  std::string match;
  int found = 0;
  while (found < 16 && RE2::FindAndConsume(&input, *impl_->iban, &match)) {
    ++found;
    ask(model::IdentifierKind::kIban, match);
  }
  input = re2::StringPiece(raw_text.data(), raw_text.size());
  while (found < 32 && RE2::FindAndConsume(&input, *impl_->phone, &match)) {
    ++found;
    ask(model::IdentifierKind::kPhone, match);
  }
}

}  // namespace zicht::screen

#include "screen/signal_config.h"

#include <re2/re2.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "screen/embedded_signals.h"
#include "screen/text_lines.h"

namespace zicht::screen {
namespace {

// A field of a tab-separated line and its 1-based column.
struct Field {
  std::string_view text;
  int column = 0;
};

// Splits on runs of tabs; leading/trailing spaces of a field are trimmed.
std::vector<Field> SplitTabs(std::string_view line) {
  std::vector<Field> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == '\t') ++i;
    if (i >= line.size()) break;
    size_t end = line.find('\t', i);
    if (end == std::string_view::npos) end = line.size();
    size_t b = i, e = end;
    while (b < e && line[b] == ' ') ++b;
    while (e > b && line[e - 1] == ' ') --e;
    if (b < e) fields.push_back({line.substr(b, e - b), static_cast<int>(b) + 1});
    i = end;
  }
  return fields;
}

// Splits a field on spaces, keeping columns.
std::vector<Field> SplitSpaces(const Field& f) {
  std::vector<Field> out;
  size_t i = 0;
  while (i < f.text.size()) {
    while (i < f.text.size() && f.text[i] == ' ') ++i;
    if (i >= f.text.size()) break;
    size_t end = f.text.find(' ', i);
    if (end == std::string_view::npos) end = f.text.size();
    out.push_back({f.text.substr(i, end - i), f.column + static_cast<int>(i)});
    i = end;
  }
  return out;
}

class LineError {
 public:
  LineError(std::string_view file, int line) : prefix_(std::string(file) + ":" + std::to_string(line) + ":") {}
  Status At(int column, const std::string& message) const {
    return Status::InvalidArgument(prefix_ + std::to_string(column) + ": " + message);
  }

 private:
  std::string prefix_;
};

// Calls f(line_no, line) for every line that is not blank or a comment.
// Fails on invalid UTF-8.
template <typename F>
Status ForEachLine(std::string_view file, std::string_view text, F&& f) {
  return ForEachTextLine(text, [&](int line_no, std::string_view line) -> Status {
    if (const size_t bad = InvalidUtf8At(line); bad != std::string_view::npos) {
      return LineError(file, line_no).At(static_cast<int>(bad) + 1, "invalid UTF-8");
    }
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') return Status::Ok();
    return f(line_no, line);
  });
}

std::string ExpandGaps(std::string_view regex) {
  std::string out(regex);
  for (const char* n : {"2", "4", "6"}) {
    const std::string gap = std::string("{gap") + n + "}";
    const std::string words = std::string("(?:[^ ]+ ){0,") + n + "}";
    for (size_t at = out.find(gap); at != std::string::npos; at = out.find(gap, at + words.size())) {
      out.replace(at, gap.size(), words);
    }
  }
  return out;
}

Result<Signal> SignalAt(const LineError& err, const Field& f) {
  auto s = ParseSignal(f.text);
  if (!s) return err.At(f.column, "unknown signal \"" + std::string(f.text) + "\"");
  return *s;
}

Status ParsePatterns(std::string_view text, SignalConfig* config) {
  constexpr std::string_view kFile = "patterns.tsv";
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(true);
  return ForEachLine(kFile, text, [&](int line_no, std::string_view line) -> Status {
    const LineError err(kFile, line_no);
    const auto fields = SplitTabs(line);
    if (fields.size() != 3) {
      return err.At(fields.empty() ? 1 : fields.back().column,
                    "expected 3 tab-separated fields (SIGNAL, words|folded, regex), found " +
                        std::to_string(fields.size()));
    }
    PatternSpec p;
    ZICHT_ASSIGN_OR_RETURN(p.signal, SignalAt(err, fields[0]));
    if (fields[1].text == "words") {
      p.view = View::kWords;
    } else if (fields[1].text == "folded") {
      p.view = View::kFolded;
    } else {
      return err.At(fields[1].column, "view must be \"words\" or \"folded\", not \"" + std::string(fields[1].text) + "\"");
    }
    // The views have no diacritics, so a pattern with "é" could never match;
    // and the sets run in Latin-1 mode (signal_matcher.cc), where a non-ASCII
    // character class would compare bytes, not letters.
    for (size_t i = 0; i < fields[2].text.size(); ++i) {
      if (static_cast<unsigned char>(fields[2].text[i]) >= 0x80) {
        return err.At(fields[2].column + static_cast<int>(i),
                      "a pattern is ASCII: the text it runs on has no diacritics (write e for \u00e9)");
      }
    }
    p.regex = ExpandGaps(fields[2].text);
    if (p.view == View::kFolded && p.regex.find("\\.") == std::string::npos && p.regex.find(':') == std::string::npos) {
      return err.At(fields[2].column, "a folded pattern must need a \".\" or \":\" (the folded scan is skipped without one)");
    }
    RE2 re(p.regex, options);
    if (!re.ok()) return err.At(fields[2].column, "regex does not compile: " + re.error());
    p.where = std::string(kFile) + ":" + std::to_string(line_no);
    config->patterns.push_back(std::move(p));
    return Status::Ok();
  });
}

Status ParseVariants(std::string_view text, SignalConfig* config) {
  constexpr std::string_view kFile = "variants.tsv";
  std::set<std::string, std::less<>> seen;
  return ForEachLine(kFile, text, [&](int line_no, std::string_view line) -> Status {
    const LineError err(kFile, line_no);
    const auto fields = SplitTabs(line);
    if (fields.size() != 2) {
      return err.At(fields.empty() ? 1 : fields.back().column,
                    "expected 2 tab-separated fields (VARIANT, CANONICAL), found " + std::to_string(fields.size()));
    }
    for (const Field& f : fields) {
      for (char c : f.text) {
        if ((c >= 'A' && c <= 'Z') || c == '\'') {
          return err.At(f.column, "write the word as normalised: lower case, no apostrophes");
        }
      }
    }
    if (fields[0].text.find(' ') != std::string_view::npos) return err.At(fields[0].column, "a variant is one word");
    if (!seen.insert(std::string(fields[0].text)).second) {
      return err.At(fields[0].column, "variant \"" + std::string(fields[0].text) + "\" listed twice");
    }
    config->variants.push_back({std::string(fields[0].text), std::string(fields[1].text)});
    return Status::Ok();
  });
}

Result<double> NumberAt(const LineError& err, const Field& f, double lo, double hi) {
  std::string s(f.text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !(v >= lo && v <= hi)) {
    return err.At(f.column, "expected a number from " + std::to_string(lo).substr(0, 3) + " to " +
                                std::to_string(hi).substr(0, 3) + ", not \"" + s + "\"");
  }
  return v;
}

Status ParseWeights(std::string_view text, SignalConfig* config) {
  constexpr std::string_view kFile = "weights.tsv";
  for (int i = 0; i < 3; ++i) config->rules[static_cast<size_t>(i)].label = static_cast<Label>(i + 1);
  return ForEachLine(kFile, text, [&](int line_no, std::string_view line) -> Status {
    const LineError err(kFile, line_no);
    const auto fields = SplitTabs(line);
    const std::string_view kind = fields[0].text;
    auto need = [&](size_t n) -> Status {
      if (fields.size() == n) return Status::Ok();
      return err.At(fields.back().column, std::string(kind) + " takes " + std::to_string(n - 1) +
                                              " fields after it, found " + std::to_string(fields.size() - 1));
    };
    const bool floor = kind == "floor", cap = kind == "cap";
    if (!floor && !cap && kind != "weight" && kind != "gate" && kind != "known_sender" && kind != "safety_advice") {
      return err.At(fields[0].column, "unknown rule \"" + std::string(kind) +
                                          "\" (weight, gate, known_sender, safety_advice, floor, cap)");
    }
    if (fields.size() < 2) return need(3);
    Label label = Label::kNone;
    if (fields[1].text != "*" || !(floor || cap)) {
      auto parsed = ParseLabel(fields[1].text);
      if (!parsed || *parsed == Label::kNone) {
        return err.At(fields[1].column, "unknown label \"" + std::string(fields[1].text) +
                                            "\" (hulpvraagfraude, phishing, bankhelpdeskfraude" +
                                            (floor || cap ? ", *)" : ")"));
      }
      label = *parsed;
    }
    LabelRule* rule = label == Label::kNone ? nullptr : &config->rules[static_cast<size_t>(label) - 1];
    if (kind == "weight") {
      ZICHT_RETURN_IF_ERROR(need(4));
      ZICHT_ASSIGN_OR_RETURN(Signal s, SignalAt(err, fields[2]));
      ZICHT_ASSIGN_OR_RETURN(rule->weights[static_cast<size_t>(s)], NumberAt(err, fields[3], 0, 1));
    } else if (kind == "gate") {
      ZICHT_RETURN_IF_ERROR(need(3));
      SignalSet group;
      for (const Field& f : SplitSpaces(fields[2])) {
        ZICHT_ASSIGN_OR_RETURN(Signal s, SignalAt(err, f));
        group.Add(s);
      }
      rule->gates.push_back(group);
    } else if (kind == "known_sender" || kind == "safety_advice") {
      ZICHT_RETURN_IF_ERROR(need(3));
      ZICHT_ASSIGN_OR_RETURN(double f, NumberAt(err, fields[2], 0, 1));
      (kind == "known_sender" ? rule->known_sender_factor : rule->safety_advice_factor) = f;
    } else {
      ZICHT_RETURN_IF_ERROR(need(4));
      ScoreRule r;
      r.is_floor = floor;
      r.label = label;
      ZICHT_ASSIGN_OR_RETURN(r.score, NumberAt(err, fields[2], 0, 1));
      for (const Field& f : SplitSpaces(fields[3])) {
        const bool absent = f.text.starts_with('-');
        Field name{absent ? f.text.substr(1) : f.text, absent ? f.column + 1 : f.column};
        ZICHT_ASSIGN_OR_RETURN(Signal s, SignalAt(err, name));
        (absent ? r.absent : r.present).Add(s);
      }
      if (r.present.empty()) return err.At(fields[3].column, "needs at least one signal that must be present");
      config->score_rules.push_back(r);
    }
    return Status::Ok();
  });
}

bool IsDomainChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

Status ParseBrands(std::string_view text, SignalConfig* config) {
  constexpr std::string_view kFile = "brands.tsv";
  return ForEachLine(kFile, text, [&](int line_no, std::string_view line) -> Status {
    const LineError err(kFile, line_no);
    const auto fields = SplitTabs(line);
    if (fields.size() != 3) {
      return err.At(fields.empty() ? 1 : fields.back().column,
                    "expected 3 tab-separated fields (NAME, DOMAINS, TOKENS), found " + std::to_string(fields.size()));
    }
    Brand b;
    b.name = fields[0].text;
    for (const Field& f : SplitSpaces(fields[1])) {
      for (size_t i = 0; i < f.text.size(); ++i) {
        if (!IsDomainChar(f.text[i])) {
          return err.At(f.column + static_cast<int>(i), "a domain is lower-case ASCII letters, digits, '-' and '.'");
        }
      }
      if (f.text.find('.') == std::string_view::npos) return err.At(f.column, "a domain needs a '.'");
      b.domains.emplace_back(f.text);
    }
    for (const Field& f : SplitSpaces(fields[2])) {
      for (size_t i = 0; i < f.text.size(); ++i) {
        if (!IsDomainChar(f.text[i]) || f.text[i] == '.' || f.text[i] == '-') {
          return err.At(f.column + static_cast<int>(i), "a token is lower-case ASCII letters and digits");
        }
      }
      if (f.text.size() < 2) return err.At(f.column, "a token needs at least 2 letters");
      b.tokens.emplace_back(f.text);
    }
    config->brands.push_back(std::move(b));
    return Status::Ok();
  });
}

}  // namespace

std::string_view BuiltinSignalFile(std::string_view name) { return EmbeddedSignalFile(name); }

Result<SignalConfig> ParseSignalConfig(const std::map<std::string, std::string, std::less<>>& files) {
  for (std::string_view name : kSignalFiles) {
    if (!files.count(name)) return Status::InvalidArgument(std::string(name) + ": missing");
  }
  SignalConfig config;
  ZICHT_RETURN_IF_ERROR(ParsePatterns(files.find("patterns.tsv")->second, &config));
  ZICHT_RETURN_IF_ERROR(ParseVariants(files.find("variants.tsv")->second, &config));
  ZICHT_RETURN_IF_ERROR(ParseWeights(files.find("weights.tsv")->second, &config));
  ZICHT_RETURN_IF_ERROR(ParseBrands(files.find("brands.tsv")->second, &config));
  config.model_text = files.find("model.tsv")->second;
  return config;
}

Result<SignalConfig> BuiltinSignalConfig() {
  std::map<std::string, std::string, std::less<>> files;
  for (std::string_view name : kSignalFiles) files.emplace(name, BuiltinSignalFile(name));
  ZICHT_ASSIGN_OR_RETURN(SignalConfig config, ParseSignalConfig(files));
  config.source = "built-in";
  return config;
}

Result<SignalConfig> LoadSignalConfig(const std::string& dir) {
  std::map<std::string, std::string, std::less<>> files;
  int found = 0;
  for (std::string_view name : kSignalFiles) {
    const std::string path = dir + "/" + std::string(name);
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      files.emplace(name, text.str());
      ++found;
    } else {
      files.emplace(name, BuiltinSignalFile(name));
    }
  }
  if (found == 0) {
    return Status::NotFound(dir + ": no screening files (patterns.tsv, variants.tsv, weights.tsv, brands.tsv, model.tsv)");
  }
  auto config = ParseSignalConfig(files);
  if (!config.ok()) return Status::InvalidArgument(dir + "/" + config.status().message());
  config->source = dir;
  return config;
}

}  // namespace zicht::screen

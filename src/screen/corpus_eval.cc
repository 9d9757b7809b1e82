#include "screen/corpus_eval.h"

#include <rapidjson/document.h>

#include <cstdio>

namespace zicht::screen {
namespace {

// See screen_json.cc: no RapidJSON iterator comparisons under C++20.
const rapidjson::Value* Member(const rapidjson::Value& object, const char* name) {
  return object.HasMember(name) ? &object[name] : nullptr;
}

}  // namespace

double Counts::Precision() const {
  const int predicted = true_positive + false_positive;
  return predicted == 0 ? 1.0 : static_cast<double>(true_positive) / predicted;
}

double Counts::Recall() const {
  const int expected = true_positive + false_negative;
  return expected == 0 ? 1.0 : static_cast<double>(true_positive) / expected;
}

Result<std::vector<CorpusEntry>> ParseCorpus(std::string_view jsonl) {
  std::vector<CorpusEntry> corpus;
  int line_no = 0;
  size_t pos = 0;
  while (pos < jsonl.size()) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError() || !doc.IsObject()) return Status::InvalidArgument(where + "not a JSON object");
    CorpusEntry entry;
    entry.line = line_no;
    const rapidjson::Value* text = Member(doc, "text");
    if (text == nullptr || !text->IsString()) return Status::InvalidArgument(where + "text: required string");
    entry.text.assign(text->GetString(), text->GetStringLength());
    const rapidjson::Value* known = Member(doc, "sender_known");
    if (known == nullptr || !known->IsBool()) {
      return Status::InvalidArgument(where + "sender_known: required boolean");
    }
    entry.sender_known = known->GetBool();
    const rapidjson::Value* label = Member(doc, "label");
    if (label == nullptr || !label->IsString()) return Status::InvalidArgument(where + "label: required string");
    auto parsed = ParseLabel(label->GetString());
    if (!parsed) {
      return Status::InvalidArgument(where + "label: unknown label \"" + label->GetString() + "\"");
    }
    entry.label = *parsed;
    corpus.push_back(std::move(entry));
  }
  return corpus;
}

CorpusMetrics EvaluateCorpus(const Screener& screener, const std::vector<CorpusEntry>& corpus) {
  CorpusMetrics m;
  for (const CorpusEntry& entry : corpus) {
    const ScreenResult r = screener.Screen(entry.text, entry.sender_known);
    ++m.total;
    if (r.label == entry.label) {
      ++m.correct;
      ++m.per_label[static_cast<size_t>(r.label)].true_positive;
    } else {
      ++m.per_label[static_cast<size_t>(r.label)].false_positive;
      ++m.per_label[static_cast<size_t>(entry.label)].false_negative;
      std::string signals;
      for (int i = 0; i < kSignalCount; ++i) {
        if (r.signals.Has(static_cast<Signal>(i))) {
          signals += (signals.empty() ? "" : " ") + std::string(SignalName(static_cast<Signal>(i)));
        }
      }
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", r.score);
      m.mistakes.push_back("line " + std::to_string(entry.line) + ": expected " +
                           std::string(LabelName(entry.label)) + ", got " + std::string(LabelName(r.label)) +
                           " (" + score + ") [" + signals + "]");
    }
    const bool expected_fraud = entry.label != Label::kNone;
    const bool predicted_fraud = r.label != Label::kNone;
    if (expected_fraud && predicted_fraud) ++m.fraud.true_positive;
    if (!expected_fraud && predicted_fraud) ++m.fraud.false_positive;
    if (expected_fraud && !predicted_fraud) ++m.fraud.false_negative;
  }
  return m;
}

std::string FormatMetrics(const CorpusMetrics& m) {
  std::string out;
  char row[160];
  std::snprintf(row, sizeof row, "%-20s %9s %9s %6s\n", "label", "precision", "recall", "n");
  out += row;
  auto add = [&](std::string_view name, const Counts& c) {
    std::snprintf(row, sizeof row, "%-20.*s %9.3f %9.3f %6d\n", static_cast<int>(name.size()), name.data(),
                  c.Precision(), c.Recall(), c.true_positive + c.false_negative);
    out += row;
  };
  for (int i = 0; i < kLabelCount; ++i) add(LabelName(static_cast<Label>(i)), m.per_label[static_cast<size_t>(i)]);
  add("fraud vs none", m.fraud);
  std::snprintf(row, sizeof row, "%-20s %9.3f (%d of %d)\n", "accuracy",
                m.total == 0 ? 1.0 : static_cast<double>(m.correct) / m.total, m.correct, m.total);
  out += row;
  return out;
}

}  // namespace zicht::screen

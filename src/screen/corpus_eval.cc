#include "screen/corpus_eval.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "screen/text_lines.h"

namespace zicht::screen {
namespace {

// See screen_json.cc: no RapidJSON iterator comparisons under C++20.
const rapidjson::Value* Member(const rapidjson::Value& object, const char* name) {
  return object.HasMember(name) ? &object[name] : nullptr;
}

// Optional string member; an error when present but not a string.
Status OptionalString(const rapidjson::Value& doc, const char* name, const std::string& where, std::string* out) {
  const rapidjson::Value* v = Member(doc, name);
  if (v == nullptr || v->IsNull()) return Status::Ok();
  if (!v->IsString()) return Status::InvalidArgument(where + name + ": must be a string");
  out->assign(v->GetString(), v->GetStringLength());
  return Status::Ok();
}

std::string SignalList(SignalSet set) {
  std::string out;
  for (int i = 0; i < kSignalCount; ++i) {
    if (set.Has(static_cast<Signal>(i))) out += (out.empty() ? "" : " ") + std::string(SignalName(static_cast<Signal>(i)));
  }
  return out;
}

}  // namespace

Result<std::vector<CorpusEntry>> ParseCorpus(std::string_view jsonl) {
  std::vector<CorpusEntry> corpus;
  ZICHT_RETURN_IF_ERROR(ForEachTextLine(jsonl, [&](int line_no, std::string_view line) -> Status {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return Status::Ok();
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
    for (auto [name, field] : {std::pair{"id", &entry.id}, std::pair{"family", &entry.family},
                               std::pair{"lang", &entry.lang}, std::pair{"origin", &entry.origin},
                               std::pair{"split", &entry.split}, std::pair{"variant_of", &entry.variant_of},
                               std::pair{"url", &entry.url}, std::pair{"date", &entry.date}}) {
      ZICHT_RETURN_IF_ERROR(OptionalString(doc, name, where, field));
    }
    if (entry.family.empty()) entry.family = LabelName(entry.label);
    if (entry.id.empty()) entry.id = "line " + std::to_string(line_no);
    corpus.push_back(std::move(entry));
    return Status::Ok();
  }));
  return corpus;
}

std::vector<CorpusEntry> FilterCorpus(const std::vector<CorpusEntry>& corpus, const CorpusFilter& filter) {
  std::vector<CorpusEntry> out;
  for (const CorpusEntry& e : corpus) {
    if (!filter.split.empty() && e.split != filter.split) continue;
    if (filter.originals_only && !e.variant_of.empty()) continue;
    out.push_back(e);
  }
  return out;
}

EvalReport Evaluate(const Screener& screener, const std::vector<CorpusEntry>& corpus, double fpr_target) {
  EvalReport r;
  r.fpr_target = fpr_target;
  std::map<std::pair<bool, std::string>, FamilyRow> families;  // scam families sort after benign: fixed below
  std::vector<std::pair<double, bool>> scored;                 // (score, is scam)
  scored.reserve(corpus.size());
  for (const CorpusEntry& e : corpus) {
    const ScreenResult res = screener.Screen(e.text, e.sender_known);
    const bool scam = e.label != Label::kNone;
    const bool flagged = res.label != Label::kNone;
    scored.emplace_back(res.score, scam);
    FamilyRow& row = families[{!scam, e.family}];
    row.family = e.family;
    row.scam = scam;
    ++row.n;
    ++row.predicted[static_cast<size_t>(res.label)];
    if (scam) {
      ++r.scams;
      if (flagged) ++r.scams_flagged;
      if (res.label == e.label) ++r.scams_exact_label;
    } else {
      ++r.benign;
      if (flagged) ++r.benign_flagged;
    }
    if (flagged != scam) {
      char score[16];
      std::snprintf(score, sizeof score, "%.3f", res.score);
      r.misses.push_back(e.id + " " + e.family + ": " + (scam ? "scam not flagged" : "benign flagged as ") +
                         (scam ? "" : std::string(LabelName(res.label))) + " (" + score + ") [" +
                         SignalList(res.signals) + "]");
    }
  }
  for (auto& [key, row] : families) r.families.push_back(row);

  // ROC: sweep the threshold down over the distinct scores.
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  int tp = 0, fp = 0;
  double auc = 0, prev_tpr = 0, prev_fpr = 0;
  r.best_at_target = RocPoint{1.0 + 1e-9, 0, 0};
  for (size_t i = 0; i < scored.size();) {
    const double threshold = scored[i].first;
    for (; i < scored.size() && scored[i].first == threshold; ++i) (scored[i].second ? tp : fp)++;
    const double tpr = r.scams == 0 ? 1.0 : static_cast<double>(tp) / r.scams;
    const double fpr = r.benign == 0 ? 0.0 : static_cast<double>(fp) / r.benign;
    auc += (fpr - prev_fpr) * (tpr + prev_tpr) / 2;
    prev_tpr = tpr;
    prev_fpr = fpr;
    if (fpr <= fpr_target && tpr > r.best_at_target.recall) r.best_at_target = RocPoint{threshold, tpr, fpr};
  }
  r.auc = r.scams == 0 || r.benign == 0 ? std::nan("") : auc;
  return r;
}

std::string FormatReport(const EvalReport& r, std::string_view title) {
  std::string out;
  char row[256];
  std::snprintf(row, sizeof row, "%.*s: %d messages (%d scam, %d benign)\n", static_cast<int>(title.size()),
                title.data(), r.scams + r.benign, r.scams, r.benign);
  out += row;
  std::snprintf(row, sizeof row, "  recall (scams flagged)        %.3f  (%d/%d)\n", r.Recall(), r.scams_flagged,
                r.scams);
  out += row;
  std::snprintf(row, sizeof row, "  false-positive rate (benign)  %.3f  (%d/%d)\n", r.FalsePositiveRate(),
                r.benign_flagged, r.benign);
  out += row;
  std::snprintf(row, sizeof row, "  scams with the expected label %.3f  (%d/%d)\n",
                r.scams == 0 ? 1.0 : static_cast<double>(r.scams_exact_label) / r.scams, r.scams_exact_label,
                r.scams);
  out += row;
  if (std::isnan(r.auc)) {
    out += "  ROC AUC n/a: the set has no " + std::string(r.scams == 0 ? "scams" : "benign messages") + "\n";
  } else {
    std::snprintf(row, sizeof row,
                  "  ROC AUC %.3f; best point with FPR <= %.2f: score >= %.3f gives recall %.3f at FPR %.3f\n", r.auc,
                  r.fpr_target, r.best_at_target.threshold, r.best_at_target.recall,
                  r.best_at_target.false_positive_rate);
    out += row;
  }
  std::snprintf(row, sizeof row, "  %-22s %5s %7s   %6s %6s %6s %6s\n", "family", "n", "flagged", "none", "hulp",
                "phish", "bhd");
  out += row;
  for (const FamilyRow& f : r.families) {
    std::snprintf(row, sizeof row, "  %-22s %5d %7.3f   %6d %6d %6d %6d\n", f.family.c_str(), f.n,
                  f.n == 0 ? 0.0 : static_cast<double>(f.Flagged()) / f.n, f.predicted[0], f.predicted[1],
                  f.predicted[2], f.predicted[3]);
    out += row;
  }
  return out;
}

std::string SummaryLine(const EvalReport& r) {
  char line[160];
  char auc[16] = "n/a";
  if (!std::isnan(r.auc)) std::snprintf(auc, sizeof auc, "%.3f", r.auc);
  std::snprintf(line, sizeof line, "recall=%.3f fpr=%.3f auc=%s scams=%d benign=%d", r.Recall(),
                r.FalsePositiveRate(), auc, r.scams, r.benign);
  return line;
}

}  // namespace zicht::screen

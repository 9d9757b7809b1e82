// The screening corpus (tests/data/screening/corpus.jsonl, docs/screening.md
// "Corpus and evaluation"): its shape and provenance, and floors on what the
// screener achieves on the held-out split — messages that were not used to
// write the patterns or to train the model. The floors sit a little under the
// measured figures, so a change that loses accuracy on unseen messages fails
// here. Accuracy floors, not timing.
#include <gtest/gtest.h>

#include <cmath>

#include <iostream>
#include <map>
#include <set>

#include "screen/corpus_eval.h"
#include "testutil/testutil.h"

namespace zicht::screen {
namespace {

// The goal of issue 17 on the held-out split, originals only; measured
// 0.974 / 0.005 / 0.995 after the blind3 round, 0.974 / 0.005 / 0.999 after
// the v8-train round (docs/screening.md; no longer blind, see
// blind_sets_test.cc).
constexpr double kHeldoutRecallFloor = 0.95;
constexpr double kHeldoutFprCeiling = 0.02;
constexpr double kHeldoutAucFloor = 0.98;

std::vector<CorpusEntry> LoadShippedCorpus() {
  const std::string text = testutil::ReadFile(testutil::SourceDir() + "/tests/data/screening/corpus.jsonl");
  auto corpus = ParseCorpus(text);
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  return corpus.ok() ? *corpus : std::vector<CorpusEntry>{};
}

TEST(Corpus, IsBigAndHasProvenance) {
  const auto corpus = LoadShippedCorpus();
  EXPECT_GE(corpus.size(), 1500u);
  std::map<std::string, int> per_split_benign, per_split;
  std::set<std::string> ids;
  for (const auto& e : corpus) {
    EXPECT_TRUE(ids.insert(e.id).second) << "duplicate id " << e.id;
    EXPECT_TRUE(e.origin == "published" || e.origin == "composed") << e.id;
    EXPECT_TRUE(e.split == "train" || e.split == "heldout") << e.id;
    EXPECT_TRUE(e.lang == "nl" || e.lang == "en") << e.id;
    EXPECT_FALSE(e.family.empty()) << e.id;
    EXPECT_EQ(e.family.rfind("benign", 0) == 0, e.label == Label::kNone) << e.id << " " << e.family;
    if (e.origin == "published") {
      EXPECT_EQ(e.url.rfind("https://", 0), 0u) << e.id;
      EXPECT_GE(e.date.size(), 7u) << e.id;
      EXPECT_EQ(e.split, "heldout") << e.id << ": published messages are held out";
    }
    ++per_split[e.split];
    if (e.label == Label::kNone) ++per_split_benign[e.split];
  }
  for (const auto& [split, n] : per_split) {
    EXPECT_GE(per_split_benign[split] * 10, n * 4) << split << ": hard negatives must be ≥ 40 %";
  }
}

TEST(Corpus, VariantsStayInTheirBaseSplit) {
  const auto corpus = LoadShippedCorpus();
  std::map<std::string, std::string> split_of;
  for (const auto& e : corpus) split_of[e.id] = e.split;
  for (const auto& e : corpus) {
    if (e.variant_of.empty()) continue;
    ASSERT_TRUE(split_of.count(e.variant_of)) << e.id << " names unknown base " << e.variant_of;
    EXPECT_EQ(split_of[e.variant_of], e.split) << e.id << ": a variant in another split than its base leaks";
  }
}

TEST(Corpus, HeldOutFloors) {
  const auto corpus = LoadShippedCorpus();
  auto screener = Screener::Create();
  ASSERT_TRUE(screener.ok());
  const auto heldout = FilterCorpus(corpus, {"heldout", true});
  ASSERT_GE(heldout.size(), 300u);
  const EvalReport r = Evaluate(**screener, heldout);
  std::cout << FormatReport(r, "held-out, originals only");
  for (const auto& miss : r.misses) std::cout << "  miss " << miss << "\n";
  EXPECT_GE(r.Recall(), kHeldoutRecallFloor);
  EXPECT_LE(r.FalsePositiveRate(), kHeldoutFprCeiling);
  EXPECT_GE(r.auc, kHeldoutAucFloor);
}

TEST(Corpus, ParseErrorsNameLineAndField) {
  auto bad = ParseCorpus("{\"text\":\"a\",\"sender_known\":false,\"label\":\"none\"}\n\n{\"text\":\"b\"}\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "line 3: sender_known: required boolean");
  auto label = ParseCorpus("{\"text\":\"a\",\"sender_known\":false,\"label\":\"spam\"}");
  ASSERT_FALSE(label.ok());
  EXPECT_EQ(label.status().message(), "line 1: label: unknown label \"spam\"");
  auto family = ParseCorpus("{\"text\":\"a\",\"sender_known\":false,\"label\":\"none\",\"family\":3}");
  ASSERT_FALSE(family.ok());
  EXPECT_EQ(family.status().message(), "line 1: family: must be a string");
}

// The built-in screener's report on corpus lines given as text.
EvalReport EvaluateLines(std::string_view jsonl) {
  auto screener = Screener::Create();
  auto corpus = ParseCorpus(jsonl);
  EXPECT_TRUE(screener.ok() && corpus.ok());
  return screener.ok() && corpus.ok() ? Evaluate(**screener, *corpus) : EvalReport{};
}

TEST(Corpus, EvaluateCountsRecallFprAndRoc) {
  const EvalReport r = EvaluateLines(
      "{\"text\":\"Hoi mam, dit is mijn nieuwe nummer. Kun je 800 euro overmaken?\",\"sender_known\":false,"
      "\"label\":\"hulpvraagfraude\",\"family\":\"hulpvraag\"}\n"
      "{\"text\":\"Tot morgen bij de training!\",\"sender_known\":true,\"label\":\"none\",\"family\":\"benign-family\"}\n");
  EXPECT_EQ(r.scams, 1);
  EXPECT_EQ(r.benign, 1);
  EXPECT_EQ(r.scams_flagged, 1);
  EXPECT_EQ(r.benign_flagged, 0);
  EXPECT_DOUBLE_EQ(r.auc, 1.0);
  ASSERT_EQ(r.families.size(), 2u);
  EXPECT_EQ(r.families[0].family, "hulpvraag");  // scam families first
  EXPECT_EQ(r.families[0].predicted[static_cast<size_t>(Label::kHulpvraagfraude)], 1);
}

TEST(Corpus, AucOfASetWithOneClassIsNotANumber) {
  // published12 holds genuine warnings only: no ROC curve, and the report
  // says so instead of printing an area made of one axis.
  const EvalReport r = EvaluateLines(
      "{\"text\":\"Tot morgen bij de training!\",\"sender_known\":true,\"label\":\"none\",\"family\":\"benign-family\"}\n"
      "{\"text\":\"Let op: oplichters sturen nep-sms'jes.\",\"sender_known\":true,\"label\":\"none\","
      "\"family\":\"benign-warning\"}\n");
  EXPECT_EQ(r.benign, 2);
  EXPECT_TRUE(std::isnan(r.auc));
  EXPECT_NE(FormatReport(r, "x").find("ROC AUC n/a: the set has no scams"), std::string::npos);
  EXPECT_NE(SummaryLine(r).find("auc=n/a scams=0 benign=2"), std::string::npos) << SummaryLine(r);
}

}  // namespace
}  // namespace zicht::screen

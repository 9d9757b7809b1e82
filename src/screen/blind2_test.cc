// The blind test set (tests/data/screening/blind2.jsonl, docs/screening.md
// "Blind test set"): messages quoted from public warnings and composed hard
// negatives that were never used to write patterns or to train. Checks that
// it stays separate from the corpus and keeps its provenance, and holds floors
// on what the screener achieves on it. The floors sit a little under the
// measured figures (far from the goal, and no longer blind: see the
// doc), so a change that loses accuracy on real messages fails here.
// Accuracy, not timing.
#include <gtest/gtest.h>

#include <cctype>
#include <iostream>
#include <set>

#include "screen/corpus_eval.h"
#include "testutil/testutil.h"

namespace zicht::screen {
namespace {

// Measured 0.762 / 0.015 / 0.964 after the changes that followed the first
// run (docs/screening.md, "Blind test set"; the first run gave 0.560 / 0.068
// / 0.831); floors a little below.
constexpr double kBlindRecallFloor = 0.72;
constexpr double kBlindFprCeiling = 0.03;
constexpr double kBlindAucFloor = 0.94;

std::vector<CorpusEntry> Load(const std::string& name) {
  const std::string text = testutil::ReadFile(testutil::SourceDir() + "/tests/data/screening/" + name);
  auto corpus = ParseCorpus(text);
  EXPECT_TRUE(corpus.ok()) << name << ": " << corpus.status().ToString();
  return corpus.ok() ? *corpus : std::vector<CorpusEntry>{};
}

// Lower case, letters and digits only: catches a corpus line copied with
// other punctuation or spacing.
std::string Squash(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

TEST(Blind2, IsSeparateFromTheCorpusAndHasProvenance) {
  const auto blind = Load("blind2.jsonl");
  const auto corpus = Load("corpus.jsonl");
  ASSERT_GE(blind.size(), 150u);
  std::set<std::string> corpus_ids, corpus_texts, ids;
  for (const auto& e : corpus) {
    corpus_ids.insert(e.id);
    corpus_texts.insert(Squash(e.text));
  }
  int scams = 0, benign = 0;
  for (const auto& e : blind) {
    EXPECT_TRUE(ids.insert(e.id).second) << "duplicate id " << e.id;
    EXPECT_FALSE(corpus_ids.count(e.id)) << e.id << " is also a corpus id";
    EXPECT_FALSE(corpus_texts.count(Squash(e.text))) << e.id << " is a corpus message";
    EXPECT_EQ(e.split, "blind2") << e.id;
    EXPECT_TRUE(e.lang == "nl" || e.lang == "en") << e.id;
    EXPECT_EQ(e.family.rfind("benign", 0) == 0, e.label == Label::kNone) << e.id << " " << e.family;
    if (e.label == Label::kNone) {
      ++benign;
    } else {
      ++scams;
      EXPECT_EQ(e.origin, "published") << e.id << ": blind scams are quoted from public warnings";
    }
    if (e.origin == "published") {
      EXPECT_EQ(e.url.rfind("http", 0), 0u) << e.id;
      EXPECT_FALSE(e.date.empty()) << e.id;
    } else {
      EXPECT_EQ(e.origin, "composed") << e.id;
    }
  }
  EXPECT_GE(benign, scams) << "hard negatives at least as many as scams";
}

TEST(Blind2, Floors) {
  const auto blind = Load("blind2.jsonl");
  auto screener = Screener::Create();
  ASSERT_TRUE(screener.ok());
  const EvalReport r = Evaluate(**screener, blind);
  std::cout << FormatReport(r, "blind2");
  EXPECT_GE(r.Recall(), kBlindRecallFloor);
  EXPECT_LE(r.FalsePositiveRate(), kBlindFprCeiling);
  EXPECT_GE(r.auc, kBlindAucFloor);
}

}  // namespace
}  // namespace zicht::screen

// The blind test sets (tests/data/screening/blind2 … blind9.jsonl, heldout10 …
// heldout16.jsonl, heldout17.jsonl, published9.jsonl … published12.jsonl; docs/screening.md "Blind test set", "... 3", "... 4",
// "... 5", "... 6", "blind7", "blind8", "blind9", "heldout10" … "heldout17", "published9" … "published12"): messages quoted from public warnings
// and composed hard negatives that were never used to write patterns or to
// train. Checks that each set stays separate from the corpus and from the
// earlier blind sets and keeps its provenance, and holds floors on what the
// screener achieves on it. The floors sit a little under the measured figures
// (see the doc for which figures are still blind), so a change that loses
// accuracy on real messages fails here. Accuracy, not timing.
#include <gtest/gtest.h>

#include <cctype>
#include <iostream>
#include <set>

#include "screen/corpus_eval.h"
#include "testutil/testutil.h"

namespace zicht::screen {
namespace {

struct BlindSet {
  const char* file;
  const char* split;
  std::vector<const char*> earlier;  // files it must not share a message with
  size_t min_size;
  double recall_floor, fpr_ceiling, auc_floor;
  // blind2–7 quote every scam from a dated public warning; blind8, blind9
  // and heldout10–16 write them from the families' known wording (origin composed),
  // and blind8's quoted ones may lack a day.
  bool quoted_scams = true;
  // Hard negatives at least as many as scams. published9 quotes what public
  // warnings print, and they print scams: 54 of its 60 messages are.
  bool negatives_at_least_scams = true;
};

// None of the sets is blind any more (their misses were read). The floors sit
// a little under the figures measured after the blind5 round (first runs in
// brackets): blind2 0.833 / 0.030 / 0.983 (0.560 / 0.068 / 0.831), blind3
// 0.726 / 0.015 / 0.958 (0.438 / 0.076 / 0.877), blind4 0.923 / 0.038 / 0.985
// (0.769 / 0.038 / 0.979; 13 scams: one message is 7.7 points of recall),
// blind5 0.803 / 0.000 / 0.976 (0.672 / 0.049 / 0.932). blind6 was built after
// the blind5 round and measured once on that screener: 0.618 / 0.029 / 0.913
// (34 scams, 68 negatives); after the prize and arrest-threat patterns of the
// blind6 round (written after reading its misses) 0.676 / 0.029 / 0.923.
// blind7 was built by a session that never read the screener and measured
// once at c4a3f1c: 0.743 / 0.031 / 0.968 (35 scams, 65 negatives; only six
// scams are Dutch), its misses not used for any change.
// blind8 (formerly heldout8; training data since the round that wrote
// heldout9) was written by a session that never read the screener; four of
// its benign-family lines are relabelled hulpvraagfraude by the warning moment
// (their "relabel" field says why). Trained on, so its floor is the fit.
// blind9 (formerly heldout9, composed by the labelling guideline of the
// v7-train writers by a session that never read the screener) was measured
// once before its round (79bd9db: 0.713 / 0.030 / 0.964) and once after it
// (3083410: 0.868 / 0.030 / 0.985), then read and trained on: its floor is
// the fit. published9 (split heldout; quoted from public warnings whose
// wording no earlier set holds: 54 scams, 6 genuine messages) was measured
// the same two times (0.574 / 0.000 / 0.991 and 0.722 / 0.000 / 0.975) and
// its misses read; it is in no training. heldout10 (split heldout, not named
// blind*, so no training reads it; written like blind9 in the next round)
// was measured at 79bd9db (0.712 / 0.043 / 0.941) and 3083410 (0.835 /
// 0.009 / 0.979), the summaries only, and once after the round that trained
// on blind9 and v8-train (0.856 / 0.017 / 0.983; 0.863 / 0.017 / 0.984 once
// scoring used the saved contact's K: words as training did), and once after
// the v9-train round (0.899 / 0.009 / 0.990) and the v10-train round (0.899
// / 0.009 / 0.991), its misses still unread. heldout11 (split heldout; two
// sessions that never read the screener, from the same guideline) was
// measured before the v9-train round (64e08d6: 0.906 / 0.008 / 0.995), after
// it (ddd9b1f: 0.950 / 0.000 / 0.997) and after the v10-train round (0.931 /
// 0.000 / 1.000). heldout12 and heldout13 (written the same way, by four more
// such sessions) were measured at ddd9b1f (0.922 / 0.037 / 0.987 and 0.924 /
// 0.018 / 0.994) and after the v10-train round (0.922 / 0.019 / 0.993 and
// 0.917 / 0.018 / 0.997), the summaries only. published9 fell to 0.778 after
// the v9-train round and 0.741 after the v10-train round (40 of 54).
// heldout14 (two more such sessions, written after the v10-train round) was
// measured once, on the screener of that round: 0.917 / 0.028 / 0.992.
// heldout15 (two more such sessions, written before the v11-train round) was
// measured once on the screener of the v10-train round (0.968 / 0.000 /
// 0.999). After the v11-train round (chosen by leave-one-set-out, not on
// these sets), the summaries only: heldout10 0.906 / 0.017 / 0.992,
// heldout11 0.931 / 0.000 / 0.999, heldout12 0.950 / 0.019 / 0.993,
// heldout13 0.965 / 0.018 / 0.996, heldout14 0.932 / 0.028 / 0.991,
// heldout15 0.978 / 0.000 / 0.999, published9 0.778 / 0.000 / 0.957.
// heldout16 (two more such sessions, written after that round's change)
// was measured once, on that screener: 0.968 / 0.000 / 0.998.
// published10 (quoted from public warnings by a helper that opened nothing
// of the screener: 68 scams, 15 genuine messages, nearly all English) was
// measured once on that screener: 0.779 / 0.467 / 0.759 — real wording,
// and above all real genuine alerts, are where the screener fails. After
// the v12-train round (genuine official alerts and their imitations; chosen
// by leave-one-set-out): heldout10 0.906 / 0.009 / 0.993, heldout11 0.931 /
// 0.000 / 1.000, heldout12 0.950 / 0.019 / 0.993, heldout13 0.972 / 0.009 /
// 0.996, heldout14 0.932 / 0.028 / 0.992, heldout15 0.978 / 0.000 / 0.999,
// heldout16 0.968 / 0.000 / 0.998, published9 0.759 / 0.000 / 0.969,
// published10 0.765 / 0.267 / 0.810.
// heldout17 (three more such sessions, written in the next round) and
// published11 (quoted from public warnings by one more helper that opened
// nothing of the screener: 48 scams, 29 genuine messages) were measured
// once on that screener, before anything else of the round: 0.935 / 0.022 /
// 0.996 and 0.812 / 0.241 / 0.861. That round kept no training batch
// (leave-one-set-out got worse with each), so these are still their only
// figures.
// published12 (161 genuine messages quoted from public pages by four more
// helpers that opened nothing of the screener, 143 of them scam warnings as
// people forward them; no scams, so no recall or AUC) was measured on the
// shipped screener before anything else of its round: FPR 0.205 (33/161).
// It was measured again for each candidate of that round (docs/screening.md,
// "The published12 round"), the summary only; the one kept leaves it at
// 0.205.
// Each floor is one to three messages under today's figure, so losing accuracy
// on real messages fails here.
const BlindSet kBlindSets[] = {
    {"blind2.jsonl", "blind2", {"corpus.jsonl"}, 150, 0.80, 0.04, 0.96},
    {"blind3.jsonl", "blind3", {"corpus.jsonl", "blind2.jsonl"}, 200, 0.68, 0.03, 0.93},
    {"blind4.jsonl", "blind4", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl"}, 30, 0.84, 0.08, 0.95},
    {"blind5.jsonl", "blind5", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl"}, 150, 0.76, 0.02, 0.95},
    {"blind6.jsonl", "blind6", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl"}, 100, 0.64, 0.05, 0.90},
    {"blind7.jsonl", "blind7", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl"}, 90, 0.70, 0.05, 0.95},
    {"blind8.jsonl", "blind8", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl"}, 220, 0.95, 0.03, 0.99, false},
    {"blind9.jsonl", "blind9", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl"}, 290, 0.97, 0.02, 0.99, false},
    {"heldout10.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl"}, 250, 0.87, 0.026, 0.98, false},
    {"heldout11.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl"}, 280, 0.91, 0.02, 0.99, false},
    {"heldout12.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl"}, 240, 0.92, 0.03, 0.98, false},
    {"heldout13.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl"}, 250, 0.94, 0.03, 0.99, false},
    {"heldout14.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl"}, 230, 0.905, 0.037, 0.98, false},
    {"heldout15.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl", "heldout14.jsonl"}, 175, 0.94, 0.024, 0.99, false},
    {"heldout16.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl", "heldout14.jsonl", "heldout15.jsonl"}, 170, 0.93, 0.025, 0.99, false},
    {"published9.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl"}, 55, 0.72, 0.17, 0.95, true, false},
    {"published10.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl", "heldout14.jsonl", "heldout15.jsonl", "heldout16.jsonl"}, 80, 0.72, 0.34, 0.75, true, false},
    {"heldout17.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl", "heldout14.jsonl", "heldout15.jsonl", "heldout16.jsonl", "published10.jsonl"}, 190, 0.915, 0.04, 0.99, false},
    {"published11.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl", "heldout14.jsonl", "heldout15.jsonl", "heldout16.jsonl", "published10.jsonl", "heldout17.jsonl"}, 75, 0.77, 0.32, 0.82, true, false},
    {"published12.jsonl", "heldout", {"corpus.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "published9.jsonl", "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl", "heldout13.jsonl", "heldout14.jsonl", "heldout15.jsonl", "heldout16.jsonl", "published10.jsonl", "heldout17.jsonl", "published11.jsonl"}, 160, 0.0, 0.225, 0.0, false, true},
};

// Test names and failure messages show the set, not its bytes.
std::string SetName(const BlindSet& set) {
  std::string name = set.file;
  return name.substr(0, name.find('.'));
}
void PrintTo(const BlindSet& set, std::ostream* os) { *os << SetName(set); }

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

class BlindSets : public ::testing::TestWithParam<BlindSet> {};

TEST_P(BlindSets, AreSeparateFromTheCorpusAndEarlierSetsAndHaveProvenance) {
  const BlindSet& set = GetParam();
  const auto blind = Load(set.file);
  ASSERT_GE(blind.size(), set.min_size);
  std::set<std::string> earlier_ids, earlier_texts, ids, texts;
  for (const char* file : set.earlier) {
    for (const auto& e : Load(file)) {
      earlier_ids.insert(e.id);
      earlier_texts.insert(Squash(e.text));
    }
  }
  int scams = 0, benign = 0;
  for (const auto& e : blind) {
    EXPECT_TRUE(ids.insert(e.id).second) << "duplicate id " << e.id;
    EXPECT_TRUE(texts.insert(Squash(e.text)).second) << "duplicate message " << e.id;
    EXPECT_FALSE(earlier_ids.count(e.id)) << e.id << " is also an id of an earlier set";
    EXPECT_FALSE(earlier_texts.count(Squash(e.text))) << e.id << " is a message of an earlier set";
    EXPECT_EQ(e.split, set.split) << e.id;
    EXPECT_TRUE(e.lang == "nl" || e.lang == "en") << e.id;
    EXPECT_EQ(e.family.rfind("benign", 0) == 0, e.label == Label::kNone) << e.id << " " << e.family;
    if (e.label == Label::kNone) {
      ++benign;
    } else {
      ++scams;
      if (set.quoted_scams) {
        EXPECT_EQ(e.origin, "published") << e.id << ": blind scams are quoted from public warnings";
      }
    }
    if (e.origin == "published") {
      EXPECT_EQ(e.url.rfind("http", 0), 0u) << e.id;
      if (set.quoted_scams) {
        EXPECT_FALSE(e.date.empty()) << e.id;
      }
    } else {
      EXPECT_EQ(e.origin, "composed") << e.id;
    }
  }
  if (set.quoted_scams && set.negatives_at_least_scams) {
    EXPECT_GE(benign, scams) << "hard negatives at least as many as scams";
  }
}

TEST_P(BlindSets, Floors) {
  const BlindSet& set = GetParam();
  const auto blind = Load(set.file);
  auto screener = Screener::Create();
  ASSERT_TRUE(screener.ok());
  const EvalReport r = Evaluate(**screener, blind);
  std::cout << FormatReport(r, SetName(set));
  EXPECT_GE(r.Recall(), set.recall_floor);
  EXPECT_LE(r.FalsePositiveRate(), set.fpr_ceiling);
  if (r.scams > 0) {  // published12 has no scams: no ROC curve
    EXPECT_GE(r.auc, set.auc_floor);
  }
}

INSTANTIATE_TEST_SUITE_P(Screen, BlindSets, ::testing::ValuesIn(kBlindSets),
                         [](const auto& info) { return SetName(info.param); });

}  // namespace
}  // namespace zicht::screen

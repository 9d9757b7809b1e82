// The shipped model is reproducible: retraining with screen_train on the
// shipped corpus and signals gives data/screening/model.tsv byte for byte
// (fixed seed, fixed folds, sorted features). Fails when patterns, variants,
// brands or the corpus changed without `scripts/train-screening-model`.
#include <gtest/gtest.h>

#include <cstdlib>

#include "testutil/testutil.h"

namespace zicht {
namespace {

TEST(ScreenTrain, RetrainingReproducesTheShippedModel) {
  const std::string out = ::testing::TempDir() + "zicht-model-" + std::to_string(::getpid()) + ".tsv";
  // As scripts/train-screening-model: the corpus and every blind set (the
  // shell expands the glob in sorted order, as the script's does).
  const std::string data = testutil::SourceDir() + "/tests/data/screening";
  const std::string cmd = std::string(ZICHT_SCREEN_TRAIN) + " " + data + "/corpus.jsonl " + data + "/blind*.jsonl > " +
                          out + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const std::string retrained = testutil::ReadFile(out);
  std::remove(out.c_str());
  EXPECT_EQ(retrained, testutil::ReadFile(testutil::SourceDir() + "/data/screening/model.tsv"))
      << "data/screening/model.tsv is stale: run scripts/train-screening-model";
}

}  // namespace
}  // namespace zicht

#pragma once
// LinearModel — the learned scam classifier of message screening
// (docs/screening.md, "Learned model"): an L2-regularised logistic
// regression trained by LIBLINEAR (screen_train, scripts/train-screening-model)
// over the features of features.h, with Platt calibration so the output is a
// probability. This class only scores; it does not link LIBLINEAR.
//
// File (data/screening/model.tsv), tab-separated, '#' comments:
//   bias         B            intercept of the decision value
//   calibration  A  C         probability = 1 / (1 + exp(A * decision + C))
//   threshold    T            a message is a scam when probability >= T
//   KEY          W            one line per feature with a non-zero weight
// decision = B + sum(W of text keys) / sqrt(n text keys) + sum(W of signal keys)
//
// Keys are hashed (64-bit FNV-1a, features.h) into an open-addressing table
// at load. Scoring hashes each key as features.h enumerates it, without
// writing it out, and looks the hashes up with their buckets prefetched ahead,
// so it allocates nothing per message. The table is made of 64-byte buckets,
// one cache line each, of 8 entries (a 32-bit fingerprint from the hash's
// high half and a float weight); a key is looked for in the bucket its hash
// names and, only while buckets are full, in the next ones. The ~38,000
// weights of the shipped model take 8,192 buckets (512 KiB, see Parse()).
// Two keys that share a bucket and a fingerprint (odds about 1 in 10^5 per
// message) would share a weight.
// Immutable after Parse(); thread-safe.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "screen/signal.h"

namespace zicht::screen {

class LinearModel {
 public:
  //! Errors are kInvalidArgument "model.tsv:LINE:COLUMN: ...". A file with no
  //! feature lines is valid and empty().
  static Result<std::shared_ptr<const LinearModel>> Parse(std::string_view text);

  bool empty() const { return features_ == 0; }
  size_t feature_count() const { return features_; }
  double threshold() const { return threshold_; }

  //! Sum of the text-feature weights of `words` and how many text features it
  //! has (for a thread, sums of several messages add up). `sender_known`
  //! adds the saved contact's `K:` words, as in training (features.h).
  std::pair<double, int> TextSum(std::string_view words, bool sender_known) const;
  //! Decision value from a text sum and the signals.
  double Decision(std::pair<double, int> text_sum, SignalSet signals, bool sender_known) const;
  //! Calibrated probability of a decision value.
  double Probability(double decision) const;

  //! The `n` features of `words`/`signals` that push the decision most
  //! toward "scam", with their contributions (for explanations).
  std::vector<std::pair<std::string, double>> TopFeatures(std::string_view words, SignalSet signals,
                                                          bool sender_known, size_t n) const;

 private:
  LinearModel() = default;
  double Weight(std::string_view key) const;
  double Weight(uint64_t hash) const;
  void Insert(uint64_t hash, float weight);

  static constexpr int kBucketEntries = 8;
  // Filled from the front and never emptied: a bucket is full when its last
  // fingerprint is set.
  struct alignas(64) Bucket {
    uint32_t fingerprint[kBucketEntries] = {};  // 0 = empty
    float weight[kBucketEntries] = {};
  };
  std::vector<Bucket> buckets_;
  uint64_t mask_ = 0;
  size_t features_ = 0;
  double bias_ = 0;
  double calibration_a_ = -1;  // identity-ish default: probability = sigmoid(decision)
  double calibration_c_ = 0;
  double threshold_ = 0.5;
};

}  // namespace zicht::screen

#include "screen/linear_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "screen/features.h"
#include "screen/text_lines.h"

namespace zicht::screen {
namespace {

Status At(int line, int column, const std::string& message) {
  return Status::InvalidArgument("model.tsv:" + std::to_string(line) + ":" + std::to_string(column) + ": " + message);
}

bool ParseDouble(std::string_view s, double* out) {
  const std::string copy(s);
  char* end = nullptr;
  *out = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size() && std::isfinite(*out);
}

}  // namespace

Result<std::shared_ptr<const LinearModel>> LinearModel::Parse(std::string_view text) {
  std::shared_ptr<LinearModel> m(new LinearModel());
  std::vector<std::pair<uint64_t, float>> entries;
  ZICHT_RETURN_IF_ERROR(ForEachTextLine(text, [&](int line_no, std::string_view line) -> Status {
    if (line.empty() || line[0] == '#') return Status::Ok();
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) return At(line_no, 1, "expected KEY <TAB> NUMBER");
    const std::string_view key = line.substr(0, tab);
    std::string_view rest = line.substr(tab + 1);
    const int rest_column = static_cast<int>(tab) + 2;
    if (key == "calibration") {
      const size_t tab2 = rest.find('\t');
      if (tab2 == std::string_view::npos || !ParseDouble(rest.substr(0, tab2), &m->calibration_a_) ||
          !ParseDouble(rest.substr(tab2 + 1), &m->calibration_c_)) {
        return At(line_no, rest_column, "calibration takes two numbers A <TAB> C");
      }
      return Status::Ok();
    }
    double value = 0;
    if (!ParseDouble(rest, &value)) return At(line_no, rest_column, "not a number: \"" + std::string(rest) + "\"");
    if (key == "bias") {
      m->bias_ = value;
    } else if (key == "threshold") {
      if (value <= 0 || value >= 1) return At(line_no, rest_column, "threshold must be between 0 and 1");
      m->threshold_ = value;
    } else if (key.size() > 2 && key[1] == ':' && (key[0] == 'w' || key[0] == 'b' || key[0] == 'c' || key[0] == 's' ||
                                                   key[0] == 'k' || key[0] == 'K')) {
      entries.emplace_back(FeatureHash(key), static_cast<float>(value));
    } else {
      return At(line_no, 1, "unknown key \"" + std::string(key) +
                                "\" (bias, calibration, threshold, or w:/b:/c:/s:/k:/K: features)");
    }
    return Status::Ok();
  }));
  // At most 60 % full: nearly every look-up is for a key the model does not
  // have, and it ends in the first bucket unless that bucket is full (at
  // 4.7 entries a bucket on average, about 1 in 10). Not emptier: the table
  // must stay in cache. The model of the v10-train round (35,484 weights) at
  // most half full took 131,072 slots (1 MiB) and screened 21,121 messages
  // per CPU-second (median of 3, screen_bench); in 65,536 slots (512 KiB,
  // load 0.54) 26,709 on the same machine.
  const size_t slots = std::bit_ceil(std::max<size_t>(16, entries.size() * 5 / 3));
  m->buckets_.assign(slots / kBucketEntries, Bucket{});
  m->mask_ = slots / kBucketEntries - 1;
  for (const auto& [hash, weight] : entries) m->Insert(hash, weight);
  m->features_ = entries.size();
  return std::shared_ptr<const LinearModel>(std::move(m));
}

namespace {
uint32_t Fingerprint(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }
}  // namespace

void LinearModel::Insert(uint64_t hash, float weight) {
  const uint32_t fp = Fingerprint(hash);
  for (uint64_t b = hash & mask_;; b = (b + 1) & mask_) {
    Bucket& bucket = buckets_[b];
    for (int j = 0; j < kBucketEntries; ++j) {
      if (bucket.fingerprint[j] == 0 || bucket.fingerprint[j] == fp) {
        bucket.fingerprint[j] = fp;
        bucket.weight[j] += weight;  // a key listed twice adds up, as in training
        return;
      }
    }
  }
}

double LinearModel::Weight(std::string_view key) const { return Weight(FeatureHash(key)); }

double LinearModel::Weight(uint64_t hash) const {
  const uint32_t fp = Fingerprint(hash);
  for (uint64_t b = hash & mask_;; b = (b + 1) & mask_) {
    const Bucket& bucket = buckets_[b];
    // The eight fingerprints compared at once, without a branch each:
    // whether a key is in the model is a coin toss the branch predictor
    // cannot learn, and the one-slot-at-a-time table before took a
    // mispredicted branch on most look-ups. Alternated screen_bench runs:
    // 40,494-42,247 messages per CPU-second with slots, 43,595-45,006 with
    // these buckets; a plain loop over the eight (not vectorised by GCC 12)
    // was slower than the slots.
#if defined(__SSE2__)
    const __m128i want = _mm_set1_epi32(static_cast<int>(fp));
    const auto* f = reinterpret_cast<const __m128i*>(bucket.fingerprint);
    const unsigned found =
        static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(f), want)))) |
        static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(f + 1), want)))) << 4;
#else
    unsigned found = 0;
    for (int j = 0; j < kBucketEntries; ++j) found |= static_cast<unsigned>(bucket.fingerprint[j] == fp) << j;
#endif
    if (found != 0) return bucket.weight[std::countr_zero(found)];
    if (bucket.fingerprint[kBucketEntries - 1] == 0) return 0;
  }
}

std::pair<double, int> LinearModel::TextSum(std::string_view words, bool sender_known) const {
  // Hash every feature first, then look them up with the slot kPrefetchAhead
  // look-ups on already requested: the ~340 probes of a message are
  // independent loads that mostly miss the L1, and requested ahead they
  // overlap instead of each waiting for the last.
  constexpr size_t kPrefetchAhead = 16;
  thread_local std::vector<uint64_t> hashes;
  hashes.clear();
  ForEachFeatureKey<KeyHash>(
      words, SignalSet{}, sender_known, [&](uint64_t hash) { hashes.push_back(hash); }, [](uint64_t) {});
  const size_t n = hashes.size();
  for (size_t i = 0; i < std::min(n, kPrefetchAhead); ++i) __builtin_prefetch(&buckets_[hashes[i] & mask_]);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchAhead < n) __builtin_prefetch(&buckets_[hashes[i + kPrefetchAhead] & mask_]);
    sum += Weight(hashes[i]);
  }
  return {sum, static_cast<int>(n)};
}

double LinearModel::Decision(std::pair<double, int> text_sum, SignalSet signals, bool sender_known) const {
  double d = bias_ + text_sum.first * TextFeatureValue(text_sum.second);
  ForEachFeatureKey<KeyHash>(std::string_view(), signals, sender_known, [](uint64_t) {},
                    [&](uint64_t hash) { d += Weight(hash); });
  return d;
}

double LinearModel::Probability(double decision) const {
  return 1.0 / (1.0 + std::exp(calibration_a_ * decision + calibration_c_));
}

std::vector<std::pair<std::string, double>> LinearModel::TopFeatures(std::string_view words, SignalSet signals,
                                                                     bool sender_known, size_t n) const {
  std::vector<std::pair<std::string, double>> text, all;
  ForEachFeature(
      words, signals, sender_known, [&](std::string_view key) { text.emplace_back(std::string(key), Weight(key)); },
      [&](std::string_view key) { all.emplace_back(std::string(key), Weight(key)); });
  const double value = TextFeatureValue(static_cast<int>(text.size()));
  for (auto& [key, w] : text) all.emplace_back(std::move(key), w * value);
  // A positive weight pushes toward "scam" (screen_train orients the model so).
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  all.erase(std::remove_if(all.begin(), all.end(), [](const auto& e) { return e.second <= 0; }), all.end());
  if (all.size() > n) all.resize(n);
  return all;
}

}  // namespace zicht::screen

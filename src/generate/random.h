#pragma once
// The generator's random source: a seeded std::mt19937_64 plus the few
// distributions the generator needs, written out by hand.
//
// Why not <random>'s distributions: std::mt19937_64 is fully specified by the
// standard, but uniform_int_distribution, normal_distribution and
// discrete_distribution are not — libstdc++ and libc++ give different
// numbers for the same engine state. `zicht generate --seed S` promises
// byte-identical output for a seed, so every draw goes through these
// functions, which only use the engine's raw 64-bit output.
//
// Thread-safety: none; one Rng per generator, passed in, never global.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>

namespace zicht::generate {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Bits() { return engine_(); }

  //! Uniform in [0, n). REQUIRES: n > 0. Multiply-shift (Lemire); the bias
  //! of at most n/2^64 is far below anything a synthetic data set shows.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }

  //! Uniform in [lo, hi], both inclusive. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  //! Uniform in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Unit() < p; }

  //! Standard normal (Box-Muller, one value per call: simple, not fastest).
  double Normal() {
    double u1 = 1.0 - Unit();  // (0, 1]: log is finite
    double u2 = Unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  //! Log-normal with the given median and shape sigma.
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }

 private:
  std::mt19937_64 engine_;
};

//! A small fixed table of weights; Pick returns an index with probability
//! weight / total. Linear scan: the tables here have ≤ 20 entries.
template <size_t N>
struct Weights {
  std::array<double, N> w;

  size_t Pick(Rng& rng) const {
    double total = 0;
    for (double x : w) total += x;
    double r = rng.Unit() * total;
    for (size_t i = 0; i < N; ++i) {
      if (r < w[i]) return i;
      r -= w[i];
    }
    return N - 1;
  }
};

//! A uniformly chosen element of `items`.
template <typename T, size_t N>
const T& PickFrom(Rng& rng, const std::array<T, N>& items) {
  return items[rng.Below(N)];
}

}  // namespace zicht::generate

#pragma once
// Test-only: the concurrency check the normaliser tests share. The
// normalisers keep process-wide memo tables (phone prefixes, URL domains), so
// their tests run the same inputs from several threads at once.
#include <string>
#include <thread>
#include <vector>

namespace zicht::normalize {

//! Runs `norm` over `inputs` from 4 threads at once; returns, per thread, how
//! many answers differed from `expected` (all zeros when thread-safe).
template <typename Fn>
std::vector<int> MismatchesFromThreadsForTest(const std::vector<std::string>& inputs,
                                              const std::vector<std::string>& expected, Fn norm) {
  constexpr int kThreads = 4;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < inputs.size(); ++i) {
        if (norm(inputs[i]) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return mismatches;
}

}  // namespace zicht::normalize

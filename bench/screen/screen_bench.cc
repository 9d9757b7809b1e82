// screen_bench CORPUS.jsonl [SECONDS] — screens the corpus over and over in
// process, on 1 thread and on all cores, and prints messages per second; then
// recall, false-positive rate and ROC on the corpus's held-out split. Plain std::chrono loop: one Screen()
// call is a few microseconds, so per-call timer overhead would distort it;
// we time whole passes over the corpus instead.
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "screen/corpus_eval.h"

namespace {

using Clock = std::chrono::steady_clock;

// Messages per second over `seconds` of wall time with `threads` threads
// sharing one Screener (as the HTTP workers do).
double Throughput(const zicht::screen::Screener& screener, const std::vector<zicht::screen::CorpusEntry>& corpus,
                  int threads, double seconds) {
  std::atomic<long> screened{0};
  std::atomic<int> sink{0};  // keeps the results observable
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      long n = 0;
      int labels = 0;
      while (Clock::now() < deadline) {
        for (const auto& e : corpus) labels += static_cast<int>(screener.Screen(e.text, e.sender_known).label);
        n += static_cast<long>(corpus.size());
      }
      screened += n;
      sink += labels;
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(screened.load()) / elapsed;
}

// Messages per CPU-second of one thread: what one core does when it is not
// shared. Reported next to the wall-clock figure because the dev machine is
// shared by several builds; the verdict uses the wall clock.
double CpuThroughput(const zicht::screen::Screener& screener, const std::vector<zicht::screen::CorpusEntry>& corpus,
                     double seconds) {
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  const double start = cpu_now();
  long n = 0;
  int labels = 0;
  while (cpu_now() - start < seconds) {
    for (const auto& e : corpus) labels += static_cast<int>(screener.Screen(e.text, e.sender_known).label);
    n += static_cast<long>(corpus.size());
  }
  std::atomic_signal_fence(std::memory_order_seq_cst);
  return labels < 0 ? 0 : static_cast<double>(n) / (cpu_now() - start);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: screen_bench CORPUS.jsonl [SECONDS]\n");
    return 2;
  }
  const double seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  std::stringstream ss;
  ss << file.rdbuf();
  auto corpus = zicht::screen::ParseCorpus(ss.str());
  if (!corpus.ok()) {
    std::fprintf(stderr, "%s\n", corpus.status().ToString().c_str());
    return 1;
  }
  auto screener = zicht::screen::Screener::Create();
  if (!screener.ok()) {
    std::fprintf(stderr, "%s\n", screener.status().ToString().c_str());
    return 1;
  }
  size_t bytes = 0;
  for (const auto& e : *corpus) bytes += e.text.size();
  Throughput(**screener, *corpus, 1, 0.2);  // warm the RE2 DFA caches
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::printf("messages=%zu avg_bytes=%zu\n", corpus->size(), bytes / corpus->size());
  std::printf("threads=1 messages_per_s=%.0f\n", Throughput(**screener, *corpus, 1, seconds));
  std::printf("threads=%d messages_per_s=%.0f\n", cores, Throughput(**screener, *corpus, cores, seconds));
  std::printf("cpu_messages_per_s=%.0f\n", CpuThroughput(**screener, *corpus, seconds));
  // Accuracy on the held-out split (not used to write patterns or train),
  // with and without the script-made spelling variants.
  for (bool originals_only : {false, true}) {
    const auto heldout = zicht::screen::FilterCorpus(*corpus, {"heldout", originals_only});
    if (heldout.empty()) continue;
    const auto report = zicht::screen::Evaluate(**screener, heldout);
    std::printf("heldout%s %s\n", originals_only ? "_originals" : "", zicht::screen::SummaryLine(report).c_str());
    if (!originals_only) std::printf("%s", zicht::screen::FormatReport(report, "held-out split").c_str());
  }
  return 0;
}

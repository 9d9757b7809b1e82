// ingest_stages_bench FILE.jsonl DB [MAX_LINES]
// Times the two halves of the ingest pipeline separately on one thread each:
//   parse   — RapidJSON parse + validate + normalise, reports/s
//   store   — SqliteStore::UpsertBatch in batches of 10k into a fresh DB, reports/s
// and the same per CPU second of the thread (parse_cpu, store_cpu), which
// holds also when other processes share the machine.
// `zicht ingest` runs them on two threads, so its rate is about the slower of
// the two. Prints "stage reports_per_second" lines.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "ingest/ingester.h"
#include "ingest/json_line.h"
#include "ingest/line_reader.h"
#include "store/store.h"

// CPU seconds of this thread: robust when other processes share the cores.
static double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  using namespace zicht;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s FILE.jsonl DB [MAX_LINES]\n", argv[0]);
    return 2;
  }
  size_t max_lines = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 200000;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  ingest::LineReader lines(in);
  ingest::JsonLineParser parser;
  ingest::ValidatedReport v;
  std::vector<model::Report> reports;
  reports.reserve(max_lines);
  std::string_view line;
  auto t0 = std::chrono::steady_clock::now();
  double c0 = ThreadCpu();
  while (reports.size() < max_lines && lines.Next(&line)) {
    if (!parser.Parse(line, &v)) reports.push_back(std::move(v.report));
  }
  auto t1 = std::chrono::steady_clock::now();
  double c1 = ThreadCpu();
  auto store = store::OpenSqliteStore(argv[2]);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto t2 = std::chrono::steady_clock::now();
  double c2 = ThreadCpu();
  for (size_t i = 0; i < reports.size(); i += ingest::kDefaultBatchSize) {
    size_t end = std::min(reports.size(), i + ingest::kDefaultBatchSize);
    std::vector<model::Report> batch(std::make_move_iterator(reports.begin() + i),
                                     std::make_move_iterator(reports.begin() + end));
    auto r = (*store)->UpsertBatch(batch);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
  }
  auto t3 = std::chrono::steady_clock::now();
  double c3 = ThreadCpu();
  double parse_s = std::chrono::duration<double>(t1 - t0).count();
  double store_s = std::chrono::duration<double>(t3 - t2).count();
  std::printf("parse %.0f\n", reports.size() / parse_s);
  std::printf("store %.0f\n", reports.size() / store_s);
  std::printf("parse_cpu %.0f\n", reports.size() / (c1 - c0));
  std::printf("store_cpu %.0f\n", reports.size() / (c3 - c2));
  return 0;
}

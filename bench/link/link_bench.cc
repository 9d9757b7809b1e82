// link_bench: what bench/parts/20-link.sh measures (docs/linking.md,
// "Performance").
//
//   link_bench --reports N [--seed S] [--edges FILE] [--labels FILE]
//
// Reports come from generate/'s Generator (planted networks, spoofed bank
// numbers, placeholders, typo IBANs) and are normalised with normalize/,
// one at a time, so that 10M reports never sit in memory at once.
// Generation and normalisation are NOT timed. Timed are:
//   incremental  IdentifierIndex::Upsert + Components::Link per report — what
//                Engine::Apply does for every ingested report;
//   scratch      Components::Build over the finished index — clustering
//                all N reports from scratch (union-find over every linking
//                identifier's postings);
// Memory: index + components bytes (allocator overhead included) per
// distinct identifier (URL domains not counted as identifiers).
// With --edges, writes the report graph for networkx ("N" on the first
// line, then "a b" per edge: consecutive linking reports of each
// identifier, which has the same components as the full clique); with
// --labels, each report's component as its smallest member index.
// Output: key=value lines for the shell part to format.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "generate/generator.h"
#include "link/components.h"
#include "link/engine.h"
#include "link/identifier_index.h"
#include "normalize/normalize.h"

namespace {

using Timer = std::chrono::steady_clock;

double Seconds(Timer::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  uint64_t n = 1000000;
  uint64_t seed = 7;
  std::string edges_path, labels_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--reports") n = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--edges") edges_path = argv[i + 1];
    else if (flag == "--labels") labels_path = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: link_bench --reports N [--seed S] [--edges FILE] [--labels FILE]\n");
      return 2;
    }
  }
  using namespace zicht;
  generate::GeneratorOptions options;
  options.seed = seed;
  options.planned_reports = n;
  generate::Generator generator(options);
  link::WarningListMatcher lists(link::ShippedWarningLists());
  link::IdentifierIndex index(&lists);
  link::Components incremental;

  Timer::duration timed{};
  auto wall = Timer::now();
  store::StoredReport stored;
  for (uint64_t i = 0; i < n; ++i) {
    generator.Next(&stored.report);
    for (auto& id : stored.report.identifiers) normalize::NormalizeIdentifier(id);
    stored.row_id = static_cast<int64_t>(i + 1);
    auto t0 = Timer::now();
    auto effect = index.Upsert(stored);
    incremental.Grow(index);
    incremental.Link(index, effect.report);
    timed += Timer::now() - t0;
  }
  double generate_s = Seconds(Timer::now() - wall) - Seconds(timed);

  // What BuildEngine does after loading the store: the start-up state.
  index.ShrinkToFit();
  link::Components scratch;
  auto t0 = Timer::now();
  scratch.Build(index);
  double scratch_s = Seconds(Timer::now() - t0);

  // Both must give the same partition.
  incremental.Flatten();
  uint64_t mismatches = 0, clustered = 0, clusters = 0, largest = 0;
  for (uint32_t r = 0; r < index.report_count(); ++r) {
    uint32_t a = incremental.Find(r), b = scratch.Find(r);
    if (incremental.Smallest(a) != scratch.Smallest(b) || incremental.Size(a) != scratch.Size(b)) ++mismatches;
    if (scratch.Size(b) >= 2) {
      ++clustered;
      if (b == r) ++clusters;
      largest = std::max<uint64_t>(largest, scratch.Size(b));
    }
  }

  int64_t idents = index.LiveIdentifiers() - index.LiveDomains();
  int64_t bytes = index.Bytes() + scratch.Bytes();

  if (!edges_path.empty()) {
    std::ofstream out(edges_path);
    out << index.report_count() << "\n";
    for (uint32_t ident = 0; ident < index.ident_count(); ++ident) {
      uint32_t prev = UINT32_MAX;
      for (uint32_t p : index.postings(ident)) {
        if (!index.Links(ident, p)) continue;
        uint32_t r = link::EntryIndex(p);
        if (prev != UINT32_MAX && prev != r) out << prev << ' ' << r << '\n';
        prev = r;
      }
    }
  }
  if (!labels_path.empty()) {
    // Label = smallest report index in the component (not the key order).
    std::vector<uint32_t> min_index(index.report_count(), UINT32_MAX);
    for (uint32_t r = 0; r < index.report_count(); ++r) {
      uint32_t root = scratch.Find(r);
      min_index[root] = std::min(min_index[root], r);
    }
    std::ofstream out(labels_path);
    for (uint32_t r = 0; r < index.report_count(); ++r) out << min_index[scratch.Find(r)] << '\n';
  }

  if (std::getenv("LINK_BENCH_BREAKDOWN")) std::printf("breakdown: %s\n", index.BytesBreakdownForTest().c_str());
  std::printf("reports=%u\n", index.report_count());
  std::printf("generate_normalize_s=%.2f\n", generate_s);
  std::printf("scratch_s=%.3f\n", scratch_s);
  std::printf("incremental_us_per_report=%.3f\n", Seconds(timed) * 1e6 / static_cast<double>(n));
  std::printf("identifiers=%lld\n", static_cast<long long>(idents));
  std::printf("bytes_per_identifier=%.1f\n", static_cast<double>(bytes) / static_cast<double>(idents));
  std::printf("bytes_per_index_key=%.1f\n", static_cast<double>(bytes) / static_cast<double>(index.LiveIdentifiers()));
  std::printf("clusters=%llu clustered_reports=%llu largest=%llu\n", static_cast<unsigned long long>(clusters),
              static_cast<unsigned long long>(clustered), static_cast<unsigned long long>(largest));
  std::printf("incremental_equals_scratch=%s\n", mismatches == 0 ? "yes" : "no");
  return mismatches == 0 ? 0 : 1;
}

// store_scan_bench DB: times a full ScanReports and a ScanIndexFields over
// every report of DB (read only), each after a warm-up pass so both read
// from the page cache. Prints one line per scan: reports, seconds.
#include <chrono>
#include <cstdio>
#include <functional>

#include "store/store.h"

namespace {

using ScanFn = std::function<zicht::Status(const std::function<zicht::Status(const zicht::store::StoredReport&)>&)>;

int Time(const char* name, const ScanFn& scan) {
  int64_t reports = 0, identifiers = 0;
  auto count = [&](const zicht::store::StoredReport& r) {
    ++reports;
    identifiers += static_cast<int64_t>(r.report.identifiers.size());
    return zicht::Status::Ok();
  };
  auto start = std::chrono::steady_clock::now();
  zicht::Status s = scan(count);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) {
    std::fprintf(stderr, "store_scan_bench: %s: %s\n", name, s.ToString().c_str());
    return 1;
  }
  std::printf("%-16s %10lld reports %10lld identifiers %8.2f s\n", name, static_cast<long long>(reports),
              static_cast<long long>(identifiers), seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: store_scan_bench DB\n");
    return 2;
  }
  auto store = zicht::store::OpenSqliteStore(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "store_scan_bench: %s\n", store.status().ToString().c_str());
    return 1;
  }
  zicht::store::Store& st = **store;
  ScanFn full = [&](const auto& fn) { return st.ScanReports(fn); };
  ScanFn index = [&](const auto& fn) { return st.ScanIndexFields(fn); };
  int rc = Time("warm-up", full);
  rc |= Time("ScanReports", full);
  rc |= Time("ScanIndexFields", index);
  return rc;
}

// audit_bench DIR [ENTRIES] [BATCH] [LEGACY_ENTRIES]: the audit store's cost
// per entry, in process, on a fresh database in DIR. Entries look like the
// server's: mostly `POST /v1/check` from a few partners and keys with a few
// purposes, a random 64-hex pseudonym each, one second per ~1000 entries.
// Prints one line per figure for bench/parts/35-audit.sh:
//   encode <µs/entry CPU> <bytes/entry>   EncodeAuditSegment alone, and the blob size
//   encode_hot <µs/entry CPU>             the same batch over and over (entries in cache)
//   append <µs/entry CPU> <µs/entry wall> AuditStore::Append, BATCH entries per call
//   bytes <database bytes/entry>          file + WAL after the appends
//   scan <entries/s CPU> <matches>        Query by one pseudonym: decodes every segment
//   tail <ms wall>                        Query with limit 100 (newest segments only)
//   legacy <µs/entry CPU>                 the previous schema (row per entry + pseudonym
//                                         index), LEGACY_ENTRIES rows, same batches; 0 = skip
// CPU time, not wall time, is the figure: the machine is shared.
#include <sqlite3.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "store/audit_segment.h"
#include "store/audit_store.h"

namespace {

using zicht::store::AuditEntry;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<AuditEntry> Generate(size_t n, std::mt19937_64& rng) {
  static const char* kPartners[] = {"rabobank", "ing", "abnamro", "politie", "fraudehelpdesk", "bunq"};
  static const char* kKinds[] = {"iban", "phone", "email", "url"};
  static const char* kPurposes[] = {"", "fraud check on payment", "onderzoek zaak 2026-0412", "klantmelding"};
  static const char* kResults[] = {"none", "low", "medium", "high"};
  constexpr std::string_view kHex = zicht::kLowerHexDigits;
  std::vector<AuditEntry> v(n);
  for (size_t i = 0; i < n; ++i) {
    AuditEntry& e = v[i];
    e.at = 1767225600 + static_cast<int64_t>(i / 1000);
    size_t p = rng() % 6;
    e.partner = kPartners[p];
    e.key_id = std::string("key") + kHex[p] + kHex[rng() % 2];
    e.endpoint = "POST /v1/check";
    e.kind = kKinds[rng() % 4];
    e.pseudonym.resize(64);
    for (char& c : e.pseudonym) c = kHex[rng() % 16];
    e.purpose = kPurposes[p % 4];
    e.result = kResults[rng() % 4];
  }
  return v;
}

int Fail(const char* what, const zicht::Status& s) {
  std::fprintf(stderr, "audit_bench: %s: %s\n", what, s.ToString().c_str());
  return 1;
}

// The previous schema, for comparison: one row per entry and an index on
// the pseudonym, inserted with a prepared statement in one transaction per batch.
int Legacy(const std::string& path, const std::vector<AuditEntry>& entries, size_t batch, double* us) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
               " partner TEXT NOT NULL, key_id TEXT NOT NULL, endpoint TEXT NOT NULL, kind TEXT NOT NULL,"
               " pseudonym TEXT NOT NULL, subject TEXT NOT NULL, purpose TEXT NOT NULL, result TEXT NOT NULL);"
               "CREATE INDEX audit_log_pseudonym ON audit_log(pseudonym);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO audit_log(at, partner, key_id, endpoint, kind, pseudonym, subject, purpose, result)"
                     " VALUES (?,?,?,?,?,?,?,?,?)",
                     -1, &st, nullptr);
  double cpu = CpuSeconds();
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i % batch == 0) sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    const AuditEntry& e = entries[i];
    sqlite3_bind_int64(st, 1, e.at);
    const std::string* text[] = {&e.partner, &e.key_id, &e.endpoint, &e.kind, &e.pseudonym, &e.subject, &e.purpose, &e.result};
    for (int f = 0; f < 8; ++f) sqlite3_bind_text(st, f + 2, text[f]->data(), static_cast<int>(text[f]->size()), SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) return 1;
    sqlite3_reset(st);
    if ((i + 1) % batch == 0 || i + 1 == entries.size()) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  *us = (CpuSeconds() - cpu) * 1e6 / static_cast<double>(entries.size());
  sqlite3_finalize(st);
  sqlite3_close(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: audit_bench DIR [ENTRIES] [BATCH] [LEGACY_ENTRIES]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const size_t n = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
  const size_t batch = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 10000;
  const size_t legacy_n = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 0;
  if (n == 0 || batch == 0) return 2;
  const std::string path = dir + "/audit-bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

  std::mt19937_64 rng(1);
  std::vector<std::vector<AuditEntry>> batches;
  for (size_t done = 0; done < n; done += batch) batches.push_back(Generate(std::min(batch, n - done), rng));
  // A pseudonym the "officer" looks for: planted in a few batches.
  const std::string wanted = batches[0][0].pseudonym;
  for (size_t b = 1; b < batches.size(); b += batches.size() / 4 + 1) batches[b][batch / 2].pseudonym = wanted;

  double cpu = CpuSeconds();
  size_t bytes = 0;
  for (const auto& b : batches) bytes += zicht::store::EncodeAuditSegment(b).size();
  std::printf("encode %.4f %.1f\n", (CpuSeconds() - cpu) * 1e6 / static_cast<double>(n),
              static_cast<double>(bytes) / static_cast<double>(n));

  // The same first batch again and again: its entries stay in the CPU
  // caches, as a batch the server's I/O threads have just built would.
  cpu = CpuSeconds();
  const size_t hot_rounds = std::max<size_t>(1, n / batches[0].size());
  for (size_t i = 0; i < hot_rounds; ++i) bytes += zicht::store::EncodeAuditSegment(batches[0]).size();
  std::printf("encode_hot %.4f\n", (CpuSeconds() - cpu) * 1e6 / static_cast<double>(hot_rounds * batches[0].size()));

  auto store = zicht::store::AuditStore::Open(path);
  if (!store.ok()) return Fail("open", store.status());
  cpu = CpuSeconds();
  double wall = WallSeconds();
  for (const auto& b : batches) {
    zicht::Status s = (*store)->Append(b);
    if (!s.ok()) return Fail("append", s);
  }
  std::printf("append %.4f %.4f\n", (CpuSeconds() - cpu) * 1e6 / static_cast<double>(n),
              (WallSeconds() - wall) * 1e6 / static_cast<double>(n));
  uintmax_t file_bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    uintmax_t sz = std::filesystem::file_size(path + suffix, ec);
    if (!ec) file_bytes += sz;
  }
  std::printf("bytes %.1f\n", static_cast<double>(file_bytes) / static_cast<double>(n));

  zicht::store::AuditQuery q;
  q.pseudonym = wanted;
  cpu = CpuSeconds();
  auto found = (*store)->Query(q);
  if (!found.ok()) return Fail("query", found.status());
  std::printf("scan %.0f %zu\n", static_cast<double>(n) / (CpuSeconds() - cpu), found->size());

  zicht::store::AuditQuery tail;
  tail.limit = 100;
  wall = WallSeconds();
  auto last = (*store)->Query(tail);
  if (!last.ok() || last->size() != std::min<size_t>(100, n)) return Fail("tail query", last.status());
  std::printf("tail %.2f\n", (WallSeconds() - wall) * 1e3);
  store->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

  if (legacy_n > 0) {
    std::vector<AuditEntry> flat;
    for (const auto& b : batches) {
      for (const auto& e : b) {
        if (flat.size() < legacy_n) flat.push_back(e);
      }
    }
    const std::string legacy_path = dir + "/audit-bench-legacy.db";
    double us = 0;
    if (Legacy(legacy_path, flat, batch, &us) != 0) {
      std::fprintf(stderr, "audit_bench: legacy schema failed\n");
      return 1;
    }
    std::printf("legacy %.3f %zu\n", us, flat.size());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(legacy_path + suffix);
  }
  return 0;
}

// oprf_bench: the figures of bench/parts/60-oprf.sh.
//   oprf_bench eval N           BlindEvaluate (the hub's work per element), Evaluate (a token
//                               of the index), Blind + Finalize (the client's): per second of CPU
//                               on one thread → "eval <per s> <hub-token per s> <client per s>"
//   oprf_bench index N THREADS  a token index of N synthetic IBANs, then the bucket sizes and
//                               the bytes of a bucket answer (hit scope) → "index <N> <build s>
//                               <mean entries> <max entries> <bytes/answer> <bytes/entry> <index bytes>"
//   oprf_bench client URL KEY N blind checks through the client library, alternately a known
//                               and an unknown IBAN → "client <p50 ms> <p99 ms> <checks>"
// CPU time, not wall time, for the in-process figures: the machine is shared.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "blind/oprf.h"
#include "blind/verdict_box.h"
#include "client/blind_client.h"
#include "link/token_index.h"

namespace {

using namespace zicht;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A synthetic Dutch IBAN-shaped canonical form (the check digits do not
// matter to the index).
std::string Iban(uint64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "NL%02lluBANK%010llu", static_cast<unsigned long long>(i % 97),
                static_cast<unsigned long long>(i));
  return buf;
}

int Eval(int n) {
  const blind::Scalar key = blind::RandomScalar();
  const blind::Scalar r = blind::RandomScalar();
  auto blinded = blind::Blind("iban:NL91ABNA0417164300", r);
  if (!blinded.ok()) return 1;
  unsigned char sink = 0;
  double t0 = CpuSeconds();
  for (int i = 0; i < n; ++i) sink ^= blind::BlindEvaluate(key, *blinded)[0];
  double hub = n / (CpuSeconds() - t0);
  t0 = CpuSeconds();
  for (int i = 0; i < n; ++i) sink ^= (*blind::Evaluate(key, Iban(static_cast<uint64_t>(i))))[0];
  double token = n / (CpuSeconds() - t0);
  blind::Element z = blind::BlindEvaluate(key, *blinded);
  t0 = CpuSeconds();
  for (int i = 0; i < n; ++i) {
    auto b = blind::Blind("iban:NL91ABNA0417164300", r);
    sink ^= (*blind::Finalize("iban:NL91ABNA0417164300", r, z))[0] ^ (*b)[0];
  }
  double client = n / (CpuSeconds() - t0);
  std::printf("eval %.0f %.0f %.0f\n", hub, token, client);
  return sink == 0xff ? 0 : 0;
}

int Index(size_t n, int threads) {
  const blind::Scalar key = blind::RandomScalar();
  link::TokenIndex index(key);
  double t0 = WallSeconds();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < n; i += static_cast<size_t>(threads)) {
        index.Add(model::IdentifierKind::kIban, Iban(i));
      }
    });
  }
  for (auto& w : workers) w.join();
  double build = WallSeconds() - t0;
  size_t max_entries = 0;
  for (size_t b = 0; b < link::TokenIndex::kBuckets; ++b) {
    max_entries = std::max(max_entries, index.Bucket(static_cast<uint16_t>(b)).size());
  }
  double mean = static_cast<double>(index.size()) / static_cast<double>(link::TokenIndex::kBuckets);
  // One entry of a hit-scope answer: the verdict JSON as the server writes
  // it, sealed, base64url, quoted, with a comma.
  std::string verdict = R"({"kind":"iban","value":"NL91ABNA0417164300","normalized":"NL91ABNA0417164300",)"
                        R"("valid":true,"known":true,"risk":"high"})";
  blind::Output token = *blind::Evaluate(key, "iban:NL91ABNA0417164300");
  std::string box = blind::SealVerdict(token, "0123456789ab/abcd/hit", verdict);
  size_t per_entry =
      blind::ToBase64Url(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(box.data()), box.size()))
          .size() +
      3;
  size_t fixed = std::string(R"({"key_id":"0123456789ab","prefix":"abcd","scope":"hit","entries":[]})").size();
  std::printf("index %zu %.1f %.1f %zu %.0f %zu %lld\n", index.size(), build, mean, max_entries,
              static_cast<double>(fixed) + mean * static_cast<double>(per_entry), per_entry,
              static_cast<long long>(index.Bytes()));
  return 0;
}

int Client(const std::string& url, const std::string& key, int n) {
  auto client = client::BlindClient::Open(client::BlindCheckOptions{url, key, "payment-screening"});
  if (!client.ok()) {
    std::fprintf(stderr, "%s\n", client.status().ToString().c_str());
    return 1;
  }
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    std::vector<client::BlindAsk> ask = {
        {model::IdentifierKind::kIban, i % 2 == 0 ? "NL91ABNA0417164300" : "DE89370400440532013000"}};
    double t0 = WallSeconds();
    auto v = client->Check(ask);
    ms.push_back((WallSeconds() - t0) * 1000);
    if (!v.ok()) {
      std::fprintf(stderr, "%s\n", v.status().ToString().c_str());
      return 1;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("client %.2f %.2f %d\n", ms[ms.size() / 2], ms[ms.size() * 99 / 100], n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (!blind::InitSodium().ok()) return 1;
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "eval" && argc == 3) return Eval(std::atoi(argv[2]));
  if (mode == "index" && argc == 4) return Index(std::strtoull(argv[2], nullptr, 10), std::atoi(argv[3]));
  if (mode == "client" && argc == 5) return Client(argv[2], argv[3], std::atoi(argv[4]));
  std::fprintf(stderr, "usage: oprf_bench eval N | index N THREADS | client URL KEY N\n");
  return 2;
}

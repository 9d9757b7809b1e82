// barrier_bench [EVENTS] [ACCOUNTS]: events per second through the payment
// barrier engine, in process, on a generated stream that looks like a bank's:
// many accounts, mostly payments, some logins (occasionally from a new
// device), contact changes and limit raises, a few beneficiaries known from
// fraud. Prints lines for bench/parts/40-barrier.sh:
//   eval <events/CPU-s> <events/wall-s>    evaluation of pre-parsed events (JSON parsed outside the timed loop)
//   memory <bytes/account>                 heap of the in-memory state per account after `eval`
//   payment <CPU-µs/payment>               `eval`'s CPU time per payment (other events included)
//   replay <events/CPU-s> <events/wall-s>  end to end: JSONL text → parse → evaluate → decision JSON
// With a third argument DB-PATH (a file to create) it also measures the
// durable state of `zicht serve` (server/barrier_state_writer.h) on the
// first 200,000 events (20,000 for full), each applied as its own request
// would be (CPU and wall time per payment, other events' time included):
//   durable normal <CPU-µs/payment> <wall-µs/payment>   one client; the writer commits in 5 ms batches
//   durable full <CPU-µs/payment> <wall-µs/payment>     16 clients, each waiting for its commit (group commit)
// CPU time is the whole process's (the writer thread included).
#include <malloc.h>
#include <time.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "barrier/decision_json.h"
#include "barrier/engine.h"
#include "barrier/rules.h"
#include "server/barrier_state_writer.h"
#include "store/barrier_state_store.h"

namespace {

using namespace zicht;

// CPU seconds of this process. The dev machine is shared by several builds;
// under load, wall time measures the neighbours, CPU time the engine. Both
// are printed; the CPU figure is the one compared with the target.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
using namespace zicht::barrier;

// Stand-in for the linking index: a hash map of known values, like the real
// index's look-up cost without its store.
class KnownSet final : public IdentifierRiskSource {
 public:
  void Add(std::string_view value, RiskLevel risk) { known_[IdentifierHash(value)] = risk; }
  RiskLevel RiskOf(model::IdentifierKind, std::string_view value) const override {
    auto it = known_.find(IdentifierHash(value));
    return it == known_.end() ? RiskLevel::kNone : it->second;
  }

 private:
  absl::flat_hash_map<uint64_t, RiskLevel> known_;
};

std::string Iban(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "NL%02uBANK%010llu", static_cast<unsigned>(n % 97),
                static_cast<unsigned long long>(n));
  return buf;
}

std::string EventJson(const Event& e) {
  std::string at = FormatRfc3339(e.at);
  std::string out = "{\"type\":\"" + std::string(kEventTypeNames.Name(e.type)) + "\",\"account\":\"" + e.account +
                    "\",\"at\":\"" + at + "\"";
  switch (e.type) {
    case EventType::kLogin: out += ",\"device\":\"" + e.device + "\""; break;
    case EventType::kContactChange: out += ",\"field\":\"" + e.field + "\""; break;
    case EventType::kLimitChange:
      out += ",\"new_limit_eur\":" + std::to_string(e.new_limit_cents / 100);
      break;
    case EventType::kPayment:
      out += ",\"amount_eur\":" + std::to_string(e.amount_cents / 100) + "." +
             std::to_string(e.amount_cents % 100 / 10) + std::to_string(e.amount_cents % 10) +
             ",\"beneficiary_iban\":\"" + e.beneficiary_iban + "\",\"beneficiary_name\":\"J. Jansen\"" +
             ",\"new_beneficiary\":" + (e.new_beneficiary ? "true" : "false") + ",\"device\":\"" + e.device +
             "\",\"channel\":\"" + e.channel + "\"";
      break;
  }
  return out + "}";
}

// Bytes allocated: the heap plus the large blocks malloc maps on their own
// (the account table is one of those).
size_t HeapBytes() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

// Applies `events` one per Apply (as one request each) through engines over
// a BarrierStateWriter on a fresh database at `path`: `clients` threads,
// client c taking the accounts with hash % clients == c (so each account's
// events stay in order), one engine per client as one partner each. With
// `durability` full every Apply waits for its commit. Prints one line.
int DurableRun(const std::vector<Event>& events, const RuleSet& rules, const DutchTimeZone& zone,
               const IdentifierRiskSource& risk, const std::string& path, store::Durability durability,
               int clients) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto writer_store = store::BarrierStateStore::Open(path, durability);
  auto reader_store = store::BarrierStateStore::Open(path, durability);
  if (!writer_store.ok() || !reader_store.ok()) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    return 1;
  }
  const bool full = durability == store::Durability::kFull;
  server::BarrierStateWriter writer(std::move(*writer_store), std::move(*reader_store), full);
  std::vector<std::unique_ptr<server::BarrierStateWriter::PartnerStore>> stores;
  std::vector<std::unique_ptr<Engine>> engines;
  for (int c = 0; c < clients; ++c) {
    stores.push_back(std::make_unique<server::BarrierStateWriter::PartnerStore>(writer, "bank" + std::to_string(c)));
    engines.push_back(std::make_unique<Engine>(rules, zone, &risk, 100000, stores.back().get()));
  }
  std::atomic<size_t> payments{0};
  std::atomic<bool> failed{false};
  double c0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::vector<Decision> out;
      std::mutex mu;
      std::condition_variable cv;
      size_t mine = 0;
      for (const Event& e : events) {
        if (std::hash<std::string>()(e.account) % static_cast<size_t>(clients) != static_cast<size_t>(c)) continue;
        out.clear();
        if (!engines[c]->Apply(std::span<const Event>(&e, 1), &out).ok()) failed = true;
        mine += out.size();
        if (!full) continue;
        bool done = false;
        writer.WhenDurable(writer.LastTicket(), [&] {
          std::lock_guard<std::mutex> lock(mu);
          done = true;
          cv.notify_one();
        });
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return done; });
      }
      payments += mine;
    });
  }
  for (auto& t : threads) t.join();
  writer.Stop();  // the cost of writing everything out is part of the figure
  auto t1 = std::chrono::steady_clock::now();
  double c1 = CpuSeconds();
  if (failed) return 1;
  const double n = static_cast<double>(payments.load());
  std::printf("durable %s %.2f %.2f\n", full ? "full" : "normal", (c1 - c0) * 1e6 / n,
              std::chrono::duration<double>(t1 - t0).count() * 1e6 / n);
  std::fprintf(stderr, "durable %s: %zu payments, %lld states written\n", full ? "full" : "normal", payments.load(),
               static_cast<long long>(writer.written()));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n_events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000000;
  const size_t n_accounts = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100000;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  std::lognormal_distribution<double> amount_eur(3.5, 1.4);  // median ≈ €33, long tail into the thousands

  KnownSet known;
  for (uint64_t i = 0; i < 2000; ++i) known.Add(Iban(i * 7919), i % 3 == 0 ? RiskLevel::kHigh : RiskLevel::kMedium);
  for (uint64_t i = 0; i < 500; ++i) known.Add("fp:" + std::to_string(i * 104729), RiskLevel::kHigh);

  std::vector<Event> events;
  events.reserve(n_events);
  const UnixSeconds start = 1714521600;  // 2024-05-01T00:00:00Z
  const double span = 30.0 * 86400;      // a month
  for (size_t i = 0; i < n_events; ++i) {
    Event e;
    uint64_t account = rng() % n_accounts;
    e.account = "ACC" + std::to_string(account);
    e.at = start + static_cast<UnixSeconds>(span * static_cast<double>(i) / static_cast<double>(n_events));
    double r = u(rng);
    // Each account has 2 usual devices; 1 in 50 logins comes from a new one.
    std::string device = "fp:" + std::to_string(account * 2 + rng() % 2);
    if (u(rng) < 0.02) device = "fp:" + std::to_string(rng() % 1000000000);
    if (r < 0.15) {
      e.type = EventType::kLogin;
      e.device = device;
    } else if (r < 0.17) {
      e.type = EventType::kContactChange;
      e.field = r < 0.16 ? "phone" : "email";
    } else if (r < 0.18) {
      e.type = EventType::kLimitChange;
      e.new_limit_cents = (u(rng) < 0.8 ? 10000 : 1000) * 100;
    } else {
      e.type = EventType::kPayment;
      e.amount_cents = std::max<int64_t>(1, static_cast<int64_t>(amount_eur(rng) * 100));
      bool regular = u(rng) < 0.8;  // most payments go to the account's usual payees
      e.beneficiary_iban = regular ? Iban(account * 5 + rng() % 5) : Iban(rng() % 20000000);
      e.new_beneficiary = regular ? 0 : 1;
      e.device = device;
      e.channel = u(rng) < 0.7 ? "app" : "web";
    }
    events.push_back(std::move(e));
  }

  auto rules = DefaultRules();
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", rules.status().ToString().c_str());
    return 1;
  }
  auto zone = DutchTimeZone::Load();
  if (!zone.ok()) {
    std::fprintf(stderr, "%s\n", zone.status().ToString().c_str());
    return 1;
  }

  // 1. Evaluation of pre-parsed events.
  double eval_rate = 0, eval_wall_rate = 0;
  int64_t blocked = 0;
  {
    const size_t heap_before = HeapBytes();
    Engine engine(*rules, *zone, &known);
    std::vector<Decision> decisions;
    decisions.reserve(n_events);
    const size_t decisions_bytes = HeapBytes() - heap_before;
    double c0 = CpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    if (!engine.Apply(events, &decisions).ok()) return 1;
    auto t1 = std::chrono::steady_clock::now();
    double c1 = CpuSeconds();
    eval_rate = static_cast<double>(n_events) / (c1 - c0);
    eval_wall_rate = static_cast<double>(n_events) / std::chrono::duration<double>(t1 - t0).count();
    const double per_account = static_cast<double>(HeapBytes() - heap_before - decisions_bytes) /
                               static_cast<double>(engine.AccountCount());
    std::printf("memory %.0f\n", per_account);
    std::printf("payment %.3f\n", (c1 - c0) * 1e6 / static_cast<double>(decisions.size()));
    for (const auto& d : decisions) blocked += d.action != Action::kAllow;
    std::fprintf(stderr, "accounts %zu, payments %zu, not allowed %lld\n", engine.AccountCount(), decisions.size(),
                 static_cast<long long>(blocked));
  }

  // 2. End to end over JSONL text.
  double replay_rate = 0, replay_wall_rate = 0;
  {
    std::string text;
    for (const Event& e : events) text += EventJson(e) + "\n";
    Engine engine(*rules, *zone, &known);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    size_t out_bytes = 0;
    Decision decision;
    double c0 = CpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      auto event = ParseEvent(std::string_view(text).substr(pos, end - pos));
      pos = end + 1;
      if (!event.ok()) return 1;
      if (!engine.Apply(*event, &decision)) continue;
      buffer.Clear();
      writer.Reset(buffer);
      WriteDecisionJson(engine.rules(), *event, decision, writer);
      out_bytes += buffer.GetSize();
    }
    auto t1 = std::chrono::steady_clock::now();
    double c1 = CpuSeconds();
    replay_rate = static_cast<double>(n_events) / (c1 - c0);
    replay_wall_rate = static_cast<double>(n_events) / std::chrono::duration<double>(t1 - t0).count();
    std::fprintf(stderr, "replay output %zu bytes\n", out_bytes);
  }
  std::printf("eval %.0f %.0f\nreplay %.0f %.0f\n", eval_rate, eval_wall_rate, replay_rate, replay_wall_rate);
  std::fflush(stdout);

  // 3. Durable state, as the server keeps it.
  if (argc > 3) {
    auto head = [&](size_t n) { return std::vector<Event>(events.begin(), events.begin() + std::min(events.size(), n)); };
    if (DurableRun(head(200000), *rules, *zone, known, argv[3], store::Durability::kNormal, 1) != 0) return 1;
    // Fewer events: every one waits for an fsync (shared by up to 16).
    if (DurableRun(head(20000), *rules, *zone, known, argv[3], store::Durability::kFull, 16) != 0) return 1;
  }
  return 0;
}

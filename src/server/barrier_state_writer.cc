#include "server/barrier_state_writer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace zicht::server {
namespace {

constexpr int kWriterNice = 10;  // background work, like the audit writer
//! Pause before retrying a failed commit (the database may be locked by a
//! large ingest); the states stay queued meanwhile.
constexpr std::chrono::milliseconds kRetryPause{100};
//! Failed commits after which a stopping writer gives up rather than hang.
constexpr int64_t kMaxFailuresAtStop = 50;

}  // namespace

BarrierStateWriter::BarrierStateWriter(std::unique_ptr<store::BarrierStateStore> writer,
                                       std::unique_ptr<store::BarrierStateStore> reader, bool wait_for_commit)
    : wait_for_commit_(wait_for_commit), store_(std::move(writer)), reader_(std::move(reader)) {
  writer_ = std::thread([this] { Run(); });
}

BarrierStateWriter::~BarrierStateWriter() { Stop(); }

std::string BarrierStateWriter::Key(std::string_view partner, std::string_view account) {
  std::string key;
  key.reserve(partner.size() + 1 + account.size());
  key.append(partner).push_back('\0');
  key.append(account);
  return key;
}

uint64_t BarrierStateWriter::Put(std::string_view partner, std::string_view account, std::string state) {
  std::string key = Key(partner, account);
  bool was_empty;
  uint64_t ticket;
  {
    MutexLock lock(&mu_);
    was_empty = queue_.empty();
    queue_.insert_or_assign(std::move(key), std::move(state));
    ticket = ++enqueued_;
  }
  if (was_empty) cv_.Signal();  // only the first state of a batch wakes the writer
  return ticket;
}

Result<bool> BarrierStateWriter::Load(std::string_view partner, std::string_view account, std::string* state) {
  const std::string key = Key(partner, account);
  {
    MutexLock lock(&mu_);
    // The queue holds newer states than the batch being written.
    for (const auto* map : {&queue_, &writing_}) {
      auto it = map->find(key);
      if (it != map->end()) {
        *state = it->second;
        return true;
      }
    }
  }
  // Not queued and not being written, so not about to change: no Put for
  // this account can come while its engine is loading it (Save and Load run
  // under that engine's lock).
  MutexLock lock(&read_mu_);
  return reader_->Get(partner, account, state);
}

uint64_t BarrierStateWriter::LastTicket() const {
  MutexLock lock(&mu_);
  return enqueued_;
}

bool BarrierStateWriter::Backlogged() const {
  MutexLock lock(&mu_);
  return queue_.size() + writing_.size() > kMaxBacklog;
}

void BarrierStateWriter::WhenDurable(uint64_t ticket, std::function<void()> done) {
  committed_.WhenDurable(ticket, std::move(done));
}

void BarrierStateWriter::Stop() {
  // Only the first call joins; later ones (the destructor) find it done.
  std::call_once(stopped_, [this] {
    {
      MutexLock lock(&mu_);
      stopping_ = true;
    }
    cv_.SignalAll();
    writer_.join();
  });
}

uint64_t BarrierStateWriter::TakeBatch(bool* last) {
  MutexLock lock(&mu_);
  // The predicates run under mu_, inside WaitForBatch.
  WaitForBatch(&mu_, &cv_, wait_for_commit_, kFlushInterval,
               [this]() ZICHT_NO_THREAD_SAFETY_ANALYSIS { return stopping_; },
               [this]() ZICHT_NO_THREAD_SAFETY_ANALYSIS { return !queue_.empty(); });
  writing_.swap(queue_);  // writing_ is empty here: the last batch was cleared
  *last = stopping_;
  return enqueued_;  // the batch holds every ticket up to here
}

// writing_ changes only on the writer thread, under mu_; Load reads it
// under mu_. Reading it here, on the writer thread, without the lock is a
// read beside reads (hence no analysis: clang cannot know the thread).
void BarrierStateWriter::RowsOfBatch(std::vector<store::BarrierStateRow>* rows) ZICHT_NO_THREAD_SAFETY_ANALYSIS {
  rows->clear();
  rows->reserve(writing_.size());
  for (const auto& [key, state] : writing_) {
    const size_t nul = key.find('\0');
    rows->push_back({std::string_view(key).substr(0, nul), std::string_view(key).substr(nul + 1), state});
  }
}

void BarrierStateWriter::Run() {
  // Best effort: without the right to renice, the writer runs at normal priority.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWriterNice);
  std::vector<store::BarrierStateRow> rows;
  while (true) {
    bool last = false;
    const uint64_t batch_last = TakeBatch(&last);
    RowsOfBatch(&rows);
    if (!rows.empty()) {
      Status s = store_->Put(rows);
      MutexLock lock(&mu_);
      if (!s.ok()) {
        // Keep the states (a newer queued one wins) and retry; never drop
        // state silently.
        std::fprintf(stderr, "zicht serve: barrier state write failed (will retry): %s\n", s.message().c_str());
        failures_.fetch_add(1, std::memory_order_relaxed);
        for (auto& [key, state] : writing_) queue_.try_emplace(key, std::move(state));
        writing_.clear();
        if (last && failures_.load(std::memory_order_relaxed) > kMaxFailuresAtStop) break;
        const auto retry_at = std::chrono::steady_clock::now() + kRetryPause;
        while (!stopping_ && cv_.WaitUntil(&mu_, retry_at)) {
        }
        continue;
      }
      written_.fetch_add(static_cast<int64_t>(writing_.size()), std::memory_order_relaxed);
      writing_.clear();
    }
    if (!rows.empty()) committed_.MarkDurable(batch_last);  // without mu_: waiters may Put
    if (last) {
      MutexLock lock(&mu_);
      if (queue_.empty()) break;
    }
  }
  // Stopping: nobody waits for ever.
  committed_.MarkDurable(static_cast<uint64_t>(-1));
}

Result<bool> BarrierStateWriter::PartnerStore::Load(std::string_view account, barrier::AccountState* state) {
  std::string bytes;
  ZICHT_ASSIGN_OR_RETURN(bool found, writer_.Load(partner_, account, &bytes));
  if (!found) return false;
  ZICHT_RETURN_IF_ERROR(barrier::DecodeAccountState(bytes, state));
  return true;
}

void BarrierStateWriter::PartnerStore::Save(std::string_view account, const barrier::AccountState& state) {
  (void)writer_.Put(partner_, account, barrier::EncodeAccountState(state));
}

}  // namespace zicht::server

#include "server/audit_log.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "link/pseudonym.h"

namespace zicht::server {
namespace {

constexpr int kWriterNice = 10;

}  // namespace

AuditLog::AuditLog(std::unique_ptr<store::AuditStore> store, std::string pseudonym_key, bool wait_for_commit)
    : pseudonym_key_(std::move(pseudonym_key)), wait_for_commit_(wait_for_commit), store_(std::move(store)) {
  writer_ = std::thread([this] { Run(); });
}

AuditLog::~AuditLog() { Stop(); }

uint64_t AuditLog::Append(store::AuditEntry entry) {
  return Enqueue(Pending{std::move(entry), model::IdentifierKind::kIban, std::string(), false});
}

uint64_t AuditLog::AppendCheck(store::AuditEntry entry, model::IdentifierKind kind, std::string value) {
  return Enqueue(Pending{std::move(entry), kind, std::move(value), true});
}

uint64_t AuditLog::Enqueue(Pending pending) {
  bool was_empty;
  uint64_t ticket;
  {
    MutexLock lock(&mu_);
    was_empty = queue_.empty();
    queue_.push_back(std::move(pending));
    ticket = ++enqueued_;
  }
  // Only the first entry of a batch wakes the writer (Run).
  if (was_empty) cv_.Signal();
  return ticket;
}

void AuditLog::WhenDurable(uint64_t ticket, std::function<void()> done) {
  // After the writer ended, every ticket is marked committed.
  committed_.WhenDurable(ticket, std::move(done));
}

void AuditLog::Stop() {
  {
    MutexLock lock(&mu_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  cv_.SignalAll();
  if (writer_.joinable()) writer_.join();
}

int64_t AuditLog::written() const {
  MutexLock lock(&mu_);
  return written_;
}

int64_t AuditLog::failures() const {
  MutexLock lock(&mu_);
  return failures_;
}

void AuditLog::Run() {
  // Best effort: without the right to renice, the writer runs at normal
  // priority, which is correct, only less kind to the checks' latency.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWriterNice);
  std::vector<Pending> pending;
  std::vector<store::AuditEntry> batch;
  // A batch whose append failed, kept with its id and appended again,
  // alone, before anything newer: if its COMMIT went through and only the
  // answer was lost, the store finds the id and writes nothing twice.
  std::vector<store::AuditEntry> unanswered;
  std::string unanswered_id;
  while (true) {
    bool last = false;
    uint64_t batch_last = 0;
    {
      MutexLock lock(&mu_);
      // Idle until the first entry (no wake-ups while nothing is checked),
      // then gather for kFlushInterval into one batch. The predicates run
      // under mu_, inside WaitForBatch.
      WaitForBatch(&mu_, &cv_, wait_for_commit_, kFlushInterval,
                   [this]() ZICHT_NO_THREAD_SAFETY_ANALYSIS { return stopping_; },
                   [this, &unanswered]() ZICHT_NO_THREAD_SAFETY_ANALYSIS {
                     return !queue_.empty() || !unanswered.empty();
                   });
      pending.swap(queue_);
      batch_last = enqueued_;  // the queue holds every ticket up to here
      last = stopping_;
    }
    if (!pending.empty() || !unanswered.empty()) {
      batch.clear();
      batch.reserve(pending.size());
      for (Pending& p : pending) {
        if (p.pseudonymize) link::PseudonymizeInto(pseudonym_key_, p.kind, p.value, &p.entry.pseudonym);
        batch.push_back(std::move(p.entry));
      }
      pending.clear();
      Status s = Status::Ok();
      if (!unanswered.empty()) {
        s = store_->Append(unanswered, unanswered_id);
        if (s.ok()) {
          MutexLock lock(&mu_);
          written_ += static_cast<int64_t>(unanswered.size());
          unanswered.clear();
        }
      }
      if (s.ok() && !batch.empty()) {
        std::string id = store::AuditStore::NewAuditBatchId();
        s = store_->Append(batch, id);
        if (s.ok()) {
          MutexLock lock(&mu_);
          written_ += static_cast<int64_t>(batch.size());
        } else {
          unanswered = std::move(batch);
          unanswered_id = std::move(id);
          batch.clear();
        }
      }
      if (!s.ok()) {
        // Keep the entries (pseudonymised now) and retry next round (the
        // database may be busy with a large ingest); never drop audit
        // entries silently. A batch not tried yet (the retry failed first)
        // goes back to the front of the queue.
        std::fprintf(stderr, "zicht serve: audit log write failed (will retry): %s\n", s.message().c_str());
        MutexLock lock(&mu_);
        ++failures_;
        std::vector<Pending> retry;
        retry.reserve(batch.size() + queue_.size());
        for (store::AuditEntry& e : batch) {
          retry.push_back(Pending{std::move(e), model::IdentifierKind::kIban, std::string(), false});
        }
        for (Pending& p : queue_) retry.push_back(std::move(p));
        queue_.swap(retry);
        if (last && failures_ > 50) break;  // give up at shutdown rather than hang forever
        continue;
      }
      committed_.MarkDurable(batch_last);
    }
    if (last) {
      MutexLock lock(&mu_);
      if (queue_.empty() && unanswered.empty()) break;
    }
  }
  // Stopping: nobody waits for ever (after giving up on a failing store,
  // the answers go out without their entries, said on stderr above).
  committed_.MarkDurable(static_cast<uint64_t>(-1));
}

}  // namespace zicht::server

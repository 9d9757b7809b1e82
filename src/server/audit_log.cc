#include "server/audit_log.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

#include "link/pseudonym.h"

namespace zicht::server {
namespace {

constexpr int kWriterNice = 10;

}  // namespace

AuditLog::AuditLog(std::unique_ptr<store::AuditStore> store, std::string pseudonym_key)
    : pseudonym_key_(std::move(pseudonym_key)), store_(std::move(store)) {
  writer_ = std::thread([this] { Run(); });
}

AuditLog::~AuditLog() { Stop(); }

void AuditLog::Append(store::AuditEntry entry) {
  Enqueue(Pending{std::move(entry), model::IdentifierKind::kIban, std::string(), false});
}

void AuditLog::AppendCheck(store::AuditEntry entry, model::IdentifierKind kind, std::string value) {
  Enqueue(Pending{std::move(entry), kind, std::move(value), true});
}

void AuditLog::Enqueue(Pending pending) {
  bool was_empty;
  {
    std::lock_guard<std::mutex> lock(mu_);
    was_empty = queue_.empty();
    queue_.push_back(std::move(pending));
  }
  // Only the first entry of a batch wakes the writer (Run).
  if (was_empty) cv_.notify_one();
}

void AuditLog::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

int64_t AuditLog::written() const {
  std::lock_guard<std::mutex> lock(mu_);
  return written_;
}

int64_t AuditLog::failures() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_;
}

void AuditLog::Run() {
  // Best effort: without the right to renice, the writer runs at normal
  // priority, which is correct, only less kind to the checks' latency.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWriterNice);
  std::vector<Pending> pending;
  std::vector<store::AuditEntry> batch;
  while (true) {
    bool last = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Idle until the first entry (no wake-ups while nothing is checked),
      // then gather for kFlushInterval into one batch.
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (!stopping_) cv_.wait_for(lock, kFlushInterval, [this] { return stopping_; });
      pending.swap(queue_);
      last = stopping_;
    }
    if (!pending.empty()) {
      batch.clear();
      batch.reserve(pending.size());
      for (Pending& p : pending) {
        if (p.pseudonymize) link::PseudonymizeInto(pseudonym_key_, p.kind, p.value, &p.entry.pseudonym);
        batch.push_back(std::move(p.entry));
      }
      pending.clear();
      Status s = store_->Append(batch);
      if (!s.ok()) {
        // Keep the entries (pseudonymised now) and retry next round (the
        // database may be busy with a large ingest); never drop audit
        // entries silently.
        std::fprintf(stderr, "zicht serve: audit log write failed (will retry): %s\n", s.message().c_str());
        std::lock_guard<std::mutex> lock(mu_);
        ++failures_;
        std::vector<Pending> retry;
        retry.reserve(batch.size() + queue_.size());
        for (store::AuditEntry& e : batch) {
          retry.push_back(Pending{std::move(e), model::IdentifierKind::kIban, std::string(), false});
        }
        for (Pending& p : queue_) retry.push_back(std::move(p));
        queue_.swap(retry);
        if (last && failures_ > 50) return;  // give up at shutdown rather than hang forever
        continue;
      }
      std::lock_guard<std::mutex> lock(mu_);
      written_ += static_cast<int64_t>(batch.size());
    }
    if (last) {
      std::lock_guard<std::mutex> lock(mu_);
      if (queue_.empty()) return;
    }
  }
}

}  // namespace zicht::server

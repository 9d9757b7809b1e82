#include "server/audit_log.h"

#include <cstdio>

namespace zicht::server {

AuditLog::AuditLog(std::unique_ptr<store::AuditStore> store) : store_(std::move(store)) {
  writer_ = std::thread([this] { Run(); });
}

AuditLog::~AuditLog() { Stop(); }

void AuditLog::Append(store::AuditEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(entry));
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
  std::vector<store::AuditEntry> batch;
  while (true) {
    bool last = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, kFlushInterval, [this] { return stopping_; });
      batch.swap(queue_);
      last = stopping_;
    }
    if (!batch.empty()) {
      Status s = store_->Append(batch);
      if (!s.ok()) {
        // Keep the entries and retry next round (the database may be busy
        // with a large ingest); never drop audit entries silently.
        std::fprintf(stderr, "zicht serve: audit log write failed (will retry): %s\n", s.message().c_str());
        std::lock_guard<std::mutex> lock(mu_);
        ++failures_;
        queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin()),
                      std::make_move_iterator(batch.end()));
        batch.clear();
        if (last && failures_ > 50) return;  // give up at shutdown rather than hang forever
        continue;
      }
      std::lock_guard<std::mutex> lock(mu_);
      written_ += static_cast<int64_t>(batch.size());
      batch.clear();
    }
    if (last) {
      std::lock_guard<std::mutex> lock(mu_);
      if (queue_.empty()) return;
    }
  }
}

}  // namespace zicht::server

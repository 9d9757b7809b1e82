#include "ingest/batch_writer.h"

namespace zicht::ingest {

BatchWriter::BatchWriter(store::Store& store, CommitCallback on_commit, bool threaded)
    : store_(store), on_commit_(std::move(on_commit)), threaded_(threaded) {
  if (threaded_) thread_ = std::thread([this] { Loop(); });
}

BatchWriter::~BatchWriter() { (void)Finish(); }

Status BatchWriter::Write(const std::vector<model::Report>& batch) {
  std::vector<store::StoredReport> changed;
  auto outcomes = store_.UpsertBatch(batch, on_commit_ ? &changed : nullptr);
  if (!outcomes.ok()) return outcomes.status();
  for (store::UpsertOutcome o : *outcomes) {
    switch (o) {
      case store::UpsertOutcome::kInserted: ++inserted_; break;
      case store::UpsertOutcome::kUpdated: ++updated_; break;
      case store::UpsertOutcome::kDuplicate: ++duplicates_; break;
    }
  }
  if (on_commit_ && !changed.empty()) on_commit_(changed);
  return Status::Ok();
}

void BatchWriter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing and drained
    std::vector<model::Report> batch = std::move(queue_.front());
    queue_.pop_front();
    cv_.notify_all();  // room in the queue
    lock.unlock();
    Status s = error_.ok() ? Write(batch) : Status::Ok();
    lock.lock();
    if (!s.ok() && error_.ok()) error_ = s;
    cv_.notify_all();
  }
}

Status BatchWriter::Submit(std::vector<model::Report> batch) {
  if (batch.empty()) return Status::Ok();
  if (!threaded_) {
    if (!error_.ok()) return error_;
    error_ = Write(batch);
    return error_;
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < kMaxPending || !error_.ok(); });
  if (!error_.ok()) return error_;
  queue_.push_back(std::move(batch));
  cv_.notify_all();
  return Status::Ok();
}

Status BatchWriter::Finish() {
  if (threaded_ && thread_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

}  // namespace zicht::ingest

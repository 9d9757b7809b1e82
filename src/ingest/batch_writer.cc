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
  for (;;) {
    std::vector<model::Report> batch;
    bool failed = false;
    {
      MutexLock lock(&mu_);
      while (!closing_ && queue_.empty()) cv_.Wait(&mu_);
      if (queue_.empty()) return;  // closing and drained
      batch = std::move(queue_.front());
      queue_.pop_front();
      failed = !error_.ok();
    }
    cv_.SignalAll();  // room in the queue
    Status s = failed ? Status::Ok() : Write(batch);
    {
      MutexLock lock(&mu_);
      if (!s.ok() && error_.ok()) error_ = s;
    }
    cv_.SignalAll();
  }
}

Status BatchWriter::Submit(std::vector<model::Report> batch) {
  if (batch.empty()) return Status::Ok();
  if (!threaded_) {
    MutexLock lock(&mu_);  // uncontended: one lock per batch of thousands
    if (!error_.ok()) return error_;
    error_ = Write(batch);
    return error_;
  }
  {
    MutexLock lock(&mu_);
    while (queue_.size() >= kMaxPending && error_.ok()) cv_.Wait(&mu_);
    if (!error_.ok()) return error_;
    queue_.push_back(std::move(batch));
  }
  cv_.SignalAll();
  return Status::Ok();
}

Status BatchWriter::Finish() {
  if (threaded_ && thread_.joinable()) {
    {
      MutexLock lock(&mu_);
      closing_ = true;
    }
    cv_.SignalAll();
    thread_.join();
  }
  MutexLock lock(&mu_);
  return error_;
}

}  // namespace zicht::ingest

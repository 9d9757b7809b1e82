#pragma once
// Writes batches of validated reports to the store, on a thread of its own
// or inline, and counts what each write did.
//
// Why a thread: parsing and normalising a line (RapidJSON, libphonenumber)
// and writing it (SQLite) cost about the same, and the dev machine has two
// cores. With the writer on its own thread the slower half sets the pace
// instead of the sum. The queue holds at most kMaxPending batches, so memory
// stays bounded when the store is slower than the parser.
//
// Each batch is one Store::UpsertBatch call, i.e. one transaction: the unit
// that survives a kill -9 whole or not at all.
//
// Thread-safety: Submit and Finish from one (the producing) thread; the
// on_commit callback runs on the writer thread (or the caller's when inline).
#include <cstdint>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "common/mutex.h"
#include "store/store.h"

namespace zicht::ingest {

class BatchWriter {
 public:
  using CommitCallback = std::function<void(const std::vector<store::StoredReport>&)>;

  //! `on_commit` may be empty. With `threaded`, batches are written on a
  //! writer thread started here.
  BatchWriter(store::Store& store, CommitCallback on_commit, bool threaded);
  ~BatchWriter();  // waits for the writer thread (Finish() should be called first)
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  //! Hands over a batch; blocks while kMaxPending batches wait. Returns the
  //! first write error seen so far (then the batch is dropped).
  Status Submit(std::vector<model::Report> batch);

  //! Waits until every submitted batch is written; returns the first error.
  Status Finish();

  int64_t inserted() const { return inserted_; }    // valid after Finish()
  int64_t updated() const { return updated_; }      // valid after Finish()
  int64_t duplicates() const { return duplicates_; }  // valid after Finish()

 private:
  static constexpr size_t kMaxPending = 2;
  Status Write(const std::vector<model::Report>& batch);
  void Loop();

  store::Store& store_;
  CommitCallback on_commit_;
  bool threaded_;
  std::thread thread_;
  Mutex mu_;
  CondVar cv_;
  std::deque<std::vector<model::Report>> queue_ ZICHT_GUARDED_BY(mu_);
  bool closing_ ZICHT_GUARDED_BY(mu_) = false;
  Status error_ ZICHT_GUARDED_BY(mu_);
  // Written by the writer only; read after Finish() joined it.
  int64_t inserted_ = 0;
  int64_t updated_ = 0;
  int64_t duplicates_ = 0;
};

}  // namespace zicht::ingest

#include "server/change_follower.h"

#include <algorithm>
#include <cstdio>


namespace zicht::server {

ChangeFollower::ChangeFollower(store::Store& store, Mutex& store_mu, std::string origin, int64_t position,
                               Hooks hooks)
    : store_mu_(store_mu), store_(store), origin_(std::move(origin)), hooks_(std::move(hooks)), position_(position) {}

ChangeFollower::~ChangeFollower() { Stop(); }

Status ChangeFollower::ApplyRows(const std::vector<int64_t>& ids) {
  MutexLock lock(&store_mu_);
  ZICHT_ASSIGN_OR_RETURN(std::vector<store::StoredReport> present, store_.GetReports(ids));
  // GetReports keeps the order asked and skips missing rows: what it did
  // not return is gone from the store.
  std::vector<int64_t> gone;
  size_t p = 0;
  for (int64_t id : ids) {
    if (p < present.size() && present[p].row_id == id) {
      ++p;
    } else {
      gone.push_back(id);
    }
  }
  if (!present.empty()) hooks_.apply(present);
  if (!gone.empty()) hooks_.remove(gone);
  applied_rows_.fetch_add(static_cast<int64_t>(ids.size()), std::memory_order_relaxed);
  return Status::Ok();
}

Status ChangeFollower::CatchUp() {
  for (;;) {
    store::ChangeBatch batch;
    {
      MutexLock lock(&store_mu_);
      ZICHT_ASSIGN_OR_RETURN(batch, store_.ChangesAfter(position(), kEntriesPerRead));
    }
    if (batch.gap && !behind()) {
      behind_.store(true, std::memory_order_release);
      std::fprintf(stderr,
                   "zicht serve: the store's change log was pruned past this node's position (it stopped reading "
                   "for longer than %lld s); its index may miss writes until it is restarted\n",
                   static_cast<long long>(store::kChangeLogHorizonSeconds));
    }
    std::vector<int64_t> ids;
    auto flush = [&]() -> Status {
      if (ids.empty()) return Status::Ok();
      // A row named twice in one chunk is read once.
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      Status s = ApplyRows(ids);
      ids.clear();
      return s;
    };
    for (const store::Change& c : batch.changes) {
      if (c.origin != origin_) {
        for (int64_t row = c.first_row; row <= c.last_row; ++row) {
          ids.push_back(row);
          if (ids.size() >= kRowsPerChunk) ZICHT_RETURN_IF_ERROR(flush());
        }
      }
      // Entries are applied in order, so once a chunk is applied the
      // position may pass every entry whose rows it held; a chunk still
      // open holds rows of this entry at most, so the position waits.
      if (ids.empty()) position_.store(c.seq, std::memory_order_release);
    }
    ZICHT_RETURN_IF_ERROR(flush());
    if (!batch.changes.empty()) position_.store(batch.changes.back().seq, std::memory_order_release);
    if (batch.changes.size() < kEntriesPerRead) return Status::Ok();
  }
}

void ChangeFollower::CatchUpAndLog() {
  Status s = CatchUp();
  if (!s.ok() && !failing_) {
    std::fprintf(stderr, "zicht serve: following the store's change log failed (retrying): %s\n", s.message().c_str());
  } else if (s.ok() && failing_) {
    std::fprintf(stderr, "zicht serve: following the store's change log again\n");
  }
  failing_ = !s.ok();
}

bool ChangeFollower::SleepUntil(std::chrono::steady_clock::time_point until) {
  MutexLock lock(&stop_mu_);
  // Woken early only by Stop (or spuriously): wait out the rest.
  while (!stopping_ && stop_cv_.WaitUntil(&stop_mu_, until)) {
  }
  return stopping_;
}

void ChangeFollower::Loop(std::chrono::milliseconds interval) {
  using Clock = std::chrono::steady_clock;
  auto next_poll = Clock::now() + interval;
  for (;;) {
    bool due = false;
    if (listener_) {
      // In slices, so that Stop() is seen; a broken listener (the store is
      // away) waits its slice out and tries again.
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next_poll - Clock::now());
      const auto slice = std::clamp(left, std::chrono::milliseconds(0), kWakeSlice);
      Result<bool> woken = listener_->Wait(slice);
      if (!woken.ok() && SleepUntil(Clock::now() + slice)) return;
      due = (woken.ok() && *woken) || Clock::now() >= next_poll;
      MutexLock lock(&stop_mu_);
      if (stopping_) return;
    } else {
      if (SleepUntil(next_poll)) return;
      due = true;
    }
    if (!due) continue;
    CatchUpAndLog();
    next_poll = Clock::now() + interval;
  }
}

void ChangeFollower::Start(std::chrono::milliseconds interval, std::unique_ptr<store::ChangeListener> listener) {
  listener_ = std::move(listener);
  thread_ = std::thread([this, interval] { Loop(interval); });
}

void ChangeFollower::Stop() {
  {
    MutexLock lock(&stop_mu_);
    stopping_ = true;
  }
  stop_cv_.SignalAll();
  if (thread_.joinable()) thread_.join();
}

}  // namespace zicht::server

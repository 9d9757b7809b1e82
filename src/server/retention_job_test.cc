// The retention job's loop (retention_job.h): it runs again after each
// interval, and Stop() ends it without another run. With a 1 ms interval
// standing in for the 24 hours; no timing is asserted, only that runs come
// and that they stop.
#include "server/retention_job.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace zicht::server {
namespace {

TEST(RetentionJobTest, RunsAgainEveryIntervalUntilStopped) {
  std::mutex mu;
  std::condition_variable cv;
  int runs = 0;
  RetentionJob job(
      [&] {
        std::lock_guard<std::mutex> lock(mu);
        ++runs;
        cv.notify_all();
      },
      std::chrono::milliseconds(0), std::chrono::milliseconds(1));
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return runs >= 3; }));
  }
  job.Stop();
  int after_stop;
  {
    std::lock_guard<std::mutex> lock(mu);
    after_stop = runs;
  }
  job.Stop();  // idempotent
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(runs, after_stop) << "no run after Stop()";
}

TEST(RetentionJobTest, StopBeforeTheFirstRunRunsNothing) {
  std::atomic<int> runs{0};
  {
    RetentionJob job([&] { ++runs; }, RetentionJob::kInterval);
  }  // the destructor stops it
  EXPECT_EQ(runs.load(), 0);
}

}  // namespace
}  // namespace zicht::server

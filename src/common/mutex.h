#pragma once
// Zicht's mutexes and condition variable: std::mutex, std::shared_mutex and
// std::condition_variable with clang's
// thread-safety annotations, so that `-Wthread-safety` (the clang TSan CI
// build, `make test-tsan`) checks every GUARDED_BY / REQUIRES at compile
// time, and ThreadSanitizer sees the pthread locks underneath (Debian's
// Abseil is not built with TSan, so absl::Mutex would look unsynchronised
// to it). One family for new code; the annotations are no-ops under GCC.
//
// LOCK ORDER. Where code holds two of these at once, the order is written
// beside the members (ZICHT_ACQUIRED_AFTER, checked by clang) and in
// docs/architecture.md, "Threads".
//
// Thread-safety: these are the synchronisation.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define ZICHT_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define ZICHT_THREAD_ANNOTATION_(x)
#endif

#define ZICHT_CAPABILITY(x) ZICHT_THREAD_ANNOTATION_(capability(x))
#define ZICHT_SCOPED_CAPABILITY ZICHT_THREAD_ANNOTATION_(scoped_lockable)
#define ZICHT_GUARDED_BY(x) ZICHT_THREAD_ANNOTATION_(guarded_by(x))
#define ZICHT_PT_GUARDED_BY(x) ZICHT_THREAD_ANNOTATION_(pt_guarded_by(x))
#define ZICHT_ACQUIRED_AFTER(...) ZICHT_THREAD_ANNOTATION_(acquired_after(__VA_ARGS__))
#define ZICHT_REQUIRES(...) ZICHT_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#define ZICHT_REQUIRES_SHARED(...) ZICHT_THREAD_ANNOTATION_(requires_shared_capability(__VA_ARGS__))
#define ZICHT_ACQUIRE(...) ZICHT_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#define ZICHT_ACQUIRE_SHARED(...) ZICHT_THREAD_ANNOTATION_(acquire_shared_capability(__VA_ARGS__))
#define ZICHT_RELEASE(...) ZICHT_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))
#define ZICHT_RELEASE_SHARED(...) ZICHT_THREAD_ANNOTATION_(release_shared_capability(__VA_ARGS__))
#define ZICHT_RELEASE_GENERIC(...) ZICHT_THREAD_ANNOTATION_(release_generic_capability(__VA_ARGS__))
#define ZICHT_EXCLUDES(...) ZICHT_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
// For code the analysis cannot follow (a predicate called under a lock its
// caller holds); say why beside each use.
#define ZICHT_NO_THREAD_SAFETY_ANALYSIS ZICHT_THREAD_ANNOTATION_(no_thread_safety_analysis)

namespace zicht {

//! An exclusive mutex.
class ZICHT_CAPABILITY("mutex") Mutex {
 public:
  void Lock() ZICHT_ACQUIRE() { mu_.lock(); }
  void Unlock() ZICHT_RELEASE() { mu_.unlock(); }

 private:
  friend class CondVar;
  std::mutex mu_;
};

//! Waits for a condition under a Mutex. Wait* must be called with the
//! mutex held; they release it while waiting and hold it again on return.
//! Wake-ups may be spurious: wait in a loop on the condition.
class CondVar {
 public:
  void Wait(Mutex* mu) ZICHT_REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();  // still held: the caller's MutexLock unlocks it
  }
  //! Returns false when `deadline` passed without a wake-up.
  template <class Clock, class Duration>
  bool WaitUntil(Mutex* mu, std::chrono::time_point<Clock, Duration> deadline) ZICHT_REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    const bool woken = cv_.wait_until(lock, deadline) == std::cv_status::no_timeout;
    lock.release();
    return woken;
  }
  //! Returns false when `timeout` passed without a wake-up.
  template <class Rep, class Period>
  bool WaitFor(Mutex* mu, std::chrono::duration<Rep, Period> timeout) ZICHT_REQUIRES(mu) {
    return WaitUntil(mu, std::chrono::steady_clock::now() + timeout);
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

//! A reader-writer mutex: many readers or one writer.
class ZICHT_CAPABILITY("mutex") SharedMutex {
 public:
  void Lock() ZICHT_ACQUIRE() { mu_.lock(); }
  void Unlock() ZICHT_RELEASE() { mu_.unlock(); }
  void ReaderLock() ZICHT_ACQUIRE_SHARED() { mu_.lock_shared(); }
  void ReaderUnlock() ZICHT_RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

//! Holds a Mutex for its scope.
class ZICHT_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ZICHT_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() ZICHT_RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* mu_;
};

//! Holds a SharedMutex exclusively for its scope.
class ZICHT_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex* mu) ZICHT_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~WriterLock() ZICHT_RELEASE() { mu_->Unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex* mu_;
};

//! Holds a SharedMutex shared for its scope.
class ZICHT_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex* mu) ZICHT_ACQUIRE_SHARED(mu) : mu_(mu) { mu_->ReaderLock(); }
  ~ReaderLock() ZICHT_RELEASE_GENERIC() { mu_->ReaderUnlock(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex* mu_;
};

}  // namespace zicht

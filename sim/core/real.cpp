#include "real.hpp"

#include <pthread.h>
#include <sched.h>
#include <semaphore.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace sim {

std::string validate(const RealConfig& c) {
  if (c.threads < 1 || c.threads > kMaxRealThreads)
    return "threads must be between 1 and " + std::to_string(kMaxRealThreads) + ", got " + std::to_string(c.threads);
  if (c.increments < 1 || c.increments > kMaxRealIncrements)
    return "increments must be between 1 and " + std::to_string(kMaxRealIncrements) + ", got " +
           std::to_string(c.increments);
  return {};
}

namespace {

struct Race {
  Sync sync;
  long long increments;
  std::atomic<long long> atomic_counter{0};  // modes none and atomic
  long long plain_counter = 0;               // modes mutex and semaphore, always under the lock
  pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
  sem_t sem;
  // Start line: threads are created one by one (in the browser each needs a Worker from
  // the pool), so they wait here and the clock starts only when all are running.
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
};

// One batch of increments. The batching is for WebAssembly: V8 first runs a Wasm function
// with its baseline compiler and swaps in optimized code only when the function is entered
// again (no on-stack replacement), so one long loop would stay in baseline code to the end.
// Natively it costs one call per batch.
__attribute__((noinline)) void increment_batch(Race& s, long long n) {
  switch (s.sync) {
    case Sync::None:
      for (long long i = 0; i < n; ++i) {
        const long long v = s.atomic_counter.load(std::memory_order_relaxed);
        s.atomic_counter.store(v + 1, std::memory_order_relaxed);
      }
      break;
    case Sync::Atomic:
      for (long long i = 0; i < n; ++i) s.atomic_counter.fetch_add(1, std::memory_order_relaxed);
      break;
    case Sync::Mutex:
      for (long long i = 0; i < n; ++i) {
        pthread_mutex_lock(&s.mutex);
        ++s.plain_counter;
        pthread_mutex_unlock(&s.mutex);
      }
      break;
    case Sync::Semaphore:
      for (long long i = 0; i < n; ++i) {
        while (sem_wait(&s.sem) != 0 && errno == EINTR) {
        }
        ++s.plain_counter;
        sem_post(&s.sem);
      }
      break;
  }
}

struct WorkerArg {
  Race* race;
  std::atomic<long long>* progress;  // this thread's slot, or null
};

void* worker(void* arg) {
  const WorkerArg& w = *static_cast<const WorkerArg*>(arg);
  Race& s = *w.race;
  s.ready.fetch_add(1);
  while (!s.go.load(std::memory_order_acquire)) sched_yield();
  constexpr long long kBatch = 4096;
  for (long long done = 0; done < s.increments;) {
    const long long n = std::min(kBatch, s.increments - done);
    increment_batch(s, n);
    done += n;
    if (w.progress) w.progress->store(done, std::memory_order_relaxed);
  }
  return nullptr;
}

}  // namespace

RealResult run_real(const RealConfig& c) {
  const std::string err = validate(c);
  if (!err.empty()) throw std::invalid_argument(err);

  Race s;
  s.sync = c.sync;
  s.increments = c.increments;
  if (sem_init(&s.sem, 0, 1) != 0) throw std::runtime_error("sem_init failed");

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // The loops need almost no stack; a small one keeps the Wasm build's fixed memory small.
  pthread_attr_setstacksize(&attr, 64 * 1024);
  std::vector<WorkerArg> args;
  for (int i = 0; i < c.threads; ++i) {
    if (c.progress) c.progress[i].store(0, std::memory_order_relaxed);
    args.push_back({&s, c.progress ? &c.progress[i] : nullptr});
  }
  std::vector<pthread_t> ids;
  for (int i = 0; i < c.threads; ++i) {
    pthread_t id;
    const int rc = pthread_create(&id, &attr, worker, &args[static_cast<std::size_t>(i)]);
    if (rc != 0) {
      s.go.store(true, std::memory_order_release);
      for (pthread_t t : ids) pthread_join(t, nullptr);
      pthread_attr_destroy(&attr);
      sem_destroy(&s.sem);
      throw std::runtime_error(std::string("pthread_create failed: ") + std::strerror(rc));
    }
    ids.push_back(id);
  }
  pthread_attr_destroy(&attr);

  while (s.ready.load() < c.threads) sched_yield();
  const auto start = std::chrono::steady_clock::now();
  s.go.store(true, std::memory_order_release);
  for (pthread_t t : ids) pthread_join(t, nullptr);
  const auto end = std::chrono::steady_clock::now();
  sem_destroy(&s.sem);

  RealResult r;
  r.expected = static_cast<long long>(c.threads) * c.increments;
  r.final_value = (c.sync == Sync::None || c.sync == Sync::Atomic) ? s.atomic_counter.load() : s.plain_counter;
  r.lost = r.expected - r.final_value;
  r.seconds = std::chrono::duration<double>(end - start).count();
  // Every thread executed all its increments, lost or not: that is the work done.
  r.increments_per_second = r.seconds > 0 ? static_cast<double>(r.expected) / r.seconds : 0;
  return r;
}

}  // namespace sim

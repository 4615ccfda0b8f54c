// The real thing: N OS threads (Web Workers in the browser) each doing M increments of one
// shared counter, in the chosen synchronization mode.
#pragma once

#include <atomic>
#include <string>

#include "model.hpp"

namespace sim {

struct RealConfig {
  int threads = 4;
  long long increments = 100000;  // per thread
  Sync sync = Sync::None;
  // Optional, one slot per thread: each thread stores how many increments it has done
  // after every batch, so a caller on another thread can watch the run (the page's live
  // view). Relaxed stores: a watcher needs a recent figure, not an ordering.
  std::atomic<long long>* progress = nullptr;
};

struct RealResult {
  long long final_value = 0;
  long long expected = 0;
  long long lost = 0;
  double seconds = 0;  // from the moment all threads are released until the last joins
  double increments_per_second = 0;
};

constexpr int kMaxRealThreads = 8;
constexpr long long kMaxRealIncrements = 100000000;

std::string validate(const RealConfig& c);

// Runs once; throws std::invalid_argument on a bad config and std::runtime_error when a
// thread cannot be created.
//   none      relaxed atomic load, then a separate relaxed store: the read-modify-write is
//             not indivisible, so updates are lost, yet there is no undefined behaviour
//   mutex     pthread_mutex_t around a plain increment
//   atomic    fetch_add
//   semaphore sem_t initialised to 1 around a plain increment
RealResult run_real(const RealConfig& c);

}  // namespace sim

// The real-thread engine: real threads, real shared memory, real lost updates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "real.hpp"

using namespace sim;

TEST_CASE("mutex, atomic and semaphore runs are exact", "[real]") {
  for (Sync s : {Sync::Mutex, Sync::Atomic, Sync::Semaphore}) {
    for (int threads : {1, 4, 8}) {
      RealConfig c;
      c.threads = threads;
      c.increments = 50000;
      c.sync = s;
      const RealResult r = run_real(c);
      INFO("mode " << sync_name(s) << ", " << threads << " threads");
      CHECK(r.expected == threads * 50000LL);
      CHECK(r.final_value == r.expected);
      CHECK(r.lost == 0);
      CHECK(r.seconds > 0);
      CHECK(r.increments_per_second > 0);
    }
  }
}

TEST_CASE("without synchronization, concurrent threads lose updates", "[real]") {
  // Scheduling decides whether two threads overlap; a handful of tries makes the race
  // certain in practice while a single lucky run cannot fail the test. On a busy machine a
  // short run can fit in one time slice, so each try runs longer than the last.
  RealConfig c;
  c.threads = 4;
  c.increments = 1000000;
  c.sync = Sync::None;
  long long lost = 0;
  for (int attempt = 0; attempt < 12 && lost == 0; ++attempt, c.increments = std::min(c.increments * 2, 16000000LL)) {
    const RealResult r = run_real(c);
    CHECK(r.lost == r.expected - r.final_value);
    CHECK(r.final_value <= r.expected);
    lost = r.lost;
  }
  CHECK(lost > 0);
}

TEST_CASE("a single thread never loses updates, even without synchronization", "[real]") {
  RealConfig c;
  c.threads = 1;
  c.increments = 100000;
  c.sync = Sync::None;
  CHECK(run_real(c).lost == 0);
}

TEST_CASE("the engine refuses bad configurations", "[real]") {
  RealConfig c;
  c.threads = 0;
  CHECK_THROWS_WITH(run_real(c), Catch::Contains("threads must be between 1 and 8"));
  c.threads = 2;
  c.increments = 0;
  CHECK_THROWS_AS(run_real(c), std::invalid_argument);
}

// The interleaving model: what each schedule does to the counter, and how it is explained.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "model.hpp"

using namespace sim;

namespace {
Config config(Sync s, int threads = 2, int increments = 1) {
  Config c;
  c.threads = threads;
  c.increments = increments;
  c.sync = s;
  return c;
}

void steps(Machine& m, std::initializer_list<int> ts) {
  for (int t : ts) REQUIRE(m.step(t));
}
}  // namespace

TEST_CASE("each mode's increment is the micro-op sequence the CPU executes", "[model]") {
  CHECK(increment_block(Sync::None) == std::vector<Op>{Op::Load, Op::Add, Op::Store});
  CHECK(increment_block(Sync::Mutex) == std::vector<Op>{Op::Lock, Op::Load, Op::Add, Op::Store, Op::Unlock});
  CHECK(increment_block(Sync::Atomic) == std::vector<Op>{Op::FetchAdd});
  CHECK(increment_block(Sync::Semaphore) == std::vector<Op>{Op::P, Op::Load, Op::Add, Op::Store, Op::V});
}

TEST_CASE("T1 LOAD, T2 LOAD, T1 STORE, T2 STORE loses exactly one update", "[model]") {
  Machine m(config(Sync::None));
  steps(m, {0, 1, 0, 0, 1, 1});  // T1 LOAD, T2 LOAD, T1 ADD, T1 STORE, T2 ADD, T2 STORE
  REQUIRE(m.finished());
  CHECK(m.counter() == 1);
  CHECK(m.expected() == 2);
  CHECK(m.lost() == 1);

  const Event& last = m.events().back();
  CHECK(last.info.op == Op::Store);
  CHECK(last.info.thread == 1);
  CHECK(last.info.lost == 1);
  CHECK(last.info.overwritten_thread == 0);
  CHECK(last.info.overwritten_value == 1);
  CHECK(last.text.find("LOST UPDATE") != std::string::npos);
  CHECK(last.text.find("T2 overwrote T1's 1") != std::string::npos);
  // Only that STORE lost anything.
  int lossy = 0;
  for (const Event& e : m.events()) lossy += e.info.lost > 0;
  CHECK(lossy == 1);
}

TEST_CASE("serial schedules lose nothing even without synchronization", "[model]") {
  Machine m(config(Sync::None, 3, 2));
  for (int t = 0; t < 3; ++t)
    while (m.step(t)) {
    }
  REQUIRE(m.finished());
  CHECK(m.counter() == 6);
  CHECK(m.lost() == 0);
}

TEST_CASE("a stale STORE can throw away several increments at once", "[model]") {
  Machine m(config(Sync::None, 2, 3));
  steps(m, {0});                 // T1 loads 0
  steps(m, {1, 1, 1, 1, 1, 1});  // T2 completes two increments: counter 2
  steps(m, {0, 0});              // T1 stores 1 over 2
  CHECK(m.counter() == 1);
  CHECK(m.events().back().info.lost == 2);
  CHECK(m.lost() == 2);
}

TEST_CASE("a held mutex blocks the other thread's LOCK", "[model]") {
  Machine m(config(Sync::Mutex));
  steps(m, {0});  // T1 LOCK
  CHECK(m.core().shared.mutex_owner == 0);
  CHECK_FALSE(m.runnable(1));
  CHECK_FALSE(m.step(1));
  steps(m, {0, 0, 0, 0});  // LOAD ADD STORE UNLOCK
  CHECK(m.runnable(1));
}

TEST_CASE("mutex and atomic modes never lose an update under any scheduler", "[model]") {
  for (Sync s : {Sync::Mutex, Sync::Atomic}) {
    for (Sched sched : {Sched::RoundRobin, Sched::Random}) {
      for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Config c = config(s, 4, 5);
        c.sched = sched;
        c.seed = seed;
        Machine m(c);
        m.run(100000);
        REQUIRE(m.finished());
        CHECK(m.counter() == 20);
        CHECK(m.lost() == 0);
      }
    }
  }
}

TEST_CASE("a semaphore with count 1 is a mutex, with count 2 it lets updates be lost", "[model]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Config c = config(Sync::Semaphore, 3, 4);
    c.sched = Sched::Random;
    c.seed = seed;
    Machine m(c);
    m.run(100000);
    REQUIRE(m.finished());
    CHECK(m.lost() == 0);
  }
  Config c = config(Sync::Semaphore, 2, 1);
  c.sem_count = 2;
  Machine m(c);
  steps(m, {0, 1, 0, 1, 0, 1});  // P P LOAD LOAD ADD ADD
  steps(m, {0, 1});              // STORE STORE
  CHECK(m.counter() == 1);
  CHECK(m.lost() == 1);
}

TEST_CASE("round-robin gives each thread one op per turn, which races every time", "[model]") {
  Config c = config(Sync::None);
  c.sched = Sched::RoundRobin;
  Machine m(c);
  std::vector<int> order;
  for (int t; (t = m.step()) >= 0;) order.push_back(t);
  CHECK(order == std::vector<int>{0, 1, 0, 1, 0, 1});
  CHECK(m.counter() == 1);
}

TEST_CASE("the same seed gives the same schedule, different seeds can differ", "[model]") {
  auto schedule = [](std::uint64_t seed) {
    Config c = config(Sync::None, 4, 3);
    c.sched = Sched::Random;
    c.seed = seed;
    Machine m(c);
    std::vector<int> order;
    for (int t; (t = m.step()) >= 0;) order.push_back(t);
    return std::make_pair(order, m.counter());
  };
  CHECK(schedule(42) == schedule(42));
  bool differs = false;
  for (std::uint64_t s = 1; s <= 10 && !differs; ++s) differs = schedule(s).first != schedule(42).first;
  CHECK(differs);
}

TEST_CASE("undo restores the previous state, scheduler included", "[model]") {
  Config c = config(Sync::None, 3, 2);
  c.sched = Sched::Random;
  c.seed = 7;
  Machine m(c);
  m.run(5);
  const Core before = m.core();
  const int next = m.step();
  const long long counter = m.counter();
  REQUIRE(m.undo());
  CHECK(m.core().shared.counter == before.shared.counter);
  CHECK(m.steps() == 5);
  CHECK(m.step() == next);  // the random scheduler picks the same thread again
  CHECK(m.counter() == counter);

  m.reset();
  CHECK(m.steps() == 0);
  CHECK(m.counter() == 0);
  CHECK_FALSE(m.undo());
}

TEST_CASE("the manual scheduler waits for the reader to choose", "[model]") {
  Machine m(config(Sync::None));
  CHECK(m.step() == -1);
  CHECK(m.steps() == 0);
  CHECK_FALSE(m.step(2));  // no such thread
  CHECK_FALSE(m.step(-1));
}

TEST_CASE("bad configurations are refused with a sentence", "[model]") {
  CHECK_THROWS_WITH(Machine(config(Sync::None, 1)), Catch::Contains("threads must be between 2 and 8"));
  CHECK_THROWS_WITH(Machine(config(Sync::None, 9)), Catch::Contains("got 9"));
  CHECK_THROWS_WITH(Machine(config(Sync::None, 2, 0)), Catch::Contains("increments"));
  Sync s;
  CHECK(parse_sync("semaphore", s));
  CHECK(s == Sync::Semaphore);
  CHECK_FALSE(parse_sync("spinlock", s));
  Sched sc;
  CHECK(parse_sched("round-robin", sc));
  CHECK(sc == Sched::RoundRobin);
}

// The explorer: every interleaving, counted, with the outcome each produces.
#include <catch2/catch.hpp>

#include "explorer.hpp"

using namespace sim;

namespace {
Config config(Sync s, int threads, int increments) {
  Config c;
  c.threads = threads;
  c.increments = increments;
  c.sync = s;
  return c;
}
}  // namespace

TEST_CASE("2 threads x 1 increment without sync: 20 interleavings, 2 outcomes", "[explorer]") {
  const Exploration x = explore(config(Sync::None, 2, 1));
  REQUIRE(x.error.empty());
  CHECK(x.schedules == 20);  // C(6,3)
  REQUIRE(x.outcomes.size() == 2);
  CHECK(x.outcomes[0].final_value == 1);
  CHECK(x.outcomes[1].final_value == 2);
  // Only the two serial orders (T1 entirely first, or T2) avoid the race.
  CHECK(x.outcomes[1].schedules == 2);
  CHECK(x.outcomes[0].schedules == 18);
}

TEST_CASE("each outcome's example schedule really produces it", "[explorer]") {
  const Config c = config(Sync::None, 3, 1);
  const Exploration x = explore(c);
  REQUIRE(x.error.empty());
  CHECK(x.schedules == 1680);  // 9! / (3!)^3
  std::uint64_t total = 0;
  for (const Outcome& o : x.outcomes) {
    total += o.schedules;
    Machine m(c);
    for (int t : o.example) REQUIRE(m.step(t));
    CHECK(m.finished());
    CHECK(m.counter() == o.final_value);
  }
  CHECK(total == x.schedules);
  CHECK(x.outcomes.front().final_value == 1);
  CHECK(x.outcomes.back().final_value == 3);
}

TEST_CASE("2 threads x 2 increments can end anywhere from 2 to 4", "[explorer]") {
  const Exploration x = explore(config(Sync::None, 2, 2));
  REQUIRE(x.error.empty());
  CHECK(x.schedules == 924);  // C(12,6)
  std::vector<long long> values;
  for (const Outcome& o : x.outcomes) values.push_back(o.final_value);
  CHECK(values == std::vector<long long>{2, 3, 4});
}

TEST_CASE("synchronized modes have one outcome: the exact total", "[explorer]") {
  for (Sync s : {Sync::Mutex, Sync::Atomic, Sync::Semaphore}) {
    const Exploration x = explore(config(s, 2, 2));
    REQUIRE(x.error.empty());
    REQUIRE(x.outcomes.size() == 1);
    CHECK(x.outcomes[0].final_value == 4);
  }
  // A mutex serializes whole critical sections: only the order of the sections varies.
  CHECK(explore(config(Sync::Mutex, 2, 1)).schedules == 2);
  CHECK(explore(config(Sync::Atomic, 3, 1)).schedules == 6);
}

TEST_CASE("configurations too large to enumerate are refused, not truncated", "[explorer]") {
  CHECK(interleaving_bound(config(Sync::None, 2, 1)) == 20);
  CHECK(interleaving_bound(config(Sync::None, 4, 1)) == 369600);
  const Exploration x = explore(config(Sync::None, 8, 10));
  CHECK(x.schedules == 0);
  CHECK(x.outcomes.empty());
  CHECK_THAT(x.error, Catch::Contains("more than the 1000000"));
}

// Exhaustive exploration: every interleaving of the threads' micro-ops for a small
// configuration, and the distribution of final counter values it produces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace sim {

struct Outcome {
  long long final_value = 0;
  std::uint64_t schedules = 0;  // how many interleavings end with this value
  std::vector<int> example;     // one of them: the thread stepped at each step
};

struct Exploration {
  std::string error;              // non-empty when the configuration was refused
  std::uint64_t schedules = 0;    // all complete interleavings
  std::vector<Outcome> outcomes;  // sorted by final value
};

// Upper bound on the number of interleavings: the multinomial coefficient
// (N*L)! / (L!)^N for N threads of L ops each (blocking only removes schedules).
// Saturates at UINT64_MAX.
std::uint64_t interleaving_bound(const Config& c);

constexpr std::uint64_t kDefaultExploreLimit = 1000000;

// Enumerates every schedule (scheduler and seed are irrelevant here). Refuses, with a
// message in `error`, when the bound exceeds `limit`.
Exploration explore(const Config& c, std::uint64_t limit = kDefaultExploreLimit);

}  // namespace sim

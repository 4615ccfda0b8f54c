#include "explorer.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace sim {

std::uint64_t interleaving_bound(const Config& c) {
  // Build the multinomial as a product of binomials C(k*L, L), each computed exactly with
  // the running product trick; stop at saturation.
  const std::uint64_t L =
      static_cast<std::uint64_t>(increment_block(c.sync).size()) * static_cast<std::uint64_t>(c.increments);
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t total = 1;
  for (int k = 2; k <= c.threads; ++k) {
    // C(k*L, L) = prod_{i=1..L} ((k-1)*L + i) / i, exact at every step.
    std::uint64_t binom = 1;
    for (std::uint64_t i = 1; i <= L; ++i) {
      const std::uint64_t factor = (static_cast<std::uint64_t>(k) - 1) * L + i;
      if (binom > max / factor) return max;
      binom = binom * factor / i;
    }
    if (binom != 0 && total > max / binom) return max;
    total *= binom;
  }
  return total;
}

namespace {

struct Search {
  const Program& program;
  std::map<long long, Outcome> outcomes;
  std::vector<int> path;
  std::uint64_t schedules = 0;

  void dfs(const Core& core) {
    bool any = false;
    for (int t = 0; t < program.threads(); ++t) {
      if (!program.runnable(core, t)) continue;
      any = true;
      Core next = core;
      program.apply(next, t);
      path.push_back(t);
      dfs(next);
      path.pop_back();
    }
    if (any) return;
    // No thread can move: with these programs that only happens when all are done
    // (a lock holder always has its UNLOCK ahead of it).
    ++schedules;
    Outcome& o = outcomes[core.shared.counter];
    if (o.schedules++ == 0) {
      o.final_value = core.shared.counter;
      o.example = path;
    }
  }
};

}  // namespace

Exploration explore(const Config& c, std::uint64_t limit) {
  Exploration result;
  result.error = validate(c);
  if (!result.error.empty()) return result;
  const std::uint64_t bound = interleaving_bound(c);
  if (bound > limit) {
    result.error = std::to_string(c.threads) + " threads x " + std::to_string(c.increments) + " increments in mode " +
                   sync_name(c.sync) + " can have up to " +
                   (bound == std::numeric_limits<std::uint64_t>::max() ? std::string("2^64") : std::to_string(bound)) +
                   " interleavings, more than the " + std::to_string(limit) +
                   " the explorer enumerates; use fewer threads or increments";
    return result;
  }
  const Program program(c);
  Search s{program, {}, {}, 0};
  s.dfs(program.initial());
  result.schedules = s.schedules;
  for (auto& kv : s.outcomes) result.outcomes.push_back(std::move(kv.second));
  return result;
}

}  // namespace sim

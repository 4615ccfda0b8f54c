// Runs the real-thread engine in every mode under ThreadSanitizer. The run passes when
// TSan reports nothing (CTest also fails on any "WARNING: ThreadSanitizer" line) and the
// synchronized modes are exact. Mode "none" loses updates by design, through atomics,
// so it must be race-free too: that is the point of using relaxed atomics there.
#include <cstdio>

#include "real.hpp"

int main() {
  int failures = 0;
  for (sim::Sync mode : {sim::Sync::None, sim::Sync::Mutex, sim::Sync::Atomic, sim::Sync::Semaphore}) {
    sim::RealConfig c;
    c.threads = 4;
    c.increments = 20000;
    c.sync = mode;
    const sim::RealResult r = sim::run_real(c);
    std::printf("%-9s final %lld of %lld, lost %lld\n", sim::sync_name(mode), r.final_value, r.expected, r.lost);
    if (mode != sim::Sync::None && r.lost != 0) {
      std::printf("  FAIL: mode %s must not lose updates\n", sim::sync_name(mode));
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

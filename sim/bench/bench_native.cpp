// Native half of the Wasm-vs-native comparison: the same real-thread engine the page runs,
// same parameters, printed as one JSON line for tests/sim/bench-sim.mjs.
//   sim-bench-native [--threads N] [--increments M] [--mode none|mutex|atomic|semaphore] [--runs R]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "real.hpp"

namespace {
[[noreturn]] void usage(const std::string& msg) {
  std::fprintf(stderr, "sim-bench-native: %s\n", msg.c_str());
  std::exit(2);
}

long long number(const char* flag, const char* text) {
  char* end = nullptr;
  const long long v = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0') usage(std::string(flag) + " needs an integer, got \"" + text + "\"");
  return v;
}
}  // namespace

int main(int argc, char** argv) {
  sim::RealConfig c;
  c.sync = sim::Sync::Atomic;
  c.threads = 4;
  c.increments = 1000000;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) usage("missing value after " + a);
    const char* v = argv[++i];
    if (a == "--threads")
      c.threads = static_cast<int>(number("--threads", v));
    else if (a == "--increments")
      c.increments = number("--increments", v);
    else if (a == "--runs")
      runs = static_cast<int>(number("--runs", v));
    else if (a == "--mode") {
      if (!sim::parse_sync(v, c.sync)) usage(std::string("unknown mode \"") + v + "\"");
    } else
      usage("unknown option " + a);
  }
  const std::string err = sim::validate(c);
  if (!err.empty()) usage(err);
  if (runs < 1 || runs > 100) usage("--runs must be between 1 and 100");

  std::vector<double> rates;
  long long lost = 0;
  for (int r = 0; r < runs; ++r) {
    const sim::RealResult res = sim::run_real(c);
    rates.push_back(res.increments_per_second);
    lost += res.lost;
  }
  std::sort(rates.begin(), rates.end());
  std::printf(
      "{\"mode\":\"%s\",\"threads\":%d,\"increments\":%lld,\"runs\":%d,"
      "\"medianPerSecond\":%.0f,\"bestPerSecond\":%.0f,\"lostTotal\":%lld}\n",
      sim::sync_name(c.sync), c.threads, c.increments, runs, rates[rates.size() / 2], rates.back(), lost);
  return 0;
}

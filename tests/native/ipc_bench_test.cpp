#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "ipc.hpp"

namespace {
std::set<std::string> sysv_queues() {
  std::ifstream in("/proc/sysvipc/msg");
  std::set<std::string> ids;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string key, id;
    f >> key >> id;
    ids.insert(id);
  }
  return ids;
}
}  // namespace

TEST_CASE("every mechanism delivers the bytes intact, small and beyond msgmax", "[bench]") {
  for (const auto& m : ipcbench::mechanisms()) {
    for (size_t size : {size_t{64}, size_t{1} << 20}) {
      INFO(m.id << " " << size);
      // measure() compares the echoed message with the sent one and throws if they differ.
      ipcbench::Result r = ipcbench::measure(m.id, size, 3, 4);
      CHECK(r.latency_median_us > 0);
      CHECK(r.throughput_mib_s > 0);
    }
  }
}

TEST_CASE("the benchmark leaves no SysV message queue behind", "[bench]") {
  auto before = sysv_queues();
  ipcbench::measure("msgq", 4096, 3, 4);
  CHECK(sysv_queues() == before);
}

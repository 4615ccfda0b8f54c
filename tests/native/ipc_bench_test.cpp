#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

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

TEST_CASE("messages arrive complete and in order when the sender runs ahead", "[bench]") {
  for (const auto& m : ipcbench::mechanisms()) {
    INFO(m.id);
    const size_t size = 10000;  // over msgmax's default, not a multiple of a page
    auto ch = ipcbench::make_channel(m.id, size);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {  // never return into the test runner from the child
      try {
        ch->attach(ipcbench::Side::Child);
        std::vector<char> buf(size);
        for (int i = 0; i < 50; ++i) {  // far more than any buffer or ring holds
          std::fill(buf.begin(), buf.end(), static_cast<char>(i));
          buf[size - 1] = static_cast<char>(i ^ 0x55);
          ch->send(ipcbench::Side::Child, buf.data(), size);
        }
      } catch (...) {
        _exit(1);
      }
      _exit(0);
    }
    ch->attach(ipcbench::Side::Parent);
    std::vector<char> got(size);
    bool ok = true;
    for (int i = 0; i < 50 && ok; ++i) {
      ch->recv(ipcbench::Side::Parent, got.data(), size);
      ok = got[0] == static_cast<char>(i) && got[size / 2] == static_cast<char>(i) &&
           got[size - 1] == static_cast<char>(i ^ 0x55);
      if (!ok) FAIL_CHECK("message " << i << " arrived wrong");
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(ok);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
}

#include <catch2/catch.hpp>

#include <regex>

#include "fixture.hpp"
#include "trace/normalize.hpp"

using trace::Event;

namespace {
trace::Trace normalized(const std::string& text) {
  trace::Trace t;
  trace::normalize(trace::parse_strace(text), t);
  return t;
}
const Event& find(const trace::Trace& t, const std::string& proc, const std::string& call) {
  for (const auto& e : t.events)
    if (e.proc == proc && e.call == call) return e;
  FAIL("no event " << call << " in " << proc);
  throw std::logic_error("unreachable");
}
// The same run as another recording would see it: other pids, addresses, ids and clock.
std::string rerun(std::string s) {
  const std::pair<const char*, const char*> subst[] = {{"4358", "12001"},
                                                       {"4359", "12002"},
                                                       {"0x7f324c08c000", "0x7f99aa001000"},
                                                       {"0x7f324be9da10", "0x7f99a9e00a10"},
                                                       {"0x7ffe551a6f00", "0x7ffc00112200"},
                                                       {"0x7ffe551a6e00", "0x7ffc00112100"},
                                                       {"0x7f324c07a000", "0x7f99aa111000"},
                                                       {"(7, ", "(32775, "},
                                                       {"= 7\n", "= 32775\n"},
                                                       {"1795702", "1811111"}};
  for (const auto& [from, to] : subst)
    s = std::regex_replace(s, std::regex(std::regex_replace(from, std::regex(R"([()])"), R"(\$&)")), to);
  return s;
}
}  // namespace

TEST_CASE("processes are labelled P1, P2... in creation order, with their parent", "[normalize]") {
  auto t = normalized(fixture("fork_wait.strace"));
  CHECK(t.processes == std::vector<std::string>{"P1", "P2"});
  CHECK(t.parents == std::vector<std::string>{"", "P1"});
  CHECK(find(t, "P1", "clone").result == "P2");
  CHECK(find(t, "P1", "wait4").result == "P2");
  CHECK(find(t, "P1", "SIGCHLD").args.find("si_pid=P2,") != std::string::npos);
}

TEST_CASE("times are microseconds since the first line", "[normalize]") {
  auto t = normalized(fixture("fork_wait.strace"));
  CHECK(t.events.front().t_us == 0);
  const Event& w = find(t, "P1", "wait4");
  CHECK(w.t_us == 534966 - 528427);
  CHECK(*w.end_us == 1537855 - 528427);
}

TEST_CASE("addresses and IPC ids become tokens that stay consistent within a run", "[normalize]") {
  auto t = normalized(fixture("fork_wait.strace"));
  const std::string addr = find(t, "P1", "shmat").result;
  CHECK(std::regex_match(addr, std::regex("<addr#[0-9]+>")));
  CHECK(find(t, "P1", "shmdt").args == addr);
  CHECK(find(t, "P2", "shmat").result == addr);  // the same segment in both processes
  CHECK(find(t, "P1", "shmget").result == "<shmid#1>");
  CHECK(find(t, "P2", "shmat").args == "<shmid#1>, NULL, 0");
  CHECK(find(t, "P1", "shmctl").args == "<shmid#1>, IPC_RMID, NULL");
}

TEST_CASE("recording the same run again changes only the times", "[normalize]") {
  auto a = normalized(fixture("fork_wait.strace"));
  auto b = normalized(rerun(fixture("fork_wait.strace")));
  REQUIRE(a.events.size() == b.events.size());
  for (size_t i = 0; i < a.events.size(); ++i) {
    INFO("event " << i << ": " << a.events[i].call);
    CHECK(a.events[i].proc == b.events[i].proc);
    CHECK(a.events[i].args == b.events[i].args);
    CHECK(a.events[i].result == b.events[i].result);
    CHECK(a.events[i].shown == b.events[i].shown);
  }
  REQUIRE(a.raw.size() == b.raw.size());
  for (size_t i = 0; i < a.raw.size(); ++i) CHECK(a.raw[i] == b.raw[i]);  // same clock offsets here
}

TEST_CASE("pids inside names and glibc's temporary semaphore names are normalized", "[normalize]") {
  auto t = normalized(fixture("posix_sem.strace"));
  CHECK(t.events[0].args.find("\"/dev/shm/ch7-data-P1\"") != std::string::npos);
  const Event& link = find(t, "P1", "link");
  CHECK(link.args == R"("/dev/shm/sem.<tmp#1>", "/dev/shm/sem.ch7-ready-P1")");
}

TEST_CASE("the diagram shows the shared-memory story, not the loader's traffic", "[normalize]") {
  auto t = normalized(fixture("fork_wait.strace"));
  CHECK_FALSE(find(t, "P1", "openat").shown);  // /etc/ld.so.cache
  CHECK_FALSE(find(t, "P1", "mmap").shown);    // MAP_PRIVATE
  CHECK_FALSE(find(t, "P1", "execve").shown);
  for (const char* c : {"shmget", "clone", "shmat", "shmdt", "wait4", "SIGCHLD", "shmctl", "exited"})
    CHECK(find(t, "P1", c).shown);
  CHECK(find(t, "P2", "write").shown);  // stdout

  auto s = normalized(fixture("posix_sem.strace"));
  std::vector<std::string> shown;
  for (const auto& e : s.events)
    if (e.shown) shown.push_back(e.call + (e.call == "close" ? "(" + e.args + ")" : ""));
  // close(7) and the private mapping are not about /dev/shm.
  CHECK(shown == std::vector<std::string>{"openat", "ftruncate", "openat", "mmap", "link", "unlink", "close(4)",
                                          "unlink", "exited"});
}

TEST_CASE("raw lines carry the process label and the relative time", "[normalize]") {
  auto t = normalized(fixture("fork_wait.strace"));
  REQUIRE(t.raw.size() == 21);
  CHECK(t.raw[0].rfind("P1      0.000000 execve(\"./sysv_parent_child\"", 0) == 0);
  CHECK(t.raw[0].find("0x7ffe") == std::string::npos);
  CHECK(std::count_if(t.raw.begin(), t.raw.end(),
                      [](const std::string& l) { return l.find("4359") != std::string::npos; }) == 0);
  CHECK(t.raw[16] == "P1      1.009428 <... wait4 resumed>NULL, 0, NULL) = P2");
}

TEST_CASE("the end of a process points at the line of its exit call", "[normalize]") {
  auto p = trace::parse_strace(fixture("errors.strace"));
  for (auto& e : p.events)
    if (e.call == "exit_group") e.line = 42;
  trace::Trace t;
  trace::normalize(p, t);
  CHECK(find(t, "P1", "exited").line == 42);
}

// Found by fuzz_strace: std::stoi threw out_of_range on si_pid=99999999999, and would on a
// clone or wait4 result that long. No traced process has such a pid: the text stays.
TEST_CASE("a pid too large for an int in a result or siginfo is kept as text", "[normalize]") {
  trace::Trace t;
  REQUIRE_NOTHROW(
      t = normalized("5 1.000000 clone(child_stack=NULL, flags=SIGCHLD) = 99999999999\n"
                     "5 1.000001 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=99999999999, si_uid=0} ---\n"
                     "5 1.000002 wait4(-1, NULL, 0, NULL) = 99999999999\n"
                     "5 1.000003 +++ exited with 0 +++\n"));
  CHECK(t.processes == std::vector<std::string>{"P1"});
  CHECK(find(t, "P1", "clone").result == "99999999999");
  CHECK(find(t, "P1", "wait4").result == "99999999999");
  CHECK(find(t, "P1", "SIGCHLD").args.find("si_pid=99999999999") != std::string::npos);
}

#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "trace/strace_parser.hpp"

using trace::Event;
using trace::parse_strace;

namespace {
const Event& find(const trace::ParsedStrace& p, int pid, const std::string& call, int nth = 0) {
  for (const auto& e : p.events)
    if (e.pid == pid && e.call == call && nth-- == 0) return e;
  FAIL("no event " << call << " in pid " << pid);
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("an unfinished call and its resumption become one event with both times", "[parser]") {
  auto p = parse_strace(fixture("fork_wait.strace"));
  const Event& w = find(p, 4358, "wait4");
  CHECK(w.args == "-1, NULL, 0, NULL");
  CHECK(w.result == "4359");
  CHECK(w.t_us == 1795702162534966LL);
  REQUIRE(w.end_us);
  CHECK(*w.end_us == 1795702163537855LL);
  CHECK_FALSE(w.unfinished);
  const Event& sleep = find(p, 4359, "clock_nanosleep");
  CHECK(sleep.args == "CLOCK_REALTIME, 0, {tv_sec=1, tv_nsec=0}, 0x7ffe551a6e00");
  const Event& dt = find(p, 4358, "shmdt");
  CHECK(dt.args == "0x7f324c08c000");
  CHECK(dt.result == "0");
}

TEST_CASE("events keep the order in which strace started them", "[parser]") {
  auto p = parse_strace(fixture("fork_wait.strace"));
  std::vector<std::string> calls;
  for (const auto& e : p.events)
    if (e.pid == 4358) calls.push_back(e.call);
  CHECK(calls == std::vector<std::string>{"execve", "openat", "mmap", "shmget", "clone", "shmat", "shmdt", "wait4",
                                          "SIGCHLD", "shmctl", "exit_group", "exited"});
}

TEST_CASE("signals and process ends are events", "[parser]") {
  auto p = parse_strace(fixture("fork_wait.strace"));
  const Event& sig = find(p, 4358, "SIGCHLD");
  CHECK(sig.kind == Event::Kind::Signal);
  CHECK(sig.args.find("si_pid=4359") != std::string::npos);
  const Event& ex = find(p, 4359, "exited");
  CHECK(ex.kind == Event::Kind::Exit);
  CHECK(ex.exit_code == 0);

  auto k = parse_strace(fixture("killed.strace"));
  const Event& segv = find(k, 901, "killed");
  CHECK(segv.args == "SIGSEGV (core dumped)");
  const Event& kill = find(k, 900, "killed");
  CHECK(kill.args == "SIGKILL");
}

TEST_CASE("a call interrupted by a signal, and one that never returns", "[parser]") {
  auto k = parse_strace(fixture("killed.strace"));
  const Event& sleep = find(k, 900, "clock_nanosleep");
  CHECK(sleep.error == "ERESTART_RESTARTBLOCK");
  CHECK(sleep.result.rfind("? ERESTART_RESTARTBLOCK", 0) == 0);
  const Event& restart = find(k, 900, "restart_syscall");
  CHECK(restart.unfinished);
  CHECK_FALSE(restart.end_us);
}

TEST_CASE("failed calls keep the result and name the errno", "[parser]") {
  auto p = parse_strace(fixture("errors.strace"));
  const Event& open = find(p, 812, "openat");
  CHECK(open.error == "ENOENT");
  CHECK(open.result == "-1 ENOENT (No such file or directory)");
  CHECK(find(p, 812, "shmget").error == "EACCES");
  CHECK(find(p, 812, "shmat").error == "EINVAL");
  CHECK(find(p, 812, "exited").exit_code == 1);
}

TEST_CASE("quotes and parentheses inside strings do not end the arguments", "[parser]") {
  auto p = parse_strace(fixture("errors.strace"));
  const Event& w = find(p, 812, "write");
  CHECK(w.args == R"(1, "a) = 5, \"quoted\" (x)\n", 21)");
  CHECK(w.result == "21");
  CHECK(w.error.empty());
}

TEST_CASE("stack frames from strace -k belong to the call they follow", "[parser]") {
  auto p = parse_strace(fixture("fork_wait.strace"));
  const Event& get = find(p, 4358, "shmget");
  REQUIRE(get.stack.size() == 3);
  CHECK(get.stack[1] == "/tmp/ch7-trace-abc/sysv_parent_child(main+0x1c) [0x11b5]");
  // strace prints exit_group's stack after the "+++ exited" line.
  CHECK(find(p, 4359, "exit_group").stack.size() == 2);
  CHECK(find(p, 4359, "exited").stack.empty());
}

TEST_CASE("a line that is not strace output is an error naming the line", "[parser]") {
  try {
    parse_strace(fixture("bad_line.strace"), "bad_line.strace");
    FAIL("no error");
  } catch (const trace::ParseError& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(e.what(), Catch::Contains("bad_line.strace:3:") && Catch::Contains("this is not what strace writes"));
  }
  CHECK_THROWS_WITH(parse_strace("5 1.000000 <... wait4 resumed>) = 0\n", "x"),
                    Catch::Contains("x:1:") && Catch::Contains("no call of that name was unfinished"));
  CHECK_THROWS_WITH(parse_strace("5 1.000000 shmget(IPC_PRIVATE, 1024\n", "x"), Catch::Contains("do not close"));
  CHECK_THROWS_WITH(parse_strace("5 1.000000 shmget(IPC_PRIVATE)\n", "x"), Catch::Contains("has no result"));
}

// Found by fuzz_strace: std::stoi/stoll threw out_of_range (not a ParseError) and the
// seconds-to-microseconds product overflowed (undefined behaviour) on long digit runs.
TEST_CASE("a pid or timestamp too large for its type is an error naming the line", "[parser]") {
  CHECK_THROWS_WITH(parse_strace("5 1.000000 getpid() = 5\n99999999999 1.000000 getpid() = 5\n", "x"),
                    Catch::Contains("x:2:") && Catch::Contains("out of range"));
  CHECK_THROWS_WITH(parse_strace("99999999999999999999.000000 getpid() = 5\n", "x"), Catch::Contains("x:1:"));
  CHECK_THROWS_WITH(parse_strace("170001700000000.000000 getpid() = 5\n", "x"), Catch::Contains("out of range"));
  CHECK_THROWS_WITH(parse_strace("5 170001700000000.000000 getpid() = 5\n", "x"), Catch::Contains("out of range"));
  // The largest values that still fit are read as they are.
  auto p = parse_strace("2147483647 9223372036853.000000 getpid() = 5\n", "x");
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].pid == 2147483647);
  CHECK(p.events[0].t_us == 9223372036853000000);
}

TEST_CASE("split_args splits at top-level commas only", "[parser]") {
  CHECK(trace::split_args(R"(0, [{sem_num=0, sem_op=-1}], "a,b", 1)") ==
        std::vector<std::string>{"0", "[{sem_num=0, sem_op=-1}]", "\"a,b\"", "1"});
  CHECK(trace::split_args("").empty());
}

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "trace/model.hpp"
#include "trace/normalize.hpp"

namespace {
trace::Trace sample() {
  trace::Trace t;
  t.example = "sysv_parent_child";
  t.source_name = "sysv_parent_child.c";
  t.source = "int main() {\n  return 0;\n}\n";
  t.compile_command = "cc -Wall -Wextra";
  t.compiler_output = "x.c:2:3: warning: something\n";
  t.diagnostics = {{2, 3, "warning", "something"}};
  t.run_command = "strace -f ./x";
  t.isolation = "private";
  t.timeout_s = 20;
  t.stdout_text = "Child read: Hello from parent!\n";
  trace::normalize(trace::parse_strace(fixture("fork_wait.strace")), t);
  t.events[3].line = 12;
  t.events[3].context = "exit()";
  t.provenance = {{"date", "2026-01-01T00:00:00Z"}, {"kernel", "Linux 6.1"}};
  return t;
}
}  // namespace

TEST_CASE("a trace survives a JSON round trip unchanged", "[model]") {
  trace::Trace a = sample();
  std::string text = trace::dump_trace_json(a);
  trace::Trace b = trace::parse_trace_json(text);
  CHECK(trace::dump_trace_json(b) == text);
  REQUIRE(b.events.size() == a.events.size());
  for (size_t i = 0; i < a.events.size(); ++i) {
    CHECK(b.events[i].proc == a.events[i].proc);
    CHECK(b.events[i].call == a.events[i].call);
    CHECK(b.events[i].args == a.events[i].args);
    CHECK(b.events[i].result == a.events[i].result);
    CHECK(b.events[i].t_us == a.events[i].t_us);
    CHECK(b.events[i].end_us == a.events[i].end_us);
    CHECK(b.events[i].shown == a.events[i].shown);
    CHECK(b.events[i].line == a.events[i].line);
    CHECK(b.events[i].kind == a.events[i].kind);
  }
  CHECK(b.parents == a.parents);
  CHECK(b.diagnostics.at(0).message == "something");
  CHECK(b.stdout_text == a.stdout_text);
}

TEST_CASE("the JSON has no raw pids", "[model]") {
  std::string text = trace::dump_trace_json(sample());
  CHECK(text.find("4358") == std::string::npos);
  CHECK(text.find("4359") == std::string::npos);
}

TEST_CASE("malformed or incomplete trace JSON is a clear error", "[model]") {
  CHECK_THROWS_WITH(trace::parse_trace_json("{\"schema\": 1,"), Catch::Contains("malformed"));
  auto j = nlohmann::json::parse(trace::dump_trace_json(sample()));
  j.erase("events");
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("\"events\""));
  j = nlohmann::json::parse(trace::dump_trace_json(sample()));
  j["events"][2]["t_us"] = "soon";
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("t_us") && Catch::Contains("event 2"));
  j = nlohmann::json::parse(trace::dump_trace_json(sample()));
  j["schema"] = 2;
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("schema 2"));
}

// Found by fuzz_strace: nlohmann's dump() throws on invalid UTF-8, and the traced program's
// output is whatever bytes it printed (Latin-1, or UTF-8 cut at the 64 KiB stdout limit).
TEST_CASE("a program that prints bytes that are not UTF-8 still gets its trace JSON", "[model]") {
  trace::Trace t = sample();
  t.stdout_text = "caf\xC3";                                      // "café" cut inside its last character
  t.raw.push_back("P1 0.000001 write(1, \"\xE9t\xE9\", 3) = 3");  // Latin-1 "été"
  std::string text;
  REQUIRE_NOTHROW(text = trace::dump_trace_json(t));
  const trace::Trace back = trace::parse_trace_json(text);
  CHECK(back.stdout_text == "caf\xEF\xBF\xBD");  // U+FFFD where the bytes were
  CHECK(back.raw.back() == "P1 0.000001 write(1, \"\xEF\xBF\xBDt\xEF\xBF\xBD\", 3) = 3");
}

// Found by fuzz_strace (trace JSON input): get<int>() of 2.8e49 is a float-to-int overflow
// (undefined behaviour, reported by UBSan), and of 1.5 or 2^40 a silently wrong number.
TEST_CASE("a number in trace JSON that is not a whole number in range is a clear error", "[model]") {
  const auto good = nlohmann::json::parse(trace::dump_trace_json(sample()));
  auto j = good;
  j["events"][2]["t_us"] = 2.77778e+49;
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("t_us") && Catch::Contains("event 2"));
  j = good;
  j["schema"] = 1.5;
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("\"schema\""));
  j = good;
  j["events"][0]["line"] = int64_t{1} << 40;
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("\"line\""));
  j = good;
  j["run"]["timeout_s"] = -1e300;
  CHECK_THROWS_WITH(trace::parse_trace_json(j.dump()), Catch::Contains("\"timeout_s\""));
  j = good;
  j["events"][2]["t_us"] = int64_t{-5};  // whole and in range: read as it is
  CHECK(trace::parse_trace_json(j.dump()).events[2].t_us == -5);
}

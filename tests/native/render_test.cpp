#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "fixture.hpp"
#include "trace/extract.hpp"
#include "trace/model.hpp"
#include "trace/normalize.hpp"
#include "trace/render.hpp"

namespace {
trace::Trace sample() {
  trace::Trace t;
  t.example = "demo";
  t.source_name = "demo.c";
  t.source = std::string(30, '\n');
  t.compile_command = "cc -Wall -Wextra -o demo demo.c";
  t.run_command = "strace -f ./demo";
  t.isolation = "private";
  trace::normalize(trace::parse_strace(fixture("fork_wait.strace")), t);
  return t;
}
size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("text from the traced program is escaped everywhere", "[render]") {
  trace::Trace t = sample();
  t.stdout_text = "<script>alert(1)</script> & \"quotes\"\n";
  t.events[3].args = "\"<img src=x onerror=alert(1)>\"";
  t.raw.push_back("P1 0.0 write(1, \"</pre><script>x</script>\", 9) = 9");
  t.compiler_output = "demo.c:1:1: warning: <b>bold</b>\n";
  t.diagnostics = {{1, 1, "warning", "<b>bold</b>"}};
  std::string html = trace::render_html(trace::dump_trace_json(t), "code-demo");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;") != std::string::npos);
  CHECK(html.find("&lt;/pre&gt;&lt;script&gt;") != std::string::npos);
}

TEST_CASE("escape_html replaces invalid UTF-8 and control bytes, keeps valid UTF-8", "[render]") {
  CHECK(trace::escape_html("a\xff"
                           "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(trace::escape_html("\xC3\xA9") == "\xC3\xA9");                                  // é
  CHECK(trace::escape_html("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(trace::escape_html(std::string("x\x01y", 3)) == "x\xEF\xBF\xBDy");
  CHECK(trace::escape_html("<'&'>") == "&lt;&#39;&amp;&#39;&gt;");
}

TEST_CASE("each drawn event is focusable and links to its source line when known", "[render]") {
  trace::Trace t = sample();
  for (auto& e : t.events)
    if (e.call == "shmget")
      e.line = 12;
    else if (e.call == "shmctl")
      e.line = 99;  // beyond the source: not linked
  std::string html = trace::render_html(trace::dump_trace_json(t), "code-demo");
  CHECK(count(html, "href=\"#code-demo-L12\" data-line=\"code-demo-L12\"") == 1);
  CHECK(html.find("code-demo-L99") == std::string::npos);
  size_t shown = 0;
  for (const auto& e : t.events) shown += e.shown;
  size_t focusable = count(html, "<a class=\"trace-ev") + count(html, "tabindex=\"0\"");
  // Every drawn event, plus the returns of wait4 (P1) and clock_nanosleep (P2) that block.
  CHECK(focusable == shown + 2);
  CHECK(count(html, "<svg") == 1);
  CHECK(html.find("<details class=\"trace-raw\">") != std::string::npos);
  CHECK(html.find(">P2</text>") != std::string::npos);
}

TEST_CASE("a malformed trace file is a clear error", "[render]") {
  CHECK_THROWS_AS(trace::render_html("not json", "x"), std::runtime_error);
  CHECK_THROWS_WITH(trace::render_html("{}", "x"), Catch::Contains("schema"));
}

// The committed traces must be recordings of the code the chapter shows now.
// Found with a crafted trace-JSON input on fuzz_strace: end_us - t_us overflowed (undefined
// behaviour, reported by UBSan) for times at opposite ends of int64 in an edited trace file.
TEST_CASE("a call whose times lie at opposite ends of the range renders", "[render]") {
  trace::Trace t = sample();
  size_t shown = 0;
  while (!t.events.at(shown).shown) ++shown;
  t.events[shown].t_us = -9000000000000000000;
  t.events[shown].end_us = 9000000000000000000;
  std::string html;
  REQUIRE_NOTHROW(html = trace::render_html(trace::dump_trace_json(t), "code-demo"));
  CHECK(html.find("<svg") != std::string::npos);
}

TEST_CASE("every titled C block of the chapter has a committed trace of that very code", "[render][content]") {
  const std::string dir = CHAPTER_DIR;
  auto blocks = trace::extract_c_blocks(read_text(dir + "/index.md"), "index.md");
  REQUIRE(blocks.size() >= 2);
  for (const auto& b : blocks) {
    INFO(b.info.title << ": run `./dev.sh traces` after changing the chapter's code");
    std::string path = dir + "/traces/" + trace::stem_of(b) + ".json";
    REQUIRE(std::filesystem::exists(path));
    std::string text = read_text(path);
    trace::Trace t = trace::parse_trace_json(text);
    CHECK(t.source == b.code);
    CHECK_FALSE(t.timed_out);
    std::string html = trace::render_html(text, "code-" + trace::stem_of(b));
    CHECK(html.find("<svg") != std::string::npos);
  }
}

TEST_CASE("the SysV example's missing <sys/wait.h> warning is kept and points at wait()", "[render][content]") {
  trace::Trace t = trace::parse_trace_json(read_text(std::string(CHAPTER_DIR) + "/traces/sysv_parent_child.json"));
  int wait_line = 0, n = 0;
  std::istringstream src(t.source);
  for (std::string l; std::getline(src, l);) {
    ++n;
    if (l.find("wait(NULL)") != std::string::npos) wait_line = n;
  }
  REQUIRE(wait_line > 0);
  bool found = false;
  for (const auto& d : t.diagnostics)
    found = found ||
            (d.line == wait_line && d.message.find("implicit declaration of function 'wait'") != std::string::npos);
  CHECK(found);
  std::string html = trace::render_html(read_text(std::string(CHAPTER_DIR) + "/traces/sysv_parent_child.json"), "s");
  CHECK(html.find("implicit declaration of function &#39;wait&#39;") != std::string::npos);
}

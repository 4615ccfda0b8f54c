// libFuzzer target: what trace_record does with strace's output (parse_strace, normalize,
// the JSON written to content/) and what the generator does with that JSON (render_html).
// Inputs starting with '{' are fed to render_html directly as a recorded trace, so the
// committed traces seed the renderer too. A ParseError (strace text) or runtime_error
// (malformed trace JSON) is the expected failure; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "trace/model.hpp"
#include "trace/normalize.hpp"
#include "trace/render.hpp"
#include "trace/strace_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  if (!text.empty() && text[0] == '{') {
    try {
      trace::render_html(text, "code-fuzz");
    } catch (const std::runtime_error&) {
    }
    return 0;
  }

  trace::ParsedStrace parsed;
  try {
    parsed = trace::parse_strace(text, "fuzz.strace");
  } catch (const trace::ParseError&) {
    return 0;
  }
  trace::Trace t;
  t.example = "fuzz";
  t.source_name = "fuzz.c";
  trace::normalize(parsed, t);
  // What trace_record writes must be what the generator can read back and draw.
  const std::string json = trace::dump_trace_json(t);
  trace::render_html(json, "code-fuzz");
  return 0;
}

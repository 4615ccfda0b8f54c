#include "trace/model.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include <simdjson.h>
#include <nlohmann/json.hpp>

namespace trace {
namespace {

using nlohmann::json;

const char* kind_name(Event::Kind k) {
  switch (k) {
    case Event::Kind::Syscall: return "syscall";
    case Event::Kind::Signal: return "signal";
    case Event::Kind::Exit: return "exit";
  }
  return "syscall";
}

Event::Kind kind_from(const std::string& s) {
  if (s == "syscall") return Event::Kind::Syscall;
  if (s == "signal") return Event::Kind::Signal;
  if (s == "exit") return Event::Kind::Exit;
  throw std::runtime_error("trace JSON: unknown event kind \"" + s + "\"");
}

// Reading is simdjson's (its DOM, on one parser a thread), writing nlohmann's: a cold build
// of a 1,000-chapter book reads 5,000 traces, and nlohmann's parser took 7% of it.
using simdjson::dom::element;

[[noreturn]] void wrong(const std::string& what) {
  throw std::runtime_error("trace JSON: " + what);
}

// The field, if `j` is an object that has it.
std::optional<element> present(element j, const char* name) {
  simdjson::dom::object o;
  element v;
  if (j.get_object().get(o) || o[name].get(v)) return std::nullopt;
  return v;
}

// Field access with an error that says which field of which object is wrong, so a
// hand-edited or truncated trace file fails with something a person can act on.
element member(element j, const char* name, const std::string& where) {
  simdjson::dom::object o;
  if (j.get_object().get(o)) wrong(where + " is not an object");
  element v;
  if (o[name].get(v)) wrong(where + " has no field \"" + name + "\"");
  return v;
}

// Whole numbers that fit only: a cast of 1.5 or 1e49 would be wrong (or undefined), and 2^40
// would wrap.
template <class T>
T whole(element v, const char* name, const std::string& where) {
  using limits = std::numeric_limits<T>;
  int64_t i = 0;
  uint64_t u = 0;
  if (!v.get_int64().get(i) && i >= static_cast<int64_t>(limits::min()) &&
      (i < 0 || static_cast<uint64_t>(i) <= static_cast<uint64_t>(limits::max())))
    return static_cast<T>(i);
  if (!v.is_int64() && !v.get_uint64().get(u) && u <= static_cast<uint64_t>(limits::max())) return static_cast<T>(u);
  wrong("field \"" + std::string(name) + "\" of " + where + " is not a whole number in range");
}

// A field's value as T, or an error naming the field.
template <class T>
T value(element v, const char* name, const std::string& where) {
  const auto mistyped = [&] { wrong("field \"" + std::string(name) + "\" of " + where + " has the wrong type"); };
  if constexpr (std::is_same_v<T, element>) {
    return v;
  } else if constexpr (std::is_same_v<T, bool>) {
    bool b = false;
    if (v.get_bool().get(b)) mistyped();
    return b;
  } else if constexpr (std::is_integral_v<T>) {
    return whole<T>(v, name, where);
  } else if constexpr (std::is_same_v<T, std::string>) {
    std::string_view text;
    if (v.get_string().get(text)) mistyped();
    return std::string(text);
  } else {
    static_assert(std::is_same_v<T, std::vector<std::string>>);
    simdjson::dom::array a;
    if (v.get_array().get(a)) mistyped();
    std::vector<std::string> out;
    for (element e : a) {
      std::string_view text;
      if (e.get_string().get(text)) mistyped();
      out.emplace_back(text);
    }
    return out;
  }
}

template <class T>
T field(element j, const char* name, const std::string& where) {
  return value<T>(member(j, name, where), name, where);
}

// Looked up once: most of an event's fields are optional, and a cold build reads every event.
template <class T>
T optional_field(element j, const char* name, T fallback, const std::string& where) {
  const std::optional<element> v = present(j, name);
  return v ? value<T>(*v, name, where) : fallback;
}

simdjson::dom::array array_field(element j, const char* name, const std::string& where, const char* shown) {
  simdjson::dom::array a;
  if (field<element>(j, name, where).get_array().get(a)) wrong(std::string(shown) + " is not an array");
  return a;
}

}  // namespace

json to_json(const Trace& t) {
  json j;
  j["schema"] = t.schema;
  j["example"] = t.example;
  j["source_name"] = t.source_name;
  j["source"] = t.source;
  j["compile"] = {{"command", t.compile_command}, {"output", t.compiler_output}, {"diagnostics", json::array()}};
  for (const auto& d : t.diagnostics)
    j["compile"]["diagnostics"].push_back(
        {{"line", d.line}, {"column", d.column}, {"severity", d.severity}, {"message", d.message}});
  j["run"] = {{"command", t.run_command},
              {"isolation", t.isolation},
              {"timeout_s", t.timeout_s},
              {"timed_out", t.timed_out},
              {"stdout", t.stdout_text}};
  j["processes"] = json::array();
  for (size_t i = 0; i < t.processes.size(); ++i) {
    json p = {{"label", t.processes[i]}};
    p["parent"] = i < t.parents.size() && !t.parents[i].empty() ? json(t.parents[i]) : json(nullptr);
    j["processes"].push_back(p);
  }
  j["events"] = json::array();
  for (const auto& e : t.events) {
    json ev = {{"proc", e.proc}, {"t_us", e.t_us}, {"kind", kind_name(e.kind)}, {"call", e.call}};
    if (e.end_us) ev["end_us"] = *e.end_us;
    if (e.kind != Event::Kind::Exit || !e.args.empty()) ev["args"] = e.args;
    if (e.kind == Event::Kind::Syscall) ev["result"] = e.result;
    if (!e.error.empty()) ev["error"] = e.error;
    if (e.unfinished) ev["unfinished"] = true;
    if (e.kind == Event::Kind::Exit && e.exit_code >= 0) ev["exit_code"] = e.exit_code;
    if (e.line > 0) ev["line"] = e.line;
    if (!e.context.empty()) ev["context"] = e.context;
    ev["shown"] = e.shown;
    ev["raw_line"] = e.raw_line;
    j["events"].push_back(ev);
  }
  j["raw"] = t.raw;
  j["provenance"] = json::object();
  for (const auto& [k, v] : t.provenance) j["provenance"][k] = v;
  return j;
}

namespace {

void read_compile_and_run(element j, Trace& t) {
  const element c = field<element>(j, "compile", "the trace");
  t.compile_command = field<std::string>(c, "command", "compile");
  t.compiler_output = field<std::string>(c, "output", "compile");
  for (element d : array_field(c, "diagnostics", "compile", "compile.diagnostics"))
    t.diagnostics.push_back({field<int>(d, "line", "a diagnostic"), field<int>(d, "column", "a diagnostic"),
                             field<std::string>(d, "severity", "a diagnostic"),
                             field<std::string>(d, "message", "a diagnostic")});
  const element r = field<element>(j, "run", "the trace");
  t.run_command = field<std::string>(r, "command", "run");
  t.isolation = field<std::string>(r, "isolation", "run");
  t.timeout_s = field<int>(r, "timeout_s", "run");
  t.timed_out = field<bool>(r, "timed_out", "run");
  t.stdout_text = field<std::string>(r, "stdout", "run");
}

Event read_event(element ev, const std::string& where) {
  Event e;
  e.proc = field<std::string>(ev, "proc", where);
  e.t_us = field<int64_t>(ev, "t_us", where);
  if (const auto end = present(ev, "end_us")) e.end_us = value<int64_t>(*end, "end_us", where);
  e.kind = kind_from(field<std::string>(ev, "kind", where));
  e.call = field<std::string>(ev, "call", where);
  e.args = optional_field<std::string>(ev, "args", "", where);
  e.result = optional_field<std::string>(ev, "result", "", where);
  e.error = optional_field<std::string>(ev, "error", "", where);
  e.unfinished = optional_field<bool>(ev, "unfinished", false, where);
  e.exit_code = optional_field<int>(ev, "exit_code", -1, where);
  e.line = optional_field<int>(ev, "line", 0, where);
  e.context = optional_field<std::string>(ev, "context", "", where);
  e.shown = field<bool>(ev, "shown", where);
  e.raw_line = optional_field<int>(ev, "raw_line", 0, where);
  return e;
}

// Throws std::runtime_error naming the missing or mistyped field.
Trace read_trace(element j) {
  Trace t;
  if (!j.is_object()) wrong("the top level is not an object");
  t.schema = field<int>(j, "schema", "the trace");
  if (t.schema != 1) wrong("schema " + std::to_string(t.schema) + " is not supported (expected 1)");
  t.example = field<std::string>(j, "example", "the trace");
  t.source_name = field<std::string>(j, "source_name", "the trace");
  t.source = field<std::string>(j, "source", "the trace");
  read_compile_and_run(j, t);
  for (element p : array_field(j, "processes", "the trace", "processes")) {
    t.processes.push_back(field<std::string>(p, "label", "a process"));
    std::string_view parent;
    t.parents.emplace_back(!p["parent"].get_string().get(parent) ? parent : "");  // absent or not a string: none
  }
  size_t n = 0;
  for (element ev : array_field(j, "events", "the trace", "events"))
    t.events.push_back(read_event(ev, "event " + std::to_string(n++)));
  t.raw = field<std::vector<std::string>>(j, "raw", "the trace");
  simdjson::dom::object prov;
  if (field<element>(j, "provenance", "the trace").get_object().get(prov)) wrong("provenance is not an object");
  for (const auto [key, value] : prov) {
    std::string_view text;
    if (value.get_string().get(text)) wrong("provenance." + std::string(key) + " is not a string");
    t.provenance.emplace_back(key, text);
  }
  return t;
}

}  // namespace

Trace parse_trace_json(const std::string& text) {
  thread_local simdjson::dom::parser parser;  // its buffers serve every trace this thread reads
  element j;
  if (const auto error = parser.parse(simdjson::padded_string(text)).get(j))
    throw std::runtime_error(std::string("trace JSON is malformed: ") + simdjson::error_message(error));
  return read_trace(j);
}

// The traced program's output is arbitrary bytes: what is not UTF-8 becomes U+FFFD rather
// than an exception from dump() that would lose the whole trace.
std::string dump_trace_json(const Trace& t) {
  return to_json(t).dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace trace

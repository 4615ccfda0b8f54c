#include "trace/model.hpp"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

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

// Field access with an error that says which field of which object is wrong, so a
// hand-edited or truncated trace file fails with something a person can act on.
template <class T>
T field(const json& j, const char* name, const std::string& where) {
  if (!j.is_object()) throw std::runtime_error("trace JSON: " + where + " is not an object");
  auto it = j.find(name);
  if (it == j.end()) throw std::runtime_error("trace JSON: " + where + " has no field \"" + name + "\"");
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // get<int>() would cast 1.5 or 1e49 (undefined behaviour) or wrap 2^40: whole numbers
    // that fit only.
    using limits = std::numeric_limits<T>;
    bool fits = false;
    if (it->is_number_unsigned()) {
      fits = it->template get<uint64_t>() <= static_cast<uint64_t>(limits::max());
    } else if (it->is_number_integer()) {
      const int64_t v = it->template get<int64_t>();
      fits = v >= static_cast<int64_t>(limits::min()) &&
             (v < 0 || static_cast<uint64_t>(v) <= static_cast<uint64_t>(limits::max()));
    }
    if (!fits)
      throw std::runtime_error("trace JSON: field \"" + std::string(name) + "\" of " + where +
                               " is not a whole number in range");
  }
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw std::runtime_error("trace JSON: field \"" + std::string(name) + "\" of " + where + " has the wrong type");
  }
}

template <class T>
T optional_field(const json& j, const char* name, T fallback, const std::string& where) {
  if (!j.contains(name)) return fallback;
  return field<T>(j, name, where);
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

Trace from_json(const json& j) {
  Trace t;
  if (!j.is_object()) throw std::runtime_error("trace JSON: the top level is not an object");
  t.schema = field<int>(j, "schema", "the trace");
  if (t.schema != 1)
    throw std::runtime_error("trace JSON: schema " + std::to_string(t.schema) + " is not supported (expected 1)");
  t.example = field<std::string>(j, "example", "the trace");
  t.source_name = field<std::string>(j, "source_name", "the trace");
  t.source = field<std::string>(j, "source", "the trace");
  const json& c = field<json>(j, "compile", "the trace");
  t.compile_command = field<std::string>(c, "command", "compile");
  t.compiler_output = field<std::string>(c, "output", "compile");
  const json diags = field<json>(c, "diagnostics", "compile");
  if (!diags.is_array()) throw std::runtime_error("trace JSON: compile.diagnostics is not an array");
  for (const auto& d : diags)
    t.diagnostics.push_back({field<int>(d, "line", "a diagnostic"), field<int>(d, "column", "a diagnostic"),
                             field<std::string>(d, "severity", "a diagnostic"),
                             field<std::string>(d, "message", "a diagnostic")});
  const json& r = field<json>(j, "run", "the trace");
  t.run_command = field<std::string>(r, "command", "run");
  t.isolation = field<std::string>(r, "isolation", "run");
  t.timeout_s = field<int>(r, "timeout_s", "run");
  t.timed_out = field<bool>(r, "timed_out", "run");
  t.stdout_text = field<std::string>(r, "stdout", "run");
  const json procs = field<json>(j, "processes", "the trace");
  if (!procs.is_array()) throw std::runtime_error("trace JSON: processes is not an array");
  for (const auto& p : procs) {
    t.processes.push_back(field<std::string>(p, "label", "a process"));
    t.parents.push_back(p.contains("parent") && p["parent"].is_string() ? p["parent"].get<std::string>() : "");
  }
  const json evs = field<json>(j, "events", "the trace");
  if (!evs.is_array()) throw std::runtime_error("trace JSON: events is not an array");
  size_t n = 0;
  for (const auto& ev : evs) {
    const std::string where = "event " + std::to_string(n++);
    Event e;
    e.proc = field<std::string>(ev, "proc", where);
    e.t_us = field<int64_t>(ev, "t_us", where);
    if (ev.contains("end_us")) e.end_us = field<int64_t>(ev, "end_us", where);
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
    t.events.push_back(std::move(e));
  }
  t.raw = field<std::vector<std::string>>(j, "raw", "the trace");
  const json& prov = field<json>(j, "provenance", "the trace");
  if (!prov.is_object()) throw std::runtime_error("trace JSON: provenance is not an object");
  for (auto it = prov.begin(); it != prov.end(); ++it) {
    if (!it.value().is_string()) throw std::runtime_error("trace JSON: provenance." + it.key() + " is not a string");
    t.provenance.emplace_back(it.key(), it.value().get<std::string>());
  }
  return t;
}

Trace parse_trace_json(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(std::string("trace JSON is malformed: ") + e.what());
  }
  return from_json(j);
}

// The traced program's output is arbitrary bytes: what is not UTF-8 becomes U+FFFD rather
// than an exception from dump() that would lose the whole trace.
std::string dump_trace_json(const Trace& t) {
  return to_json(t).dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace trace

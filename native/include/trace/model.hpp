// The recorded run of one example: what the JSON files under content/.../traces/ hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace trace {

struct Event {
  enum class Kind { Syscall, Signal, Exit };
  Kind kind = Kind::Syscall;
  int pid = 0;                     // raw pid while parsing; never written to JSON
  std::string proc;                // "P1", "P2", ... after normalization
  int64_t t_us = 0;                // start, absolute while parsing, relative after normalization
  std::optional<int64_t> end_us;   // set when strace split the call (<unfinished ...>/resumed)
  std::string call;                // syscall name, signal name, or "exited"/"killed"
  std::string args;                // argument text as strace printed it (merged if split)
  std::string result;              // "0", "0x..", "?", "-1 ENOENT (No such file or directory)"
  std::string error;               // errno name when the call failed ("ENOENT"), else empty
  bool unfinished = false;         // never resumed: the process died inside the call
  int exit_code = -1;              // Exit: status of "exited with N"
  int line = 0;                    // source line of the example that made the call, 0 if unknown
  std::string context;             // why there is no line, e.g. "exit()" for stdio's final flush
  bool shown = false;              // drawn in the diagram (the raw log always has everything)
  int raw_line = 0;                // 1-based line of the strace output where the event started
  std::vector<std::string> stack;  // strace -k frames, innermost first; never written to JSON
};

struct Diagnostic {
  int line = 0;
  int column = 0;
  std::string severity;  // "warning", "error", "note"
  std::string message;
};

struct Trace {
  int schema = 1;
  std::string example;      // stem, e.g. "sysv_parent_child"
  std::string source_name;  // "sysv_parent_child.c"
  std::string source;       // the code as extracted from the chapter
  std::string compile_command;
  std::string compiler_output;  // exactly what the compiler printed (paths relative)
  std::vector<Diagnostic> diagnostics;
  std::string run_command;
  std::string isolation;  // how IPC objects were kept from outliving the run
  int timeout_s = 0;
  bool timed_out = false;
  std::string stdout_text;
  std::vector<std::string> processes;  // labels in order P1, P2, ...
  std::vector<std::string> parents;    // parent label per process ("" for P1)
  std::vector<Event> events;
  std::vector<std::string> raw;  // normalized strace lines, stack frames left out
  // kernel, libc, compiler, strace, arch, date
  std::vector<std::pair<std::string, std::string>> provenance;
};

nlohmann::json to_json(const Trace& t);
// Throws std::runtime_error naming the missing or mistyped field.
Trace parse_trace_json(const std::string& text);
std::string dump_trace_json(const Trace& t);

}  // namespace trace

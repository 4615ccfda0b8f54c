// Compiles one chapter example, runs it under strace -f with a timeout in a temporary
// folder, and returns the normalized trace. No IPC object outlives a run: where the kernel
// lets us (root), the program runs in its own IPC namespace with a private /dev/shm, so
// everything it creates dies with it even when the timeout kills it; otherwise the
// objects the trace shows it created are removed afterwards.
#pragma once

#include <string>

#include "trace/extract.hpp"
#include "trace/model.hpp"

namespace trace {

struct RecordOptions {
  int timeout_s = 20;
  bool isolate = true;  // try a private IPC namespace and /dev/shm first
  std::string strace = "strace";
  std::string cc = "cc";
  bool keep_workdir = false;
};

// Throws std::runtime_error when the example does not compile, strace cannot run, or the
// strace output cannot be parsed (ParseError, naming the line). The temporary folder is
// removed in every case, unless keep_workdir.
Trace record_example(const CodeBlock& block, const RecordOptions& opt);

// True when strace can trace a child here; otherwise `why` holds strace's complaint.
bool ptrace_permitted(const std::string& strace, std::string& why);

}  // namespace trace

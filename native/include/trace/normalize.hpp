// Turns a parsed strace run into the stable, shareable form written to JSON: process labels
// instead of pids, times relative to the first call, and every value that changes from run
// to run (addresses, IPC ids, pids inside names, mkstemp-style names) replaced by a token
// numbered in order of first appearance. Re-recording then changes only times (and what
// the program itself prints).
#pragma once

#include "trace/model.hpp"
#include "trace/strace_parser.hpp"

namespace trace {

// Fills out.processes, out.parents, out.events and out.raw from `in`; other fields of `out`
// are left alone. Event line/context already set on `in` are kept.
void normalize(const ParsedStrace& in, Trace& out);

// Whether a call is part of the story the diagram tells (shared memory, processes,
// synchronization, output) rather than the dynamic loader's own mmap/openat traffic.
// Decided in normalize(); exposed for tests through Event::shown.

}  // namespace trace

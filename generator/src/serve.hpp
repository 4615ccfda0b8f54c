// `generator serve`: builds, serves the output on loopback with the cross-origin isolation
// headers the MicroSim's threads need, rebuilds when a source changes and reloads open pages.
#pragma once
#include <string>

#include "site.hpp"
#include "static_files.hpp"  // content_type_for, declared there

namespace book {

struct ServeOptions {
  BuildOptions build;
  std::string host = "127.0.0.1";
  int port = 8000;
};

// Blocks until SIGINT/SIGTERM. Returns the process exit code. Port 0 listens on a free port
// and names it in the "serving ... at" line. Call it before the process has other threads: it
// blocks SIGINT/SIGTERM, and a thread already running could still take them.
int serve(const ServeOptions& options);

// Prints a build's diagnostics and a one-line summary to stderr.
void print_report(const BuildReport& report, const std::string& out);

}  // namespace book

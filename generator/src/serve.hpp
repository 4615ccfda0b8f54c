// `generator serve`: builds, serves the output on loopback with the cross-origin isolation
// headers the MicroSim's threads need, rebuilds when a source changes and reloads open pages.
#pragma once
#include <string>

#include "site.hpp"

namespace book {

struct ServeOptions {
  BuildOptions build;
  std::string host = "127.0.0.1";
  int port = 8000;
};

// Blocks until SIGINT/SIGTERM. Returns the process exit code.
int serve(const ServeOptions& options);

// Prints a build's diagnostics and a one-line summary to stderr.
void print_report(const BuildReport& report, const std::string& out);

// Content-Type for a file name (by extension).
const char* content_type_for(const std::string& path);

}  // namespace book

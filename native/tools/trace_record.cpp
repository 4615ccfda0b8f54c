// Re-records the chapter's example traces: extract every ```c title="x.c"``` block, run it
// under strace, and replace <out>/x.json. All examples are recorded before any file is
// written, and each file is replaced by rename, so a failure leaves the previous traces.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "trace/extract.hpp"
#include "trace/model.hpp"
#include "trace/record.hpp"

namespace fs = std::filesystem;

static int usage() {
  std::cerr << "usage: trace_record --chapter index.md --out traces/ [--only stem]... [--timeout s] [--keep] [--strace "
               "path]\n";
  return 2;
}

int main(int argc, char** argv) {
  std::string chapter, out;
  std::set<std::string> only;
  trace::RecordOptions opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--chapter")
      chapter = next();
    else if (a == "--out")
      out = next();
    else if (a == "--only")
      only.insert(next());
    else if (a == "--timeout")
      opt.timeout_s = std::atoi(next().c_str());
    else if (a == "--keep")
      opt.keep_workdir = true;
    else if (a == "--strace")
      opt.strace = next();
    else
      return usage();
  }
  if (chapter.empty() || out.empty() || opt.timeout_s <= 0) return usage();
  try {
    std::ifstream in(chapter);
    if (!in) throw std::runtime_error(chapter + ": cannot read");
    std::stringstream md;
    md << in.rdbuf();
    auto blocks = trace::extract_c_blocks(md.str(), chapter);
    if (blocks.empty()) throw std::runtime_error(chapter + ": no ```c title=\"x.c\"``` block to record");
    std::string why;
    if (!trace::ptrace_permitted(opt.strace, why))
      throw std::runtime_error("strace cannot trace here (" + why + "); traces not re-recorded");

    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& b : blocks) {
      if (!only.empty() && !only.count(trace::stem_of(b))) continue;
      trace::Trace t = trace::record_example(b, opt);
      size_t shown = 0;
      for (const auto& e : t.events) shown += e.shown;
      std::cout << b.info.title << ": " << t.processes.size() << " processes, " << t.events.size() << " events ("
                << shown << " drawn), " << t.diagnostics.size() << " compiler diagnostics"
                << (t.timed_out ? ", TIMED OUT" : "") << "\n";
      files.emplace_back(trace::stem_of(b) + ".json", trace::dump_trace_json(t));
    }
    fs::create_directories(out);
    for (const auto& [name, text] : files) {
      fs::path final_path = fs::path(out) / name;
      fs::path tmp = final_path;
      tmp += ".tmp." + std::to_string(getpid());
      {
        std::ofstream f(tmp, std::ios::binary);
        f << text;
        if (!f.flush()) throw std::runtime_error(tmp.string() + ": cannot write");
      }
      fs::rename(tmp, final_path);
      std::cout << "wrote " << final_path.string() << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "trace_record: " << e.what() << "\ntrace_record: no trace file was changed\n";
    return 1;
  }
  return 0;
}

// The chapter claims shared memory is fast because data moves "without kernel
// intervention after setup". This measures it against the alternatives on the machine at
// hand, prints the figures, and (with --json/--svg) writes the data and the chart the
// chapter shows. Nothing in the chart is typed in: it is drawn from this run.
#include <gnu/libc-version.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ipc.hpp"

namespace fs = std::filesystem;
using ipcbench::Result;

namespace {

std::string size_label(size_t n) {
  if (n >= 1024 * 1024) return std::to_string(n / (1024 * 1024)) + " MiB";
  if (n >= 1024) return std::to_string(n / 1024) + " KiB";
  return std::to_string(n) + " B";
}

std::string num(double v, int prec) {
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

void write_atomically(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(getpid());
  {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f.flush()) throw std::runtime_error(tmp.string() + ": cannot write");
  }
  fs::rename(tmp, path);
}

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '&')
      o += "&amp;";
    else if (c == '<')
      o += "&lt;";
    else if (c == '>')
      o += "&gt;";
    else if (c == '"')
      o += "&quot;";
    else
      o += c;
  }
  return o;
}

// Colours are CSS custom properties with a dark set under prefers-color-scheme: shown
// through <img>, the chart takes its colour scheme from the page that shows it (the book's
// theme sets color-scheme on its root), so it follows the reader's light or dark choice.
// Series keep a dash pattern each, so they stay apart without colour too.
const char* kChartStyle = R"(<style>
:root { --bg: #ffffff; --fg: #1d2127; --muted: #444c56; --frame: #8a939d; --grid: #d5dbe1; --grid-x: #eef1f4;
  --s0: #0b57b0; --s1: #b3261e; --s2: #1a7f37; --s3: #8a3b00; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15181d; --fg: #e4e7eb; --muted: #a3acb7; --frame: #6b7480; --grid: #343b45; --grid-x: #262b33;
    --s0: #7ab7ff; --s1: #ff8a80; --s2: #6fdc8c; --s3: #ffa657; }
}
.bg { fill: var(--bg); }
text { fill: var(--fg); }
.muted { fill: var(--muted); }
.frame { fill: none; stroke: var(--frame); }
.grid { stroke: var(--grid); }
.grid-x { stroke: var(--grid-x); }
.s0 { stroke: var(--s0); } .s1 { stroke: var(--s1); } .s2 { stroke: var(--s2); } .s3 { stroke: var(--s3); }
.p0 { fill: var(--s0); } .p1 { fill: var(--s1); } .p2 { fill: var(--s2); } .p3 { fill: var(--s3); }
</style>
)";

const char* kDashes[] = {"", "6 3", "2 3", "9 3 2 3"};

struct Panel {
  int left;
  const char* title;
  bool latency;
};

std::string chart_desc(const std::vector<Result>& rs, const std::string& caption) {
  std::ostringstream desc;
  desc << "Measured on " << caption << ". ";
  for (const auto& m : ipcbench::mechanisms()) {
    desc << m.label << ":";
    for (const auto& r : rs)
      if (r.mechanism == m.id && (r.size == 64 || r.size == 4096 || r.size == 1048576))
        desc << " " << size_label(r.size) << " " << num(r.latency_median_us, 1) << " µs round trip, "
             << num(r.throughput_mib_s, 0) << " MiB/s;";
    desc << " ";
  }
  return desc.str();
}

// One log-log panel: its frame, grid, axis labels and one line per mechanism.
void chart_panel(std::ostream& s, const Panel& p, const std::vector<Result>& rs, const std::vector<size_t>& sizes) {
  const int pw = 360, ph = 250, top = 64;
  double lo = 1e300, hi = 0;
  for (const auto& r : rs) {
    double v = p.latency ? r.latency_median_us : r.throughput_mib_s;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  double lx0 = std::log10(static_cast<double>(sizes.front())), lx1 = std::log10(static_cast<double>(sizes.back()));
  double ly0 = std::floor(std::log10(lo)), ly1 = std::ceil(std::log10(hi));
  if (ly1 <= ly0) ly1 = ly0 + 1;
  auto X = [&](double size) { return p.left + (std::log10(size) - lx0) / (lx1 - lx0) * pw; };
  auto Y = [&](double v) { return top + ph - (std::log10(v) - ly0) / (ly1 - ly0) * ph; };
  s << "<text x=\"" << p.left << "\" y=\"" << top - 14 << "\" font-weight=\"700\">" << esc(p.title) << "</text>\n";
  s << "<rect class=\"frame\" x=\"" << p.left << "\" y=\"" << top << "\" width=\"" << pw << "\" height=\"" << ph
    << "\"/>\n";
  for (int e = static_cast<int>(ly0); e <= static_cast<int>(ly1); ++e) {
    double y = Y(std::pow(10.0, e));
    std::string lab = e >= 0 ? num(std::pow(10.0, e), 0) : num(std::pow(10.0, e), -e);
    s << "<line class=\"grid\" x1=\"" << p.left << "\" x2=\"" << p.left + pw << "\" y1=\"" << y << "\" y2=\"" << y
      << "\"/><text class=\"muted\" x=\"" << p.left - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">" << lab
      << "</text>\n";
  }
  for (size_t sz : sizes) {
    double x = X(static_cast<double>(sz));
    s << "<line class=\"grid-x\" x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << top << "\" y2=\"" << top + ph
      << "\"/><text class=\"muted\" x=\"" << x << "\" y=\"" << top + ph + 16
      << "\" text-anchor=\"middle\" font-size=\"11\">" << size_label(sz) << "</text>\n";
  }
  s << "<text class=\"muted\" x=\"" << p.left + pw / 2 << "\" y=\"" << top + ph + 34
    << "\" text-anchor=\"middle\">message size</text>\n";
  const auto& mech = ipcbench::mechanisms();
  for (size_t m = 0; m < mech.size(); ++m) {
    std::ostringstream pts, dots;
    for (const auto& r : rs) {
      if (r.mechanism != mech[m].id) continue;
      double x = X(static_cast<double>(r.size)), y = Y(p.latency ? r.latency_median_us : r.throughput_mib_s);
      pts << x << "," << y << " ";
      dots << "<circle class=\"p" << m << "\" cx=\"" << x << "\" cy=\"" << y << "\" r=\"3\"/>\n";
    }
    s << "<polyline class=\"s" << m << "\" fill=\"none\" stroke-width=\"2.2\" stroke-dasharray=\"" << kDashes[m]
      << "\" points=\"" << pts.str() << "\"/>\n"
      << dots.str();
  }
}

// Two log-log panels: round-trip latency and throughput against message size.
std::string chart(const std::vector<Result>& rs, const std::vector<size_t>& sizes, const std::string& caption) {
  const int W = 920, H = 400, left1 = 70, left2 = left1 + 360 + 100;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H << "\" viewBox=\"0 0 " << W
    << " " << H << "\" role=\"img\" aria-labelledby=\"ipc-title ipc-desc\" font-family=\"system-ui, sans-serif\" "
    << "font-size=\"12\">\n<title id=\"ipc-title\">IPC round-trip latency and throughput by message size</title>\n"
    << "<desc id=\"ipc-desc\">" << esc(chart_desc(rs, caption)) << "</desc>\n"
    << kChartStyle << "<rect class=\"bg\" width=\"100%\" height=\"100%\"/>\n";
  chart_panel(s, {left1, "Round trip, median (µs, lower is better)", true}, rs, sizes);
  chart_panel(s, {left2, "Throughput (MiB/s, higher is better)", false}, rs, sizes);
  // Legend along the bottom.
  const auto& mech = ipcbench::mechanisms();
  int lx = left1, ly = H - 26;
  for (size_t m = 0; m < mech.size(); ++m) {
    s << "<line class=\"s" << m << "\" x1=\"" << lx << "\" x2=\"" << lx + 28 << "\" y1=\"" << ly << "\" y2=\"" << ly
      << "\" stroke-width=\"2.5\" stroke-dasharray=\"" << kDashes[m] << "\"/><text x=\"" << lx + 34 << "\" y=\""
      << ly + 4 << "\">" << esc(mech[m].label) << "</text>\n";
    lx += 36 + static_cast<int>(mech[m].label.size()) * 7 + 24;
  }
  s << "<text class=\"muted\" x=\"" << W - 8 << "\" y=\"" << H - 6 << "\" text-anchor=\"end\" font-size=\"10\">"
    << esc(caption) << "</text>\n</svg>\n";
  return s.str();
}

// Redraws the chart from a data file this program wrote, without measuring anything:
// for a change in how the chart is drawn, not in what it shows.
int redraw(const std::string& json_path, const std::string& svg_path) {
  std::ifstream in(json_path);
  const nlohmann::json j = nlohmann::json::parse(in);
  std::vector<Result> results;
  std::vector<size_t> sizes;
  for (const auto& r : j.at("results")) {
    Result x;
    x.mechanism = r.at("mechanism").get<std::string>();
    x.size = r.at("size").get<size_t>();
    x.latency_median_us = r.at("latency_median_us").get<double>();
    x.throughput_mib_s = r.at("throughput_mib_s").get<double>();
    results.push_back(x);
    if (std::find(sizes.begin(), sizes.end(), x.size) == sizes.end()) sizes.push_back(x.size);
  }
  std::sort(sizes.begin(), sizes.end());
  const auto& p = j.at("provenance");
  const std::string caption = p.at("date").get<std::string>().substr(0, 10) + ", " + p.at("kernel").get<std::string>() +
                              ", " + p.at("cpu").get<std::string>() + ", " +
                              std::to_string(p.at("cpus_online").get<long>()) + " CPUs";
  write_atomically(svg_path, chart(results, sizes, caption));
  std::printf("wrote %s from %s\n", svg_path.c_str(), json_path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string json_path, svg_path, redraw_from;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json" && i + 1 < argc)
      json_path = argv[++i];
    else if (a == "--svg" && i + 1 < argc)
      svg_path = argv[++i];
    else if (a == "--redraw" && i + 1 < argc)
      redraw_from = argv[++i];
    else if (a == "--quick")
      quick = true;
    else {
      std::cerr << "usage: ipc_bench [--json out.json] [--svg out.svg] [--quick]\n"
                   "       ipc_bench --redraw data.json --svg out.svg   (no measuring)\n";
      return 2;
    }
  }
  if (!redraw_from.empty()) {
    if (svg_path.empty()) {
      std::cerr << "ipc_bench: --redraw needs --svg\n";
      return 2;
    }
    try {
      return redraw(redraw_from, svg_path);
    } catch (const std::exception& e) {
      std::cerr << "ipc_bench: " << redraw_from << ": " << e.what() << "\n";
      return 1;
    }
  }
  const std::vector<size_t> sizes = {64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};
  std::vector<Result> results;
  const std::string load_before = loadavg();
  try {
    for (const auto& m : ipcbench::mechanisms()) {
      for (size_t sz : sizes) {
        // Enough rounds for a stable median, enough bytes for a stable rate, ~0.5 s each.
        int rounds = quick ? 20 : sz <= 16384 ? 2000 : sz <= 262144 ? 400 : 150;
        long msgs = quick ? 16 : std::max<long>(64, std::min<long>(200000, (256L << 20) / static_cast<long>(sz)));
        // Best of three trials: other work on the machine only ever makes a figure worse.
        Result best = ipcbench::measure(m.id, sz, rounds, msgs);
        for (int trial = 1; trial < (quick ? 1 : 3); ++trial) {
          Result r = ipcbench::measure(m.id, sz, rounds, msgs);
          if (r.latency_median_us < best.latency_median_us) {
            best.latency_median_us = r.latency_median_us;
            best.latency_p90_us = r.latency_p90_us;
          }
          best.throughput_mib_s = std::max(best.throughput_mib_s, r.throughput_mib_s);
        }
        results.push_back(best);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "ipc_bench: " << e.what() << "\n";
    return 1;
  }

  utsname u{};
  uname(&u);
  char date[32];
  std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  std::string cpu = cpu_model();
  std::string machine = std::string(u.sysname) + " " + u.release + ", " + cpu + ", " + std::to_string(ncpu) + " CPUs";

  const auto& mech = ipcbench::mechanisms();
  std::printf("IPC benchmark on %s\n", machine.c_str());
  std::printf("Load average before: %s; best of %d trials per figure.\n", load_before.c_str(), quick ? 1 : 3);
  std::printf("SysV messages are split at msgmax = %zu bytes.%s\n\n", ipcbench::sysv_msgmax(),
              quick ? " QUICK RUN: too few rounds to mean anything." : "");
  for (int table = 0; table < 2; ++table) {
    std::printf(table == 0 ? "Round trip, median (p90) in microseconds\n" : "Throughput, one way, MiB/s\n");
    std::printf("%-9s", "size");
    for (const auto& m : mech) std::printf("  %-26s", m.label.c_str());
    std::printf("\n");
    for (size_t sz : sizes) {
      std::printf("%-9s", size_label(sz).c_str());
      for (const auto& m : mech)
        for (const auto& r : results)
          if (r.mechanism == m.id && r.size == sz) {
            std::string cell = table == 0 ? num(r.latency_median_us, 1) + " (" + num(r.latency_p90_us, 1) + ")"
                                          : num(r.throughput_mib_s, 1);
            std::printf("  %-26s", cell.c_str());
          }
      std::printf("\n");
    }
    std::printf("\n");
  }

  nlohmann::json j;
  j["provenance"] = {{"date", date},
                     {"kernel", std::string(u.sysname) + " " + u.release},
                     {"arch", u.machine},
                     {"cpu", cpu},
                     {"cpus_online", ncpu},
                     {"libc", std::string("glibc ") + gnu_get_libc_version()},
                     {"compiler", BENCH_COMPILER},
                     {"build_type", BENCH_BUILD_TYPE},
                     {"sysv_msgmax", ipcbench::sysv_msgmax()},
                     {"loadavg_before", load_before},
                     {"loadavg_after", loadavg()},
                     {"command", "cmake --build build --target bench-ipc (native/bench/ipc_bench.cpp)"},
                     {"quick", quick}};
  j["method"] = {
      {"latency",
       "median and 90th percentile of individually timed round trips (parent sends, child "
       "echoes the same bytes back), after a warm-up; steady_clock"},
      {"throughput",
       "parent sends N messages back to back, child reads them all and answers one byte; "
       "bytes / elapsed time"},
      {"processes", "parent and one forked child, not pinned to CPUs"},
      {"trials", quick ? "1" : "3 per figure; the lowest median latency and the highest throughput are kept"}};
  j["mechanisms"] = nlohmann::json::array();
  for (const auto& m : mech) j["mechanisms"].push_back({{"id", m.id}, {"label", m.label}, {"how", m.how}});
  j["results"] = nlohmann::json::array();
  for (const auto& r : results)
    j["results"].push_back({{"mechanism", r.mechanism},
                            {"size", r.size},
                            {"latency_median_us", std::round(r.latency_median_us * 100) / 100},
                            {"latency_p90_us", std::round(r.latency_p90_us * 100) / 100},
                            {"rounds", r.rounds},
                            {"throughput_mib_s", std::round(r.throughput_mib_s * 10) / 10},
                            {"messages", r.messages}});
  try {
    if (!json_path.empty()) {
      write_atomically(json_path, j.dump(1) + "\n");
      std::printf("wrote %s\n", json_path.c_str());
    }
    if (!svg_path.empty()) {
      std::string caption = std::string(date).substr(0, 10) + ", " + machine;
      write_atomically(svg_path, chart(results, sizes, caption));
      std::printf("wrote %s\n", svg_path.c_str());
    }
  } catch (const std::exception& e) {
    std::cerr << "ipc_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

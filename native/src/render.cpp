#include "trace/render.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "trace/model.hpp"

namespace trace {

namespace {

// Text to escape as it is written (escape_html without a string of its own).
struct Esc {
  std::string_view raw;
};

// What the diagram is written into: an ostringstream without a locale or virtual calls, as
// a page's traces are thousands of small pieces and numbers.
class Out {
 public:
  Out& operator<<(std::string_view text) {
    s_.append(text);
    return *this;
  }
  Out& operator<<(char c) {
    s_ += c;
    return *this;
  }
  template <class N, std::enable_if_t<std::is_integral_v<N>, int> = 0>
  Out& operator<<(N n) {
    char buf[24];
    s_.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
    return *this;
  }
  Out& operator<<(Esc text) {
    book::append_escaped_html(s_, text.raw);
    return *this;
  }
  std::string take() { return std::move(s_); }

 private:
  std::string s_;
};

std::string fmt_time(int64_t us) {
  char buf[32];
  if (us < 1000)
    std::snprintf(buf, sizeof buf, "+%lld µs", static_cast<long long>(us));
  else if (us < 1000000)
    std::snprintf(buf, sizeof buf, "+%.1f ms", static_cast<double>(us) / 1000.0);
  else
    std::snprintf(buf, sizeof buf, "+%.3f s", static_cast<double>(us) / 1e6);
  return buf;
}

// Cuts to at most n characters (not bytes), ending in an ellipsis when shortened.
std::string clip(const std::string& s, size_t n) {
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == n) break;
    ++chars;
  }
  if (i >= s.size()) return s;
  // Back up one character to make room for the ellipsis.
  size_t j = i;
  do --j;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80);
  return s.substr(0, j) + "…";
}

std::string full_text(const Event& e) {
  switch (e.kind) {
    case Event::Kind::Syscall:
      return e.call + "(" + e.args + ")" + (e.result.empty() ? "" : " = " + e.result) +
             (e.unfinished ? " (never returned)" : "");
    case Event::Kind::Signal: return e.call + " " + e.args;
    case Event::Kind::Exit:
      if (e.call == "exited") return "exited with status " + std::to_string(e.exit_code);
      return e.call + " " + e.args;
  }
  return e.call;
}

std::string short_text(const Event& e, size_t max) {
  if (e.kind == Event::Kind::Signal) return clip(e.call, max);
  if (e.kind == Event::Kind::Exit)
    return clip(e.call == "exited" ? "exit " + std::to_string(e.exit_code) : e.call + " " + e.args, max);
  std::string res = e.result.substr(0, e.result.find(' '));  // "-1 ENOENT (...)" -> "-1"
  if (!e.error.empty()) res = e.error;
  // The directory fd of *at() calls is nearly always AT_FDCWD: the path says more.
  std::string args = e.args.rfind("AT_FDCWD, ", 0) == 0 ? "…, " + e.args.substr(10) : e.args;
  std::string whole = e.call + "(" + args + ")" + (res.empty() ? "" : " = " + res);
  if (whole.size() <= max) return whole;
  std::string tail = ")" + (res.empty() ? "" : " = " + res);
  if (e.call.size() + 1 + tail.size() + 4 <= max) return clip(e.call + "(" + args, max - tail.size()) + tail;
  return clip(whole, max);
}

struct Item {
  int64_t t;
  size_t ev;
  bool end;  // the return of a call that blocked while other things happened
};

// Rows of the diagram, in time order: every drawn event, plus the return of each call that
// blocked across other drawn events (wait4 while the child runs, the child's sleep).
std::vector<Item> rows_of(const Trace& t) {
  std::vector<Item> items;
  for (size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    if (!e.shown) continue;
    items.push_back({e.t_us, i, false});
  }
  // A call split for a few microseconds by another process's call is not worth a row.
  const int64_t kBlocked = 1000;
  std::vector<Item> ends;
  for (const auto& it : items) {
    const Event& e = t.events[it.ev];
    // end > start, so the unsigned difference is exact even where the signed one would
    // overflow (a hand-edited file may hold any int64).
    if (!e.end_us || *e.end_us <= e.t_us ||
        static_cast<uint64_t>(*e.end_us) - static_cast<uint64_t>(e.t_us) < static_cast<uint64_t>(kBlocked))
      continue;
    bool spans = std::any_of(items.begin(), items.end(),
                             [&](const Item& o) { return o.ev != it.ev && o.t > e.t_us && o.t < *e.end_us; });
    if (spans) ends.push_back({*e.end_us, it.ev, true});
  }
  items.insert(items.end(), ends.begin(), ends.end());
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.t < b.t; });
  return items;
}

// The sequence diagram: one lane per process, one row per item, and where each event,
// process and fork is drawn.
struct Diagram {
  static constexpr int gutter = 76, head = 52, rowh = 30, boxh = 22;
  const Trace& t;
  const std::string& sid;  // the source's id, escaped
  int source_lines;
  std::map<std::string, size_t> lane;
  std::vector<Item> items;
  int lw = 0, width = 0, height = 0;
  size_t maxc = 0;                                          // characters a box holds
  std::map<size_t, size_t> start_row, end_row;              // event -> row
  std::map<std::string, size_t> first_row, last_row, born;  // process -> row

  Diagram(const Trace& trace, const std::string& escaped_id, int lines)
      : t(trace), sid(escaped_id), source_lines(lines) {
    for (size_t i = 0; i < t.processes.size(); ++i) lane[t.processes[i]] = i;
    for (const auto& e : t.events)
      if (!lane.count(e.proc))
        throw std::runtime_error("trace JSON: event of process \"" + e.proc + "\" which is not in processes");
    items = rows_of(t);
    const size_t np = std::max<size_t>(1, t.processes.size());
    // Up to three lanes fit the text column (about 650 px) without scrolling.
    lw = np == 1 ? 420 : np == 2 ? 282 : np == 3 ? 188 : 180;
    maxc = static_cast<size_t>((lw - 18) / 7.6);
    width = gutter + static_cast<int>(np) * lw + 8;
    height = head + static_cast<int>(items.size()) * rowh + 16;
    for (size_t r = 0; r < items.size(); ++r) (items[r].end ? end_row : start_row)[items[r].ev] = r;
    for (size_t r = 0; r < items.size(); ++r) {
      const std::string& p = t.events[items[r].ev].proc;
      if (!first_row.count(p)) first_row[p] = r;
      last_row[p] = r;
    }
    // A child's life line starts at the fork that created it.
    for (const auto& [ev, r] : start_row) {
      const Event& e = t.events[ev];
      if ((e.call == "clone" || e.call == "fork" || e.call == "vfork" || e.call == "clone3") && lane.count(e.result))
        born[e.result] = r;
    }
  }

  int cx(const std::string& proc) const { return gutter + static_cast<int>(lane.at(proc)) * lw + lw / 2; }
  int row_y(size_t r) const { return head + static_cast<int>(r) * rowh + rowh / 2; }

  std::string svg() const {
    Out svg;
    svg << "<svg class=\"trace-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"group\" aria-label=\""
        << "Sequence of system calls, one lane per process, time going down\">";
    svg << "<defs><marker id=\"" << sid << "-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
        << "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"trace-arrowhead\"/>"
        << "</marker></defs>";
    lanes(svg);
    lines(svg);
    // The events themselves, in time order so Tab walks through the run as it happened.
    for (size_t r = 0; r < items.size(); ++r) event(svg, r);
    svg << "</svg>";
    return svg.take();
  }

  // Lanes and their headings.
  void lanes(Out& svg) const {
    for (size_t i = 0; i < t.processes.size(); ++i) {
      const std::string& p = t.processes[i];
      int x0 = gutter + static_cast<int>(i) * lw;
      std::string sub = i < t.parents.size() && !t.parents[i].empty() ? "fork of " + t.parents[i] : "./" + t.example;
      svg << "<g class=\"trace-lane\"><rect class=\"trace-lane-bg\" x=\"" << x0 + 2 << "\" y=\"4\" width=\"" << lw - 4
          << "\" height=\"" << height - 8 << "\" rx=\"6\"/>"
          << "<text class=\"trace-proc\" x=\"" << x0 + lw / 2 << "\" y=\"24\" text-anchor=\"middle\">" << Esc{p}
          << "</text><text class=\"trace-proc-sub\" x=\"" << x0 + lw / 2 << "\" y=\"40\" text-anchor=\"middle\">"
          << Esc{clip(sub, maxc)} << "</text>";
      if (first_row.count(p)) {
        size_t a = born.count(p) ? born.at(p) : first_row.at(p);
        svg << "<line class=\"trace-life\" x1=\"" << x0 + lw / 2 << "\" y1=\"" << row_y(a) << "\" x2=\"" << x0 + lw / 2
            << "\" y2=\"" << row_y(last_row.at(p)) << "\"/>";
      }
      svg << "</g>";
    }
  }

  // The times down the left, blocked calls' bars, fork and SIGCHLD arrows.
  void lines(Out& svg) const {
    for (size_t r = 0; r < items.size(); ++r)
      svg << "<text class=\"trace-time\" x=\"" << gutter - 8 << "\" y=\"" << row_y(r) + 4 << "\" text-anchor=\"end\">"
          << Esc{fmt_time(items[r].t)} << "</text>";
    // Blocked calls: a dashed bar from the call to its return.
    for (const auto& [ev, r] : end_row) {
      int x = cx(t.events[ev].proc) - 10;
      svg << "<line class=\"trace-blocked\" x1=\"" << x << "\" y1=\"" << row_y(start_row.at(ev)) + boxh / 2
          << "\" x2=\"" << x << "\" y2=\"" << row_y(r) - boxh / 2 << "\"/>";
    }
    // fork arrows parent -> child, and exit -> SIGCHLD arrows child -> parent.
    for (const auto& [child, r] : born) {
      const Event* parent_ev = nullptr;
      for (const auto& [ev, rr] : start_row)
        if (rr == r) parent_ev = &t.events[ev];
      if (!parent_ev) continue;
      int x1 = cx(parent_ev->proc), x2 = cx(child);
      int dir = x2 > x1 ? 1 : -1;
      svg << "<line class=\"trace-fork\" x1=\"" << x1 + dir * (lw / 2 - 8) << "\" y1=\"" << row_y(r) << "\" x2=\""
          << x2 - dir * 6 << "\" y2=\"" << row_y(r) << "\" marker-end=\"url(#" << sid << "-arrow)\"/>";
    }
    for (const auto& [ev, r] : start_row) {
      const Event& e = t.events[ev];
      if (e.kind != Event::Kind::Signal || e.call != "SIGCHLD") continue;
      size_t p = e.args.find("si_pid=");
      if (p == std::string::npos) continue;
      std::string child = e.args.substr(p + 7, e.args.find_first_of(",}", p) - p - 7);
      if (!lane.count(child) || !last_row.count(child)) continue;
      int x1 = cx(child), x2 = cx(e.proc);
      int dir = x2 > x1 ? 1 : -1;
      svg << "<line class=\"trace-signal\" x1=\"" << x1 << "\" y1=\"" << row_y(last_row.at(child)) << "\" x2=\""
          << x2 - dir * (lw / 2 - 8) << "\" y2=\"" << row_y(r) << "\" marker-end=\"url(#" << sid << "-arrow)\"/>";
    }
  }

  // Row r's event: a box with its (maybe clipped) text, a link to its source line if known.
  void event(Out& svg, size_t r) const {
    const Event& e = t.events[items[r].ev];
    bool is_end = items[r].end;
    int x0 = gutter + static_cast<int>(lane.at(e.proc)) * lw + 8;
    int y = row_y(r);
    std::string label = is_end ? "↳ " + e.call + " returns " + e.result : short_text(e, maxc);
    label = clip(label, maxc);
    std::string desc =
        e.proc + ", " + fmt_time(items[r].t) + ": " + (is_end ? e.call + " returns " + e.result : full_text(e));
    bool linked = e.line > 0 && e.line <= source_lines;
    if (linked)
      desc += " (line " + std::to_string(e.line) + ")";
    else if (!e.context.empty())
      desc += " (from " + e.context + ")";
    std::string cls = "trace-ev trace-" + std::string(e.kind == Event::Kind::Syscall  ? "call"
                                                      : e.kind == Event::Kind::Signal ? "sig"
                                                                                      : "exit");
    if (!e.error.empty()) cls += " trace-err";
    if (is_end) cls += " trace-ret";
    // The visible (maybe clipped) text comes first: speech input users say what they see.
    const std::string name = label + ". " + desc;
    if (linked) {
      std::string target = sid + "-L" + std::to_string(e.line);
      svg << "<a class=\"" << cls << "\" href=\"#" << target << "\" data-line=\"" << target << "\" aria-label=\""
          << Esc{name} << "\">";
    } else {
      svg << "<g class=\"" << cls << "\" tabindex=\"0\" role=\"img\" aria-label=\"" << Esc{name} << "\">";
    }
    svg << "<title>" << Esc{desc} << "</title>";
    int w = e.kind == Event::Kind::Syscall ? lw - 16 : std::min(lw - 16, static_cast<int>(label.size() * 7.6) + 18);
    int bx = e.kind == Event::Kind::Syscall ? x0 : cx(e.proc) - w / 2;
    svg << "<rect x=\"" << bx << "\" y=\"" << y - boxh / 2 << "\" width=\"" << w << "\" height=\"" << boxh
        << "\" rx=\"4\"/><text x=\"" << bx + 6 << "\" y=\"" << y + 4 << "\">" << Esc{label} << "</text>"
        << (linked ? "</a>" : "</g>");
  }
};

// The compiler's warnings, the program's output and exits, the raw log and where the run
// was recorded.
void meta(Out& h, const Trace& t, const std::string& sid, int source_lines) {
  h << "<div class=\"trace-meta\">";
  if (!t.compiler_output.empty()) {
    h << "<div class=\"trace-warnings\"><p class=\"trace-label\">The compiler's warnings (<code>"
      << Esc{t.compile_command} << "</code>):</p><ul>";
    for (const auto& d : t.diagnostics) {
      std::string target = sid + "-L" + std::to_string(d.line);
      h << "<li><span class=\"trace-" << Esc{d.severity} << "\">" << Esc{d.severity} << "</span> ";
      if (d.line > 0 && d.line <= source_lines)
        h << "<a href=\"#" << target << "\" data-line=\"" << target << "\">line " << d.line << "</a>: ";
      h << Esc{d.message} << "</li>";
    }
    h << "</ul><details class=\"trace-cc\"><summary>Full compiler output</summary><pre>" << Esc{t.compiler_output}
      << "</pre></details></div>";
  } else {
    h << "<p class=\"trace-label\">Compiled without warnings: <code>" << Esc{t.compile_command} << "</code></p>";
  }
  h << "<p class=\"trace-label\">Standard output:</p><pre class=\"trace-stdout\">"
    << (t.stdout_text.empty() ? "(nothing)" : escape_html(t.stdout_text)) << "</pre>";
  std::vector<std::string> exits;
  for (const auto& e : t.events)
    if (e.kind == Event::Kind::Exit)
      exits.push_back(
          e.proc + (e.call == "exited" ? " exited with " + std::to_string(e.exit_code) : " " + e.call + " " + e.args));
  if (!exits.empty()) {
    h << "<p class=\"trace-exits\">";
    for (size_t i = 0; i < exits.size(); ++i) h << (i ? "; " : "") << Esc{exits[i]};
    h << ".</p>";
  }
  h << "<details class=\"trace-raw\"><summary>Raw strace log (" << t.raw.size() << " lines)</summary><pre>";
  for (const auto& l : t.raw) h << Esc{l} << "\n";
  h << "</pre></details>";
  h << "<p class=\"trace-prov\">Recorded";
  std::map<std::string, std::string> prov(t.provenance.begin(), t.provenance.end());
  if (prov.count("date")) h << " " << Esc{prov["date"]};
  h << " on " << Esc{prov["kernel"]} << " " << Esc{prov["arch"]} << " with " << Esc{prov["libc"]} << ", "
    << Esc{prov["compiler"]} << " and " << Esc{prov["strace"]} << ". Isolation: " << Esc{t.isolation}
    << ". Addresses, IPC ids and pids are replaced by tokens "
    << "(&lt;addr#1&gt;, &lt;shmid#1&gt;, P1), so recording again changes only what really varies from run to run: "
    << "times, the interleaving of processes, and what the program prints about them. Command: <code>"
    << Esc{t.run_command} << "</code></p>";
  h << "</div>";
}

}  // namespace

std::string render_html(const std::string& json_text, const std::string& source_id) {
  const Trace t = parse_trace_json(json_text);
  const std::string sid = escape_html(source_id);
  const int source_lines = static_cast<int>(std::count(t.source.begin(), t.source.end(), '\n'));
  const Diagram diagram(t, sid, source_lines);
  Out h;
  size_t shown = 0;
  for (const auto& e : t.events) shown += e.shown;
  h << "<figure class=\"trace\" id=\"" << sid << "-trace\" data-source=\"" << sid << "\">";
  h << "<figcaption><strong>Recorded run of <code>" << Esc{t.source_name} << "</code></strong>: " << t.processes.size()
    << (t.processes.size() == 1 ? " process" : " processes") << ", " << shown << " of " << t.events.size()
    << " traced calls drawn (the dynamic loader's own calls are only in the raw log). Hover over or focus a call "
       "to see the line that made it.</figcaption>";
  if (t.timed_out)
    h << "<p class=\"trace-timeout\">The run was stopped after " << t.timeout_s << " s: it did not finish.</p>";
  h << "<div class=\"trace-scroll\">" << diagram.svg() << "</div>";
  meta(h, t, sid, source_lines);
  h << "</figure>";
  return h.take();
}

}  // namespace trace

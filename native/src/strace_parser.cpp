#include "trace/strace_parser.hpp"

#include <cctype>
#include <climits>
#include <cstdint>
#include <map>
#include <sstream>

namespace trace {

ParseError::ParseError(const std::string& source, int line, const std::string& reason, const std::string& text)
    : std::runtime_error(source + ":" + std::to_string(line) + ": " + reason + ": " + text), line_(line) {}

namespace {

std::string rstrip(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::string lstrip(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}
bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Finds the ')' that closes an argument list, starting inside it at `depth`; strings,
// comments and nested brackets are skipped, so "a\")\"" or {x=(1)} do not end it early.
// Returns npos when the list does not close on this line.
size_t find_close(const std::string& s, size_t i, int depth) {
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      if (i >= s.size()) return std::string::npos;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      if (end == std::string::npos) return std::string::npos;
      i = end + 1;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) return c == ')' ? i : std::string::npos;
    }
  }
  return std::string::npos;
}

bool is_ident(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// "= 0", "= -1 ENOENT (No such file or directory)", "= ? ERESTARTSYS (...)": fills result and
// error. Returns false when the text after ')' is not a result.
bool parse_result(const std::string& tail, Event& e) {
  std::string t = lstrip(tail);
  if (!starts_with(t, "=")) return false;
  t = lstrip(t.substr(1));
  if (t.empty()) return false;
  e.result = rstrip(t);
  std::istringstream in(e.result);
  std::string first, second;
  in >> first >> second;
  if ((first == "-1" || first == "?") && !second.empty() && std::isupper(static_cast<unsigned char>(second[0]))) {
    bool all = true;
    for (char c : second)
      all = all &&
            (std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
    if (all) e.error = second;
  }
  return true;
}

}  // namespace

std::vector<std::string> split_args(const std::string& args) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    char c = args[i];
    if (c == '"') {
      size_t j = i + 1;
      for (; j < args.size() && args[j] != '"'; ++j)
        if (args[j] == '\\') ++j;
      cur += args.substr(i, j - i + 1);
      i = j;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(lstrip(rstrip(cur)));
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!lstrip(cur).empty() || !out.empty()) out.push_back(lstrip(rstrip(cur)));
  return out;
}

ParsedStrace parse_strace(const std::string& text, const std::string& source) {
  ParsedStrace out;
  std::map<int, size_t> pending;  // pid -> index of its <unfinished ...> event
  std::map<int, size_t> last_syscall;
  long last_event = -1;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (rstrip(line).empty()) continue;
    if (starts_with(line, " > ")) {
      if (last_event < 0) throw ParseError(source, lineno, "stack frame before any call", line);
      size_t target = static_cast<size_t>(last_event);
      // strace prints exit_group's stack after the "+++ exited" line: give it to the call.
      const Event& le = out.events[target];
      if (le.kind == Event::Kind::Exit) {
        auto it = last_syscall.find(le.pid);
        if (it != last_syscall.end()) target = it->second;
      }
      out.events[target].stack.push_back(line.substr(3));
      continue;
    }
    if (starts_with(line, "strace: ")) {  // strace's own notes (attach/detach): log only
      out.raw.push_back(line);
      out.raw_pids.push_back(0);
      out.raw_times.push_back(out.raw_times.empty() ? 0 : out.raw_times.back());
      continue;
    }

    // Prefix: "[pid] [seconds.micros] body"
    size_t i = 0;
    int pid = 0;
    int64_t t_us = 0;
    auto read_number = [&](size_t& pos) {
      size_t b = pos;
      while (pos < line.size() && std::isdigit(static_cast<unsigned char>(line[pos]))) ++pos;
      return line.substr(b, pos - b);
    };
    // Digits that do not fit are not strace output; std::stoll would throw out_of_range,
    // and seconds * 1000000 must not overflow either.
    auto number = [&](const std::string& digits, int64_t max) {
      int64_t v = 0;
      for (char c : digits) {
        const int d = c - '0';
        if (v > (max - d) / 10) throw ParseError(source, lineno, "number out of range", line);
        v = v * 10 + d;
      }
      return v;
    };
    constexpr int64_t max_seconds = INT64_MAX / 1000000 - 1;
    if (std::isdigit(static_cast<unsigned char>(line[0]))) {
      size_t p = 0;
      std::string a = read_number(p);
      if (p < line.size() && line[p] == '.') {  // no pid, only a timestamp
        ++p;
        std::string frac = read_number(p);
        if (frac.size() != 6) throw ParseError(source, lineno, "timestamp is not in microseconds (use -ttt)", line);
        t_us = number(a, max_seconds) * 1000000 + number(frac, 999999);
        i = p;
      } else {
        pid = static_cast<int>(number(a, INT_MAX));
        while (p < line.size() && line[p] == ' ') ++p;
        size_t q = p;
        std::string secs = read_number(q);
        if (!secs.empty() && q < line.size() && line[q] == '.') {
          ++q;
          std::string frac = read_number(q);
          if (frac.size() != 6) throw ParseError(source, lineno, "timestamp is not in microseconds (use -ttt)", line);
          t_us = number(secs, max_seconds) * 1000000 + number(frac, 999999);
          p = q;
        }
        i = p;
      }
    }
    std::string body = lstrip(line.substr(i));
    if (body.empty()) throw ParseError(source, lineno, "line has a prefix but no call", line);

    out.raw.push_back(line);
    out.raw_pids.push_back(pid);
    out.raw_times.push_back(t_us);

    Event e;
    e.pid = pid;
    e.t_us = t_us;
    e.raw_line = lineno;

    if (starts_with(body, "--- ")) {
      if (!ends_with(body, " ---")) throw ParseError(source, lineno, "signal line does not end with ---", line);
      std::string inner = body.substr(4, body.size() - 8);
      e.kind = Event::Kind::Signal;
      size_t sp = inner.find(' ');
      e.call = inner.substr(0, sp);
      e.args = sp == std::string::npos ? "" : lstrip(inner.substr(sp + 1));
      out.events.push_back(std::move(e));
      last_event = static_cast<long>(out.events.size() - 1);
      continue;
    }
    if (starts_with(body, "+++ ")) {
      if (!ends_with(body, " +++")) throw ParseError(source, lineno, "exit line does not end with +++", line);
      std::string inner = body.substr(4, body.size() - 8);
      e.kind = Event::Kind::Exit;
      if (starts_with(inner, "exited with ")) {
        e.call = "exited";
        try {
          e.exit_code = std::stoi(inner.substr(12));
        } catch (const std::exception&) {
          throw ParseError(source, lineno, "exit status is not a number", line);
        }
      } else if (starts_with(inner, "killed by ")) {
        e.call = "killed";
        e.args = inner.substr(10);  // "SIGKILL" or "SIGSEGV (core dumped)"
      } else if (starts_with(inner, "superseded by execve")) {
        e.call = "superseded";
        e.args = inner;
      } else {
        throw ParseError(source, lineno, "unknown process end", line);
      }
      out.events.push_back(std::move(e));
      last_event = static_cast<long>(out.events.size() - 1);
      continue;
    }
    if (starts_with(body, "<... ")) {
      size_t end = body.find(" resumed>");
      if (end == std::string::npos) throw ParseError(source, lineno, "resumed line without \"resumed>\"", line);
      std::string name = body.substr(5, end - 5);
      auto it = pending.find(pid);
      if (it == pending.end() || out.events[it->second].call != name)
        throw ParseError(
            source, lineno,
            "\"" + name + "\" resumed but no call of that name was unfinished in pid " + std::to_string(pid), line);
      Event& ev = out.events[it->second];
      pending.erase(it);
      std::string rest = body.substr(end + 9);
      ev.end_us = t_us;
      ev.unfinished = false;
      if (ends_with(rest, "<unfinished ...>")) {  // resumed and interrupted again
        ev.unfinished = true;
        pending[pid] = static_cast<size_t>(&ev - out.events.data());
        continue;
      }
      size_t close = find_close(rest, 0, 1);
      if (close == std::string::npos) throw ParseError(source, lineno, "resumed arguments do not close", line);
      std::string more = rstrip(lstrip(rest.substr(0, close)));
      std::string before = rstrip(ev.args);
      ev.args = before.empty() ? more : more.empty() ? before : before + " " + more;
      if (!parse_result(rest.substr(close + 1), ev))
        throw ParseError(source, lineno, "resumed call has no result", line);
      last_syscall[pid] = static_cast<size_t>(&ev - out.events.data());
      last_event = static_cast<long>(last_syscall[pid]);
      continue;
    }
    size_t paren = body.find('(');
    if (paren == std::string::npos || paren == 0) throw ParseError(source, lineno, "not a system call line", line);
    for (size_t k = 0; k < paren; ++k)
      if (!is_ident(body[k])) throw ParseError(source, lineno, "not a system call name", line);
    e.kind = Event::Kind::Syscall;
    e.call = body.substr(0, paren);
    if (ends_with(body, "<unfinished ...>")) {
      e.args = rstrip(body.substr(paren + 1, body.size() - paren - 1 - 16));
      e.unfinished = true;
      if (pending.count(pid)) throw ParseError(source, lineno, "second unfinished call in the same pid", line);
      out.events.push_back(std::move(e));
      pending[pid] = out.events.size() - 1;
      last_event = static_cast<long>(out.events.size() - 1);
      continue;
    }
    size_t close = find_close(body, paren + 1, 1);
    if (close == std::string::npos) throw ParseError(source, lineno, "arguments do not close", line);
    e.args = body.substr(paren + 1, close - paren - 1);
    if (!parse_result(body.substr(close + 1), e)) throw ParseError(source, lineno, "call has no result", line);
    out.events.push_back(std::move(e));
    last_syscall[pid] = out.events.size() - 1;
    last_event = static_cast<long>(out.events.size() - 1);
  }
  return out;
}

}  // namespace trace

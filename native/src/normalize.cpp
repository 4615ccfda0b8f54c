#include "trace/normalize.hpp"

#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace trace {
namespace {

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// A pid from strace's text, or nothing: digits too long for an int (std::stoi would throw
// out_of_range) are not the pid of any traced process. pid_max is at most 2^22.
std::optional<int> pid_number(const std::string& s) {
  if (!is_number(s) || s.size() > 9) return std::nullopt;
  return std::stoi(s);
}

bool creates_process(const std::string& call) {
  return call == "clone" || call == "clone3" || call == "fork" || call == "vfork";
}

// Which IPC id family a call's result creates or its first argument names.
std::string ipc_family_created(const std::string& call) {
  if (call == "shmget") return "shmid";
  if (call == "semget") return "semid";
  if (call == "msgget") return "msqid";
  return "";
}
std::string ipc_family_used(const std::string& call) {
  if (call == "shmat" || call == "shmctl") return "shmid";
  if (call == "semop" || call == "semtimedop" || call == "semctl") return "semid";
  if (call == "msgsnd" || call == "msgrcv" || call == "msgctl") return "msqid";
  return "";
}

class Normalizer {
 public:
  std::map<int, std::string> labels;
  std::map<std::string, std::map<std::string, std::string>> ipc;  // family -> value -> token

  std::string text(const std::string& s) {
    std::string out = replace_tokens(s, addr_re_, addrs_, "addr");
    out = replace_tokens(out, tmp_re_, tmps_, "tmp");
    out = pids_in_strings(out);
    return pids_in_siginfo(out);
  }

  // Structural replacements that need to know which call the text belongs to.
  std::string args(const std::string& call, std::string a) {
    a = text(a);
    std::string fam = ipc_family_used(call);
    if (!fam.empty()) a = replace_first_arg(a, ipc[fam]);
    if (call == "wait4" || call == "kill" || call == "waitid") a = replace_first_arg(a, pid_strings());
    return a;
  }
  std::string result(const std::string& call, const std::string& r) {
    std::string fam = ipc_family_created(call);
    if (!fam.empty() && ipc[fam].count(r)) return ipc[fam][r];
    if (creates_process(call) || call == "wait4" || call == "waitid") {
      if (const auto pid = pid_number(r)) {
        auto it = labels.find(*pid);
        if (it != labels.end()) return it->second;
      }
    }
    return text(r);
  }

 private:
  std::regex addr_re_{"0x[0-9a-fA-F]{8,}"};
  // glibc's sem_open creates "/dev/shm/sem.XXXXXX" with six random characters first.
  std::regex tmp_re_{"sem\\.([A-Za-z0-9]{6})\"", std::regex::ECMAScript};
  std::map<std::string, std::string> addrs_, tmps_;

  static std::string replace_tokens(const std::string& s, const std::regex& re,
                                    std::map<std::string, std::string>& seen, const std::string& kind) {
    std::string out;
    auto begin = std::sregex_iterator(s.begin(), s.end(), re);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      const std::smatch& m = *it;
      size_t group = m.size() > 1 ? 1 : 0;
      std::string key = m.str(group);
      auto f = seen.find(key);
      if (f == seen.end()) f = seen.emplace(key, "<" + kind + "#" + std::to_string(seen.size() + 1) + ">").first;
      size_t pos = static_cast<size_t>(m.position(group));
      out += s.substr(last, pos - last) + f->second;
      last = pos + key.size();
    }
    return out + s.substr(last);
  }

  std::map<std::string, std::string> pid_strings() const {
    std::map<std::string, std::string> m;
    for (const auto& [pid, label] : labels) m[std::to_string(pid)] = label;
    return m;
  }

  static std::string replace_first_arg(const std::string& a, const std::map<std::string, std::string>& m) {
    size_t comma = a.find(',');
    std::string first = a.substr(0, comma);
    auto it = m.find(first);
    if (it == m.end()) return a;
    return it->second + (comma == std::string::npos ? "" : a.substr(comma));
  }

  // Programs put their pid into object names ("/ch7-data-4586") to keep runs apart.
  std::string pids_in_strings(const std::string& s) const {
    std::string out;
    bool in_str = false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '"' && (i == 0 || s[i - 1] != '\\')) in_str = !in_str;
      if (in_str && std::isdigit(static_cast<unsigned char>(c)) &&
          (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])))) {
        size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        bool bounded = j >= s.size() || !std::isalnum(static_cast<unsigned char>(s[j]));
        std::string num = s.substr(i, j - i);
        if (bounded && num.size() < 9) {
          auto it = labels.find(std::stoi(num));
          if (it != labels.end()) {
            out += it->second;
            i = j - 1;
            continue;
          }
        }
      }
      out += c;
    }
    return out;
  }

  std::string pids_in_siginfo(const std::string& s) const {
    static const std::regex re("si_pid=([0-9]+)");
    std::string out;
    size_t last = 0;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
      const auto pid = pid_number(it->str(1));
      auto f = pid ? labels.find(*pid) : labels.end();
      if (f == labels.end()) continue;
      size_t pos = static_cast<size_t>(it->position(1));
      out += s.substr(last, pos - last) + f->second;
      last = pos + it->str(1).size();
    }
    return out + s.substr(last);
  }
};

// First quoted string in an argument list, without quotes ("" if none).
std::string first_string(const std::string& args) {
  size_t a = args.find('"');
  if (a == std::string::npos) return "";
  size_t b = args.find('"', a + 1);
  return b == std::string::npos ? "" : args.substr(a + 1, b - a - 1);
}

std::string first_arg(const std::string& args) {
  return args.substr(0, args.find(','));
}

std::string format_raw(const std::string& label, int64_t rel_us, const std::string& body) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-4s %4lld.%06lld ", label.c_str(), static_cast<long long>(rel_us / 1000000),
                static_cast<long long>(rel_us % 1000000));
  return buf + body;
}

}  // namespace

void normalize(const ParsedStrace& in, Trace& out) {
  Normalizer norm;
  out.processes.clear();
  out.parents.clear();
  out.events.clear();
  out.raw.clear();

  auto label_of = [&](int pid, const std::string& parent) {
    auto it = norm.labels.find(pid);
    if (it != norm.labels.end()) return it->second;
    std::string l = "P" + std::to_string(out.processes.size() + 1);
    norm.labels[pid] = l;
    out.processes.push_back(l);
    out.parents.push_back(parent);
    return l;
  };

  // Pass 1: process labels in creation order and IPC ids in order of creation.
  for (const Event& e : in.events) {
    std::string me = label_of(e.pid, "");
    if (e.kind != Event::Kind::Syscall) continue;
    if (creates_process(e.call))
      if (const auto pid = pid_number(e.result)) label_of(*pid, me);
    std::string fam = ipc_family_created(e.call);
    if (!fam.empty() && is_number(e.result) && !norm.ipc[fam].count(e.result))
      norm.ipc[fam][e.result] = "<" + fam + "#" + std::to_string(norm.ipc[fam].size() + 1) + ">";
  }
  if (out.processes.empty() && !in.raw_pids.empty()) label_of(in.raw_pids.front(), "");

  int64_t t0 = in.events.empty() ? 0 : in.events.front().t_us;
  if (!in.raw_times.empty()) t0 = in.raw_times.front();

  // Pass 2: raw lines, in order, so address tokens are numbered by first appearance.
  static const std::regex head(R"(^(?:<\.\.\. )?([a-z_0-9]+)(?:\(| resumed>)(.*)$)");
  for (size_t i = 0; i < in.raw.size(); ++i) {
    const std::string& line = in.raw[i];
    if (starts_with(line, "strace: ")) {
      out.raw.push_back(norm.text(line));
      continue;
    }
    // Cut the "pid time " prefix the parser already read.
    size_t p = 0;
    while (p < line.size() && (std::isdigit(static_cast<unsigned char>(line[p])) || line[p] == ' ' || line[p] == '.'))
      ++p;
    std::string body = line.substr(p);
    std::smatch m;
    std::string call = std::regex_match(body, m, head) ? m.str(1) : "";
    std::string normalized = norm.text(body);
    if (!call.empty()) {
      // Re-apply the call-aware rules on "call(args) = result" pieces of the line.
      size_t open = normalized.find(starts_with(normalized, "<... ") ? '>' : '(');
      size_t eq = normalized.rfind(" = ");
      std::string args_part = normalized.substr(open + 1, eq == std::string::npos ? std::string::npos : eq - open - 1);
      std::string res_part = eq == std::string::npos ? "" : normalized.substr(eq + 3);
      std::string fam = ipc_family_used(call);
      if (!starts_with(normalized, "<... ")) args_part = norm.args(call, args_part);
      if (eq != std::string::npos) {
        std::string first = res_part.substr(0, res_part.find(' '));
        std::string rest = res_part.substr(first.size());
        res_part = norm.result(call, first) + rest;
      }
      normalized = normalized.substr(0, open + 1) + args_part + (eq == std::string::npos ? "" : " = " + res_part);
    }
    auto it = norm.labels.find(in.raw_pids[i]);
    out.raw.push_back(format_raw(it == norm.labels.end() ? "?" : it->second, in.raw_times[i] - t0, normalized));
  }

  // Pass 3: events, and which of them the diagram shows.
  std::map<std::string, std::set<std::string>> shm_fds;  // label -> fds opened on /dev/shm
  std::set<std::string> shared_maps;                     // address tokens of shared mappings
  for (const Event& src : in.events) {
    Event e = src;
    e.stack.clear();
    e.proc = norm.labels.at(src.pid);
    e.t_us = src.t_us - t0;
    if (src.end_us) e.end_us = *src.end_us - t0;
    if (e.kind == Event::Kind::Syscall) {
      e.args = norm.args(e.call, src.args);
      std::string first = src.result.substr(0, src.result.find(' '));
      e.result = norm.result(e.call, first) + src.result.substr(first.size());
    } else {
      e.args = norm.text(src.args);
    }
    const std::string& c = e.call;
    bool shm_path = starts_with(first_string(src.args), "/dev/shm/");
    if (e.kind != Event::Kind::Syscall) {
      e.shown = true;
      // The end of a process points at the exit()/return that ended it, when known.
      if (e.kind == Event::Kind::Exit && e.line == 0) {
        for (auto it = out.events.rbegin(); it != out.events.rend(); ++it)
          if (it->proc == e.proc && (it->call == "exit_group" || it->call == "exit")) {
            e.line = it->line;
            e.context = it->context;
            break;
          }
      }
    } else if (creates_process(c) || c == "wait4" || c == "waitid" || c == "kill" || c == "futex" ||
               c == "clock_nanosleep" || c == "nanosleep" || c == "restart_syscall" || !ipc_family_created(c).empty() ||
               !ipc_family_used(c).empty() || c == "shmdt" || c == "ftruncate") {
      e.shown = true;
      if (c == "shmat" && starts_with(e.result, "<addr#")) shared_maps.insert(e.result);
      if (creates_process(c))
        if (const auto pid = pid_number(src.result)) shm_fds[norm.labels.at(*pid)] = shm_fds[e.proc];
    } else if (c == "openat" || c == "open") {
      e.shown = shm_path;
      if (shm_path && is_number(src.result)) shm_fds[e.proc].insert(src.result);
    } else if (c == "unlink" || c == "link" || c == "rename") {
      e.shown = shm_path;
    } else if (c == "mmap") {
      e.shown = src.args.find("MAP_SHARED") != std::string::npos;
      if (e.shown) shared_maps.insert(e.result);
    } else if (c == "munmap") {
      e.shown = shared_maps.count(first_arg(e.args)) > 0;
    } else if (c == "close" || c == "write") {
      std::string fd = first_arg(src.args);
      e.shown = (c == "write" && (fd == "1" || fd == "2")) || shm_fds[e.proc].count(fd) > 0;
      if (c == "close" && e.shown) shm_fds[e.proc].erase(fd);
    }
    out.events.push_back(std::move(e));
  }
}

}  // namespace trace

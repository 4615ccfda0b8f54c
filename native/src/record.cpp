#include "trace/record.hpp"

#include <fcntl.h>
#include <gnu/libc-version.h>
#include <sched.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "text.hpp"
#include "trace/normalize.hpp"
#include "trace/strace_parser.hpp"

namespace fs = std::filesystem;

namespace trace {
namespace {

// Calls the chapter is about; everything else (read, brk, ...) would bury them.
const char* kTraced =
    "execve,shmget,shmat,shmdt,shmctl,semget,semop,semtimedop,semctl,msgget,msgsnd,msgrcv,msgctl,"
    "openat,ftruncate,mmap,munmap,unlink,link,futex,clone,clone3,fork,vfork,wait4,write,close,"
    "exit_group,exit,kill,clock_nanosleep,nanosleep,restart_syscall";

// The program's whole environment: the same on every machine, so strace's "/* N vars */"
// and anything the program derives from it do not change between recordings.
const char* kEnv[] = {"PATH=/usr/bin:/bin", "LC_ALL=C", nullptr};

// A run's output files are absent when it never started; that reads as empty.
std::string read_file_if_any(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec) ? book::read_file(p, p.string()) : std::string();
}

std::vector<char*> c_argv(std::vector<std::string>& args) {
  std::vector<char*> v;
  for (auto& a : args) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

// Runs argv in cwd with the fixed environment; stdout+stderr captured. Returns exit status
// (128+signal if killed).
int run_capture(std::vector<std::string> argv, const fs::path& cwd, std::string& output) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  auto args = c_argv(argv);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    execvpe(args[0], args.data(), const_cast<char* const*>(kEnv));
    _exit(127);
  }
  close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) output.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

std::vector<Diagnostic> parse_diagnostics(const std::string& out, const std::string& name) {
  std::vector<Diagnostic> d;
  std::regex re("^" + std::regex_replace(name, std::regex(R"([.])"), R"(\.)") +
                R"(:([0-9]+):([0-9]+): (warning|error|note): (.*)$)");
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, re)) d.push_back({std::stoi(m.str(1)), std::stoi(m.str(2)), m.str(3), m.str(4)});
  }
  return d;
}

struct RunOutcome {
  bool ipc_isolated = false, shm_isolated = false, timed_out = false;
  int status = 0;
};

// fork, isolate if we can, exec strace; kill the whole process group on timeout.
RunOutcome run_traced(std::vector<std::string> argv, const fs::path& dir, const RecordOptions& opt) {
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  auto args = c_argv(argv);
  std::string out_path = (dir / "stdout.txt").string(), err_path = (dir / "strace-stderr.txt").string();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    setpgid(0, 0);
    char flags[2] = {'N', 'N'};
    if (opt.isolate && unshare(CLONE_NEWIPC) == 0) flags[0] = 'I';
    if (opt.isolate && unshare(CLONE_NEWNS) == 0 && mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
        mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=65536k") == 0)
      flags[1] = 'I';
    if (write(report[1], flags, 2) != 2) _exit(125);
    // O_CLOEXEC: after dup2 only 0, 1 and 2 reach the program, so its fds start at 3.
    int o = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int e = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (o < 0 || e < 0 || in < 0 || chdir(dir.c_str()) != 0) _exit(126);
    dup2(in, 0);
    dup2(o, 1);
    dup2(e, 2);
    // Whatever else this process inherited must not reach the example: its fd numbers
    // in the trace would depend on who started the recording.
    close_range(3, ~0U, 0);
    execvpe(args[0], args.data(), const_cast<char* const*>(kEnv));
    _exit(127);
  }
  setpgid(pid, pid);  // also from here, so the kill below cannot race the child's setpgid
  close(report[1]);
  RunOutcome r;
  char flags[2] = {'N', 'N'};
  if (read(report[0], flags, 2) == 2) {
    r.ipc_isolated = flags[0] == 'I';
    r.shm_isolated = flags[1] == 'I';
  }
  close(report[0]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.timeout_s);
  int status = 0;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // strace waits for every tracee, but a program could have left the group's processes
  // behind (detached, or the timeout hit): none may survive the run.
  kill(-pid, SIGKILL);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// Without namespaces: remove what the trace says the program created. Read leniently with
// patterns rather than the parser, so cleanup also happens when the parser rejects the file.
void remove_leftovers(const std::string& strace_text, bool sysv, bool posix) {
  static const std::regex get_re(R"((shmget|semget|msgget)\(.*\) = ([0-9]+))");
  static const std::regex path_re(R"re((?:openat\(AT_FDCWD, |link\("[^"]*", )"(/dev/shm/[^"]+)")re");
  static const std::regex pid_re(R"(^([0-9]+) )");
  std::set<int> pids;
  std::istringstream in(strace_text);
  std::string line;
  std::vector<std::pair<std::string, int>> ids;
  std::set<std::string> paths;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, pid_re)) pids.insert(std::stoi(m.str(1)));
    if (std::regex_search(line, m, get_re)) ids.emplace_back(m.str(1), std::stoi(m.str(2)));
    if (std::regex_search(line, m, path_re)) paths.insert(m.str(1));
  }
  if (sysv) {
    for (const auto& [call, id] : ids) {
      if (call == "shmget") {
        struct shmid_ds ds {};
        // Only a segment one of our processes created: ids are reused eventually.
        if (shmctl(id, IPC_STAT, &ds) == 0 && pids.count(ds.shm_cpid)) shmctl(id, IPC_RMID, nullptr);
      } else if (call == "semget") {
        semctl(id, 0, IPC_RMID);
      } else {
        msgctl(id, IPC_RMID, nullptr);
      }
    }
  }
  if (posix)
    for (const auto& p : paths) ::unlink(p.c_str());
}

// Source lines from strace -k stacks: the innermost frame inside the example's binary,
// resolved by addr2line against its debug info.
void map_lines(ParsedStrace& parsed, const fs::path& binary) {
  const std::string marker = binary.string() + "(";
  static const std::regex offset_re(R"(\[0x([0-9a-fA-F]+)\]$)");
  std::vector<std::pair<size_t, unsigned long>> wanted;
  for (size_t i = 0; i < parsed.events.size(); ++i) {
    Event& e = parsed.events[i];
    bool via_exit = false;
    for (const auto& f : e.stack) {
      if (f.find("(exit+") != std::string::npos) via_exit = true;
      std::smatch m;
      if (f.compare(0, marker.size(), marker) == 0 && std::regex_search(f, m, offset_re)) {
        if (f.find("(_start+") != std::string::npos) break;  // below main: not the program's code
        wanted.emplace_back(i, std::stoul(m.str(1), nullptr, 16));
        via_exit = false;
        break;
      }
    }
    if (via_exit) e.context = "exit()";
  }
  if (wanted.empty()) return;
  std::vector<std::string> argv = {"addr2line", "-e", binary.string()};
  for (const auto& w : wanted) {
    std::ostringstream hex;
    hex << "0x" << std::hex << (w.second - 1);  // a return address: the call is just before
    argv.push_back(hex.str());
  }
  std::string out;
  if (run_capture(argv, {}, out) != 0) return;
  std::istringstream in(out);
  std::string line;
  static const std::regex loc_re(R"(:([0-9]+)(?: \(discriminator [0-9]+\))?$)");
  for (const auto& w : wanted) {
    if (!std::getline(in, line)) break;
    std::smatch m;
    if (std::regex_search(line, m, loc_re)) parsed.events[w.first].line = std::stoi(m.str(1));
  }
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

bool strace_has_stacks(const std::string& strace) {
  std::string out;
  return run_capture({strace, "-k", "-e", "trace=none", "-o", "/dev/null", "true"}, {}, out) == 0;
}

}  // namespace

bool ptrace_permitted(const std::string& strace, std::string& why) {
  std::string out;
  int rc;
  try {
    rc = run_capture({strace, "-f", "-o", "/dev/null", "true"}, {}, out);
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
  if (rc == 0) return true;
  why = rc == 127 ? "strace is not installed" : first_line(out);
  return false;
}

Trace record_example(const CodeBlock& block, const RecordOptions& opt) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/ch7-trace-XXXXXX";
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp " + templ + ": " + std::strerror(errno));
  fs::path dir = templ;
  struct Cleanup {
    fs::path dir;
    bool keep;
    ~Cleanup() {
      std::error_code ec;
      if (!keep) fs::remove_all(dir, ec);
    }
  } cleanup{dir, opt.keep_workdir};

  Trace t;
  t.example = stem_of(block);
  t.source_name = block.info.title;
  t.source = block.code;
  std::ofstream(dir / block.info.title, std::ios::binary) << block.code;

  std::vector<std::string> cc = {
      opt.cc, "-g", "-O0", "-fdiagnostics-color=never", "-Wall", "-Wextra", "-o", stem_of(block), block.info.title};
  std::string cc_out;
  int cc_rc = run_capture(cc, dir, cc_out);
  t.compile_command = "cc -g -O0 -Wall -Wextra -o " + stem_of(block) + " " + block.info.title;
  t.compiler_output = cc_out;
  t.diagnostics = parse_diagnostics(cc_out, block.info.title);
  if (cc_rc != 0) throw std::runtime_error(block.info.title + " does not compile:\n" + cc_out);

  bool stacks = strace_has_stacks(opt.strace);
  std::vector<std::string> argv = {opt.strace, "-f", "-q", "-ttt"};
  if (stacks) argv.push_back("-k");
  for (std::string a : {"-s", "64", "-e"}) argv.push_back(a);
  argv.push_back(std::string("trace=") + kTraced);
  argv.insert(argv.end(), {"-o", "strace.txt", "./" + stem_of(block)});
  t.run_command = "strace -f -q -ttt" + std::string(stacks ? " -k" : "") + " -s 64 -e trace=" + kTraced +
                  " -o strace.txt ./" + stem_of(block);
  t.timeout_s = opt.timeout_s;

  RunOutcome run = run_traced(argv, dir, opt);
  t.timed_out = run.timed_out;
  std::string strace_text = read_file_if_any(dir / "strace.txt");
  remove_leftovers(strace_text, !run.ipc_isolated, !run.shm_isolated);
  if (run.ipc_isolated && run.shm_isolated)
    t.isolation = "private IPC namespace and private /dev/shm: every object died with the run";
  else
    t.isolation = std::string(run.ipc_isolated ? "private IPC namespace" : "host IPC namespace") + ", " +
                  (run.shm_isolated ? "private /dev/shm" : "host /dev/shm") +
                  "; objects the trace shows were created are removed after the run";
  if (strace_text.empty()) {
    std::string err = read_file_if_any(dir / "strace-stderr.txt");
    throw std::runtime_error("strace produced no trace for " + block.info.title + ": " + first_line(err));
  }
  t.stdout_text = read_file_if_any(dir / "stdout.txt");
  if (t.stdout_text.size() > 65536) t.stdout_text.resize(65536);

  // A ParseError names the strace output line; it propagates as is.
  ParsedStrace parsed = parse_strace(strace_text, "strace output of " + block.info.title);
  map_lines(parsed, dir / stem_of(block));
  normalize(parsed, t);

  utsname u{};
  uname(&u);
  std::string ccv, sv;
  run_capture({opt.cc, "--version"}, {}, ccv);
  run_capture({opt.strace, "-V"}, {}, sv);
  t.provenance = {{"kernel", std::string(u.sysname) + " " + u.release},
                  {"arch", u.machine},
                  {"libc", std::string("glibc ") + gnu_get_libc_version()},
                  {"compiler", first_line(ccv)},
                  {"strace", first_line(sv)},
                  {"date", utc_now()}};
  return t;
}

}  // namespace trace

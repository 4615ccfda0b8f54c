#include "ipc.hpp"

#include <semaphore.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace ipcbench {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

void write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fail("write");
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void read_all(int fd, char* p, size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) fail("read");
    if (r == 0) throw std::runtime_error("read: the other process closed the channel");
    p += r;
    n -= static_cast<size_t>(r);
  }
}

// Two pipes, one per direction.
class PipeChannel : public Channel {
 public:
  PipeChannel() {
    if (pipe(down_) != 0 || pipe(up_) != 0) fail("pipe");
  }
  ~PipeChannel() override {
    for (int fd : {down_[0], down_[1], up_[0], up_[1]})
      if (fd >= 0) close(fd);
  }
  void attach(Side s) override {
    int& a = s == Side::Parent ? down_[0] : down_[1];
    int& b = s == Side::Parent ? up_[1] : up_[0];
    close(a);
    close(b);
    a = b = -1;
  }
  void send(Side from, const char* buf, size_t n) override {
    write_all(from == Side::Parent ? down_[1] : up_[1], buf, n);
  }
  void recv(Side to, char* buf, size_t n) override { read_all(to == Side::Parent ? up_[0] : down_[0], buf, n); }

 private:
  int down_[2] = {-1, -1}, up_[2] = {-1, -1};
};

// One connected stream socket pair: full duplex.
class UnixChannel : public Channel {
 public:
  UnixChannel() {
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fd_) != 0) fail("socketpair");
  }
  ~UnixChannel() override {
    for (int fd : fd_)
      if (fd >= 0) close(fd);
  }
  void attach(Side s) override {
    int& other = fd_[s == Side::Parent ? 1 : 0];
    close(other);
    other = -1;
  }
  void send(Side from, const char* buf, size_t n) override { write_all(fd_[from == Side::Parent ? 0 : 1], buf, n); }
  void recv(Side to, char* buf, size_t n) override { read_all(fd_[to == Side::Parent ? 0 : 1], buf, n); }

 private:
  int fd_[2] = {-1, -1};
};

// One SysV queue; message type 1 travels down, 2 up. Messages longer than msgmax go in
// msgmax-sized chunks, as a program using a queue for big data has to do.
class MsgChannel : public Channel {
 public:
  explicit MsgChannel(size_t) : chunk_(sysv_msgmax()), owner_(getpid()) {
    id_ = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (id_ < 0) fail("msgget");
    msg_.resize(sizeof(long) + chunk_);
  }
  ~MsgChannel() override {
    if (getpid() == owner_) msgctl(id_, IPC_RMID, nullptr);
  }
  void attach(Side) override {}
  void send(Side from, const char* buf, size_t n) override {
    long type = from == Side::Parent ? 1 : 2;
    do {
      size_t k = std::min(n, chunk_);
      std::memcpy(msg_.data(), &type, sizeof type);
      std::memcpy(msg_.data() + sizeof type, buf, k);
      while (msgsnd(id_, msg_.data(), k, 0) != 0)
        if (errno != EINTR) fail("msgsnd");
      buf += k;
      n -= k;
    } while (n > 0);
  }
  void recv(Side to, char* buf, size_t n) override {
    long type = to == Side::Parent ? 2 : 1;
    do {
      ssize_t k;
      while ((k = msgrcv(id_, msg_.data(), chunk_, type, 0)) < 0)
        if (errno != EINTR) fail("msgrcv");
      size_t got = std::min(n, static_cast<size_t>(k));
      std::memcpy(buf, msg_.data() + sizeof(long), got);
      buf += got;
      n -= got;
    } while (n > 0);
  }

 private:
  size_t chunk_;
  pid_t owner_;
  int id_ = -1;
  std::vector<char> msg_;
};

// A shared anonymous mapping with a ring of kSlots message slots per direction and two
// process-shared POSIX semaphores per ring (glibc implements them with futexes, entering
// the kernel only when a process has to sleep or wake the other): "full" counts messages
// waiting, "empty" free slots, so the writer can run ahead like a pipe's buffer allows.
// The data is copied in and out once each way, as a real program would.
class ShmChannel : public Channel {
  static constexpr size_t kSlots = 8;
  struct Ring {
    sem_t full, empty;
    size_t head, tail;  // next slot to write / to read; each touched by one side only
  };

 public:
  explicit ShmChannel(size_t max) : max_(max) {
    bytes_ = 2 * sizeof(Ring) + 2 * kSlots * max_;
    void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) fail("mmap");
    base_ = static_cast<char*>(p);
    rings_ = reinterpret_cast<Ring*>(base_);
    for (int d = 0; d < 2; ++d) {
      if (sem_init(&rings_[d].full, 1, 0) != 0 || sem_init(&rings_[d].empty, 1, kSlots) != 0) fail("sem_init");
      rings_[d].head = rings_[d].tail = 0;
    }
  }
  ~ShmChannel() override { munmap(base_, bytes_); }
  void attach(Side) override {}
  void send(Side from, const char* buf, size_t n) override {
    int d = from == Side::Parent ? 0 : 1;
    Ring& r = rings_[d];
    wait(&r.empty);
    std::memcpy(slot(d, r.head), buf, n);
    r.head = (r.head + 1) % kSlots;
    sem_post(&r.full);  // release: the copy is visible before the reader's sem_wait returns
  }
  void recv(Side to, char* buf, size_t n) override {
    int d = to == Side::Parent ? 1 : 0;
    Ring& r = rings_[d];
    wait(&r.full);
    std::memcpy(buf, slot(d, r.tail), n);
    r.tail = (r.tail + 1) % kSlots;
    sem_post(&r.empty);
  }

 private:
  static void wait(sem_t* s) {
    while (sem_wait(s) != 0)
      if (errno != EINTR) fail("sem_wait");
  }
  char* slot(int d, size_t i) { return base_ + 2 * sizeof(Ring) + (static_cast<size_t>(d) * kSlots + i) * max_; }
  size_t max_, bytes_ = 0;
  char* base_ = nullptr;
  Ring* rings_ = nullptr;
};

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

size_t sysv_msgmax() {
  std::ifstream in("/proc/sys/kernel/msgmax");
  size_t v = 0;
  if (!(in >> v) || v == 0) v = 8192;  // the kernel's default
  return v;
}

const std::vector<Mechanism>& mechanisms() {
  static const std::vector<Mechanism> m = {
      {"shm", "shared memory + semaphore",
       "a shared mapping with a ring of 8 message slots per direction, process-shared POSIX semaphores (futex) as the "
       "handshake; data copied in and out"},
      {"pipe", "pipe", "two pipes, one per direction"},
      {"unix", "UNIX domain socket", "socketpair(AF_UNIX, SOCK_STREAM)"},
      {"msgq", "SysV message queue", "one queue, message types per direction, messages split at kernel.msgmax"},
  };
  return m;
}

std::unique_ptr<Channel> make_channel(const std::string& id, size_t max_message) {
  if (id == "shm") return std::make_unique<ShmChannel>(max_message);
  if (id == "pipe") return std::make_unique<PipeChannel>();
  if (id == "unix") return std::make_unique<UnixChannel>();
  if (id == "msgq") return std::make_unique<MsgChannel>(max_message);
  throw std::runtime_error("unknown mechanism " + id);
}

Result measure(const std::string& id, size_t size, int rounds, long messages) {
  using clock = std::chrono::steady_clock;
  auto ch = make_channel(id, size);
  const int warmup = std::max(5, rounds / 20);
  pid_t pid = fork();
  if (pid < 0) fail("fork");
  if (pid == 0) {
    int rc = 0;
    try {
      ch->attach(Side::Child);
      std::vector<char> buf(size);
      for (int i = 0; i < warmup + rounds; ++i) {
        ch->recv(Side::Child, buf.data(), size);
        ch->send(Side::Child, buf.data(), size);
      }
      for (long i = 0; i < messages; ++i) ch->recv(Side::Child, buf.data(), size);
      ch->send(Side::Child, buf.data(), 1);
    } catch (const std::exception&) {
      rc = 1;
    }
    _exit(rc);  // no destructors: the parent owns the channel's kernel objects
  }
  ch->attach(Side::Parent);
  std::vector<char> out(size), back(size);
  std::vector<double> rt;
  rt.reserve(static_cast<size_t>(rounds));
  Result r{id, size, 0, 0, rounds, 0, messages};
  try {
    for (int i = 0; i < warmup + rounds; ++i) {
      std::fill(out.begin(), out.end(), static_cast<char>('a' + i % 26));
      auto t0 = clock::now();
      ch->send(Side::Parent, out.data(), size);
      ch->recv(Side::Parent, back.data(), size);
      auto t1 = clock::now();
      if (i >= warmup) rt.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      if ((i == 0 || i + 1 == warmup + rounds) && back != out)
        throw std::runtime_error(id + ": the echoed message differs from the one sent");
    }
    auto t0 = clock::now();
    for (long i = 0; i < messages; ++i) ch->send(Side::Parent, out.data(), size);
    ch->recv(Side::Parent, back.data(), 1);
    double secs = std::chrono::duration<double>(clock::now() - t0).count();
    r.throughput_mib_s = static_cast<double>(size) * static_cast<double>(messages) / secs / (1024.0 * 1024.0);
  } catch (...) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    throw;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(id + ": the child process failed");
  r.latency_median_us = percentile(rt, 0.5);
  r.latency_p90_us = percentile(rt, 0.9);
  return r;
}

}  // namespace ipcbench

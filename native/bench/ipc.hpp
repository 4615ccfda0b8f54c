// Four ways for two processes to exchange a message, behind one interface, so the
// benchmark measures the mechanism rather than four different loops.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace ipcbench {

enum class Side { Parent, Child };

class Channel {
 public:
  virtual ~Channel() = default;
  // Called in each process right after fork(), to close the ends it does not use.
  virtual void attach(Side side) = 0;
  // Blocking: returns once all n bytes are sent / received. Throws std::runtime_error.
  virtual void send(Side from, const char* buf, size_t n) = 0;
  virtual void recv(Side to, char* buf, size_t n) = 0;
};

struct Mechanism {
  std::string id;     // "shm", "pipe", "unix", "msgq"
  std::string label;  // for tables and the chart legend
  std::string how;    // one sentence: what exactly is measured
};

const std::vector<Mechanism>& mechanisms();

// Created before fork(); max_message is the largest message that will be sent. Every
// kernel object is released by the destructor in the parent (SysV queues are removed).
std::unique_ptr<Channel> make_channel(const std::string& id, size_t max_message);

struct Result {
  std::string mechanism;
  size_t size = 0;
  double latency_median_us = 0, latency_p90_us = 0;
  int rounds = 0;
  double throughput_mib_s = 0;
  long messages = 0;
};

// Round trips of `size` bytes (parent -> child -> parent, the child echoes what it got),
// then `messages` one-way messages and a one-byte acknowledgement. Forks one child.
// Throws std::runtime_error if the echoed bytes differ from the sent ones.
Result measure(const std::string& id, size_t size, int rounds, long messages);

// The SysV queue's largest message (kernel.msgmax): larger messages go in chunks.
size_t sysv_msgmax();

}  // namespace ipcbench

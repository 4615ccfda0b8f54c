// The interleaving model: N threads each incrementing one shared counter K times, written
// out as the micro-ops a CPU really executes, so that every schedule can be stepped,
// undone, replayed and enumerated. Plain C++17: the same code runs natively (tests) and in
// WebAssembly (the page).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sim {

enum class Sync { None, Mutex, Atomic, Semaphore };
enum class Op { Load, Add, Store, Lock, Unlock, FetchAdd, P, V };
enum class Sched { Manual, RoundRobin, Random };

const char* sync_name(Sync s);
const char* sched_name(Sched s);
const char* op_name(Op op);
// Names as the page and the command line spell them ("none", "round-robin", ...).
bool parse_sync(const std::string& s, Sync& out);
bool parse_sched(const std::string& s, Sched& out);

constexpr int kMinThreads = 2;
constexpr int kMaxThreads = 8;
constexpr int kMaxIncrements = 50;  // the model is for reading, not for volume

struct Config {
  int threads = 2;
  int increments = 1;
  Sync sync = Sync::None;
  Sched sched = Sched::Manual;
  std::uint64_t seed = 1;
  int sem_count = 1;  // initial semaphore value; above 1 it no longer excludes
};

// Empty when the configuration is usable, otherwise a sentence saying what is wrong.
std::string validate(const Config& c);

// The micro-ops of one increment in the given mode (a thread runs this block K times).
std::vector<Op> increment_block(Sync s);

struct ThreadState {
  int pc = 0;            // index into the thread's whole program (block repeated K times)
  long long reg = 0;     // the thread's private register
  int loaded_from = -1;  // thread whose write the last LOAD saw (-1: the initial value)
};

struct Shared {
  long long counter = 0;
  int mutex_owner = -1;
  int sem = 1;
  int last_writer = -1;  // thread that wrote the counter last (-1: nobody yet)
};

// Everything that changes when a thread takes one step; small so the explorer can copy it.
struct Core {
  std::vector<ThreadState> threads;
  Shared shared;
};

// What one step did, enough to explain it.
struct StepInfo {
  int thread = -1;
  Op op = Op::Load;
  long long counter_before = 0;
  long long counter_after = 0;
  long long reg = 0;
  // A STORE whose value is below counter+1 throws increments away: how many, and whose
  // write it replaced.
  long long lost = 0;
  int overwritten_thread = -1;
  long long overwritten_value = 0;
};

struct Event {
  StepInfo info;
  std::string text;
};

// The pure step function shared by Machine and the explorer.
class Program {
 public:
  explicit Program(const Config& c);
  Core initial() const;
  int length() const { return static_cast<int>(block_.size()) * increments_; }
  Op op_at(int pc) const { return block_[static_cast<std::size_t>(pc) % block_.size()]; }
  const std::vector<Op>& block() const { return block_; }
  bool done(const Core& c, int t) const { return c.threads[t].pc >= length(); }
  // Runnable: not finished and its next op can execute now (LOCK needs a free mutex,
  // P a positive semaphore). Blocked threads are never stepped, so no step is a spin.
  bool runnable(const Core& c, int t) const;
  StepInfo apply(Core& c, int t) const;
  int threads() const { return threads_; }

 private:
  std::vector<Op> block_;
  int increments_;
  int threads_;
  int sem_count_;
};

std::string describe(const StepInfo& s);

class Machine {
 public:
  explicit Machine(const Config& c);  // throws std::invalid_argument if validate() fails

  const Config& config() const { return config_; }
  const Program& program() const { return program_; }
  const Core& core() const { return core_; }
  const std::vector<Event>& events() const { return events_; }

  bool runnable(int t) const;
  bool done(int t) const;
  bool finished() const;
  Op next_op(int t) const;  // only meaningful while !done(t)

  // Steps thread t (any scheduler); false when t is out of range, done or blocked.
  bool step(int t);
  // Lets the scheduler pick; returns the thread that stepped, or -1 when all are done or
  // the scheduler is manual (the reader must choose).
  int step();
  // Steps with the scheduler until finished or max_steps; returns the number of steps.
  int run(int max_steps);
  bool undo();
  void reset();

  long long counter() const { return core_.shared.counter; }
  long long expected() const;              // threads * increments
  long long completed_increments() const;  // STOREs and FETCH_ADDs so far
  long long lost() const { return completed_increments() - counter(); }
  int steps() const { return static_cast<int>(events_.size()); }

 private:
  int pick() const;
  void push_step(int t);

  struct Snapshot {
    Core core;
    std::uint64_t rng;
    int rr_next;
  };

  Config config_;
  Program program_;
  Core core_;
  std::uint64_t rng_;
  int rr_next_ = 0;
  std::vector<Snapshot> history_;
  std::vector<Event> events_;
};

// splitmix64: tiny, seedable, identical on every platform (std::mt19937's distributions
// are not guaranteed to be), so a seed replays the same schedule natively and in Wasm.
std::uint64_t next_random(std::uint64_t& state);

}  // namespace sim

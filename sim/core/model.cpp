#include "model.hpp"

#include <stdexcept>

namespace sim {

const char* sync_name(Sync s) {
  switch (s) {
    case Sync::None: return "none";
    case Sync::Mutex: return "mutex";
    case Sync::Atomic: return "atomic";
    case Sync::Semaphore: return "semaphore";
  }
  return "?";
}

const char* sched_name(Sched s) {
  switch (s) {
    case Sched::Manual: return "manual";
    case Sched::RoundRobin: return "round-robin";
    case Sched::Random: return "random";
  }
  return "?";
}

const char* op_name(Op op) {
  switch (op) {
    case Op::Load: return "LOAD";
    case Op::Add: return "ADD";
    case Op::Store: return "STORE";
    case Op::Lock: return "LOCK";
    case Op::Unlock: return "UNLOCK";
    case Op::FetchAdd: return "FETCH_ADD";
    case Op::P: return "P";
    case Op::V: return "V";
  }
  return "?";
}

bool parse_sync(const std::string& s, Sync& out) {
  for (Sync v : {Sync::None, Sync::Mutex, Sync::Atomic, Sync::Semaphore})
    if (s == sync_name(v)) {
      out = v;
      return true;
    }
  return false;
}

bool parse_sched(const std::string& s, Sched& out) {
  for (Sched v : {Sched::Manual, Sched::RoundRobin, Sched::Random})
    if (s == sched_name(v)) {
      out = v;
      return true;
    }
  return false;
}

std::string validate(const Config& c) {
  if (c.threads < kMinThreads || c.threads > kMaxThreads)
    return "threads must be between " + std::to_string(kMinThreads) + " and " + std::to_string(kMaxThreads) + ", got " +
           std::to_string(c.threads);
  if (c.increments < 1 || c.increments > kMaxIncrements)
    return "increments must be between 1 and " + std::to_string(kMaxIncrements) + ", got " +
           std::to_string(c.increments);
  if (c.sync == Sync::Semaphore && (c.sem_count < 1 || c.sem_count > kMaxThreads))
    return "semaphore count must be between 1 and " + std::to_string(kMaxThreads) + ", got " +
           std::to_string(c.sem_count);
  return {};
}

std::vector<Op> increment_block(Sync s) {
  switch (s) {
    case Sync::None: return {Op::Load, Op::Add, Op::Store};
    case Sync::Mutex: return {Op::Lock, Op::Load, Op::Add, Op::Store, Op::Unlock};
    case Sync::Atomic: return {Op::FetchAdd};
    case Sync::Semaphore: return {Op::P, Op::Load, Op::Add, Op::Store, Op::V};
  }
  return {};
}

Program::Program(const Config& c)
    : block_(increment_block(c.sync)), increments_(c.increments), threads_(c.threads), sem_count_(c.sem_count) {}

Core Program::initial() const {
  Core c;
  c.threads.resize(static_cast<std::size_t>(threads_));
  c.shared.sem = sem_count_;
  return c;
}

bool Program::runnable(const Core& c, int t) const {
  if (t < 0 || t >= threads_ || done(c, t)) return false;
  switch (op_at(c.threads[t].pc)) {
    case Op::Lock: return c.shared.mutex_owner < 0;
    case Op::P: return c.shared.sem > 0;
    default: return true;
  }
}

StepInfo Program::apply(Core& c, int t) const {
  ThreadState& th = c.threads[t];
  Shared& sh = c.shared;
  StepInfo s;
  s.thread = t;
  s.op = op_at(th.pc);
  s.counter_before = sh.counter;
  switch (s.op) {
    case Op::Load:
      th.reg = sh.counter;
      th.loaded_from = sh.last_writer;
      break;
    case Op::Add: th.reg += 1; break;
    case Op::Store: {
      // This increment should leave counter+1; whatever is missing was thrown away
      // by writing back a value computed from a stale LOAD.
      const long long missing = sh.counter + 1 - th.reg;
      if (missing > 0) {
        s.lost = missing;
        s.overwritten_thread = sh.last_writer;
        s.overwritten_value = sh.counter;
      }
      sh.counter = th.reg;
      sh.last_writer = t;
      break;
    }
    case Op::FetchAdd:
      sh.counter += 1;
      th.reg = sh.counter;
      sh.last_writer = t;
      break;
    case Op::Lock: sh.mutex_owner = t; break;
    case Op::Unlock: sh.mutex_owner = -1; break;
    case Op::P: sh.sem -= 1; break;
    case Op::V: sh.sem += 1; break;
  }
  th.pc += 1;
  s.counter_after = sh.counter;
  s.reg = th.reg;
  return s;
}

namespace {
std::string tname(int t) {
  return "T" + std::to_string(t + 1);
}
std::string num(long long v) {
  return std::to_string(v);
}
}  // namespace

std::string describe(const StepInfo& s) {
  const std::string t = tname(s.thread);
  const std::string r = "r" + std::to_string(s.thread + 1);
  switch (s.op) {
    case Op::Load: return t + " LOAD " + r + " <- counter (" + num(s.reg) + ")";
    case Op::Add: return t + " ADD " + r + " <- " + r + " + 1 (" + num(s.reg) + ")";
    case Op::Store: {
      std::string text = t + " STORE counter <- " + r + " (" + num(s.counter_after) + ")";
      if (s.lost > 0) {
        const std::string who =
            s.overwritten_thread < 0 ? std::string("the initial value") : tname(s.overwritten_thread) + "'s";
        text += ": LOST UPDATE. " + t + " overwrote " + who + " " + num(s.overwritten_value) + " with " +
                num(s.counter_after) + ", because it had loaded " + num(s.counter_after - 1) + " before that write; " +
                num(s.lost) + (s.lost == 1 ? " increment" : " increments") + " lost";
      }
      return text;
    }
    case Op::FetchAdd:
      return t + " FETCH_ADD counter " + num(s.counter_before) + " -> " + num(s.counter_after) +
             " (one indivisible step)";
    case Op::Lock: return t + " LOCK mutex (acquired)";
    case Op::Unlock: return t + " UNLOCK mutex";
    case Op::P: return t + " P(sem) (entered)";
    case Op::V: return t + " V(sem)";
  }
  return t;
}

std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

namespace {
const Config& checked(const Config& c) {
  const std::string err = validate(c);
  if (!err.empty()) throw std::invalid_argument(err);
  return c;
}
}  // namespace

Machine::Machine(const Config& c)
    : config_(checked(c)), program_(config_), core_(program_.initial()), rng_(config_.seed) {}

bool Machine::runnable(int t) const {
  return program_.runnable(core_, t);
}

bool Machine::done(int t) const {
  return t >= 0 && t < config_.threads && program_.done(core_, t);
}

bool Machine::finished() const {
  for (int t = 0; t < config_.threads; ++t)
    if (!program_.done(core_, t)) return false;
  return true;
}

Op Machine::next_op(int t) const {
  return program_.op_at(core_.threads[t].pc);
}

long long Machine::expected() const {
  return static_cast<long long>(config_.threads) * config_.increments;
}

long long Machine::completed_increments() const {
  long long n = 0;
  for (const Event& e : events_)
    if (e.info.op == Op::Store || e.info.op == Op::FetchAdd) ++n;
  return n;
}

void Machine::push_step(int t) {
  history_.push_back({core_, rng_, rr_next_});
  const StepInfo info = program_.apply(core_, t);
  events_.push_back({info, describe(info)});
}

bool Machine::step(int t) {
  if (!runnable(t)) return false;
  push_step(t);
  return true;
}

int Machine::pick() const {
  std::vector<int> ready;
  for (int t = 0; t < config_.threads; ++t)
    if (runnable(t)) ready.push_back(t);
  if (ready.empty()) return -1;
  switch (config_.sched) {
    case Sched::Manual: return -1;
    case Sched::RoundRobin:
      // One op per turn, in thread order, starting after the last thread it ran.
      for (int i = 0; i < config_.threads; ++i) {
        const int t = (rr_next_ + i) % config_.threads;
        if (runnable(t)) return t;
      }
      return -1;
    case Sched::Random: {
      std::uint64_t s = rng_;
      return ready[next_random(s) % ready.size()];
    }
  }
  return -1;
}

int Machine::step() {
  const int t = pick();
  if (t < 0) return -1;
  push_step(t);
  // Advance the scheduler's own state after the snapshot, so undo rewinds it too.
  if (config_.sched == Sched::Random) next_random(rng_);
  if (config_.sched == Sched::RoundRobin) rr_next_ = (t + 1) % config_.threads;
  return t;
}

int Machine::run(int max_steps) {
  int n = 0;
  while (n < max_steps && step() >= 0) ++n;
  return n;
}

bool Machine::undo() {
  if (history_.empty()) return false;
  core_ = history_.back().core;
  rng_ = history_.back().rng;
  rr_next_ = history_.back().rr_next;
  history_.pop_back();
  events_.pop_back();
  return true;
}

void Machine::reset() {
  core_ = program_.initial();
  rng_ = config_.seed;
  rr_next_ = 0;
  history_.clear();
  events_.clear();
}

}  // namespace sim

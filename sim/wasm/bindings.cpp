// The C interface the page calls (through Module.cwrap). Results come back as JSON text:
// one string per call keeps the boundary small, and the page needs no knowledge of the
// C++ layout. Everything but the real-thread engine runs on the browser's main thread.
#include <emscripten/emscripten.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "explorer.hpp"
#include "model.hpp"
#ifdef __EMSCRIPTEN_PTHREADS__
#include <pthread.h>

#include "real.hpp"
#endif

using namespace sim;

namespace {

std::unique_ptr<Machine> g_machine;
std::string g_out;

void json_string(std::string& out, const std::string& s) {
  out += '"';
  for (char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", ch);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

[[maybe_unused]] void json_number(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  out += buf;
}

const char* error(const std::string& msg) {
  g_out = "{\"error\":";
  json_string(g_out, msg);
  g_out += '}';
  return g_out.c_str();
}

bool is_write(Op op) {
  return op == Op::Store || op == Op::FetchAdd;
}

// The two earlier steps a lost update comes from, as 1-based step numbers (the log's
// numbering): the write it overwrote (0: the initial value) and the overwriting thread's
// own LOAD, which read memory before that write.
struct LossLinks {
  int overwritten_step = 0;
  int load_step = 0;
};

LossLinks loss_links(const std::vector<Event>& ev, std::size_t i) {
  LossLinks l;
  const int t = ev[i].info.thread;
  for (std::size_t k = i; k-- > 0;) {
    const StepInfo& s = ev[k].info;
    if (!l.overwritten_step && is_write(s.op)) l.overwritten_step = static_cast<int>(k) + 1;
    if (!l.load_step && s.thread == t && s.op == Op::Load) l.load_step = static_cast<int>(k) + 1;
    if (l.overwritten_step && l.load_step) break;
  }
  return l;
}

void event_json(std::string& out, const std::vector<Event>& ev, std::size_t i) {
  const Event& e = ev[i];
  const StepInfo& s = e.info;
  out += "{\"step\":" + std::to_string(i + 1) + ",\"thread\":" + std::to_string(s.thread) + ",\"op\":\"" +
         op_name(s.op) + "\",\"before\":" + std::to_string(s.counter_before) +
         ",\"after\":" + std::to_string(s.counter_after) + ",\"reg\":" + std::to_string(s.reg) +
         ",\"lost\":" + std::to_string(s.lost) + ",\"overwrittenThread\":" + std::to_string(s.overwritten_thread) +
         ",\"overwrittenValue\":" + std::to_string(s.overwritten_value);
  if (s.lost > 0) {
    const LossLinks l = loss_links(ev, i);
    out +=
        ",\"overwrittenStep\":" + std::to_string(l.overwritten_step) + ",\"loadStep\":" + std::to_string(l.load_step);
  }
  out += ",\"text\":";
  json_string(out, e.text);
  out += '}';
}

// What the picture draws for a register: whether it holds a value LOADed from memory and
// not yet stored back, that value, and whether memory has changed since (a stale copy is
// an update about to be lost).
void lane_json(std::string& o, const Machine& m, int t) {
  const ThreadState& th = m.core().threads[t];
  const auto& block = m.program().block();
  const int len = static_cast<int>(block.size());
  const int pos = th.pc % len;
  int load = -1, add = -1, store = -1;
  for (int i = 0; i < len; ++i) {
    if (block[i] == Op::Load) load = i;
    if (block[i] == Op::Add) add = i;
    if (block[i] == Op::Store) store = i;
  }
  const bool holding = !m.done(t) && load >= 0 && pos > load && pos <= store;
  const long long loaded = th.reg - (add >= 0 && pos > add ? 1 : 0);
  o += "{\"pc\":" + std::to_string(th.pc) + ",\"reg\":" + std::to_string(th.reg) +
       ",\"done\":" + (m.done(t) ? "true" : "false") + ",\"runnable\":" + (m.runnable(t) ? "true" : "false") +
       ",\"holding\":" + (holding ? "true" : "false") + ",\"loaded\":" + std::to_string(loaded) +
       ",\"stale\":" + (holding && loaded != m.counter() ? "true" : "false") + ",\"next\":";
  if (m.done(t)) {
    o += "null";
  } else {
    o += '"';
    o += op_name(m.next_op(t));
    o += '"';
  }
  o += '}';
}

// The newest write to the counter, with its loss links when it overwrote an update: the
// picture keeps showing a loss for as long as the overwriting value stands in memory.
void last_write_json(std::string& o, const std::vector<Event>& ev) {
  for (std::size_t k = ev.size(); k-- > 0;) {
    if (!is_write(ev[k].info.op)) continue;
    event_json(o, ev, k);
    return;
  }
  o += "null";
}

const char* state_json() {
  const Machine& m = *g_machine;
  const Config& c = m.config();
  const Core& core = m.core();
  std::string& o = g_out;
  o = "{\"threads\":" + std::to_string(c.threads) + ",\"increments\":" + std::to_string(c.increments) + ",\"mode\":\"" +
      sync_name(c.sync) + "\",\"scheduler\":\"" + sched_name(c.sched) +
      "\",\"counter\":" + std::to_string(m.counter()) + ",\"expected\":" + std::to_string(m.expected()) +
      ",\"completed\":" + std::to_string(m.completed_increments()) + ",\"lost\":" + std::to_string(m.lost()) +
      ",\"finished\":" + (m.finished() ? "true" : "false") +
      ",\"mutexOwner\":" + std::to_string(core.shared.mutex_owner) + ",\"sem\":" + std::to_string(core.shared.sem) +
      ",\"lastWriter\":" + std::to_string(core.shared.last_writer) + ",\"block\":[";
  const auto& block = m.program().block();
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (i) o += ',';
    o += '"';
    o += op_name(block[i]);
    o += '"';
  }
  o += "],\"lanes\":[";
  for (int t = 0; t < c.threads; ++t) {
    if (t) o += ',';
    lane_json(o, m, t);
  }
  // Only the newest event: the page fetches the log incrementally with sim_events.
  o += "],\"steps\":" + std::to_string(m.steps()) + ",\"last\":";
  if (m.events().empty())
    o += "null";
  else
    event_json(o, m.events(), m.events().size() - 1);
  o += ",\"lastWrite\":";
  last_write_json(o, m.events());
  o += '}';
  return o.c_str();
}

bool make_config(int threads, int increments, const char* mode, const char* sched, double seed, int sem_count,
                 Config& c, std::string& err) {
  c.threads = threads;
  c.increments = increments;
  c.seed = static_cast<std::uint64_t>(seed);
  c.sem_count = sem_count;
  if (!parse_sync(mode, c.sync)) {
    err = std::string("unknown mode \"") + mode + "\"";
    return false;
  }
  if (!parse_sched(sched, c.sched)) {
    err = std::string("unknown scheduler \"") + sched + "\"";
    return false;
  }
  err = validate(c);
  return err.empty();
}

#ifdef __EMSCRIPTEN_PTHREADS__
// Real runs happen on a coordinator pthread so the page's thread never waits on a join;
// results are published one run at a time and polled from requestAnimationFrame.
constexpr int kMaxRuns = 100;
struct RealJob {
  RealConfig config;
  int runs = 0;
  // The running run's per-thread counts, read by real_poll while the threads write them.
  std::atomic<long long> progress[kMaxRealThreads];
  RealResult results[kMaxRuns];
  std::atomic<int> completed{0};
  std::atomic<bool> running{false};
};
RealJob g_job;

void* coordinator(void*) {
  for (int i = 0; i < g_job.runs; ++i) {
    g_job.results[i] = run_real(g_job.config);
    g_job.completed.store(i + 1, std::memory_order_release);
  }
  g_job.running.store(false, std::memory_order_release);
  return nullptr;
}
#endif

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* sim_configure(int threads, int increments, const char* mode, const char* sched,
                                               double seed, int sem_count) {
  Config c;
  std::string err;
  if (!make_config(threads, increments, mode, sched, seed, sem_count, c, err)) return error(err);
  g_machine.reset(new Machine(c));
  return state_json();
}

// Events from index `since` on, for appending to the page's log.
EMSCRIPTEN_KEEPALIVE const char* sim_events(int since) {
  if (!g_machine) return error("not configured");
  const auto& ev = g_machine->events();
  std::string& o = g_out;
  o = "[";
  for (std::size_t i = since < 0 ? 0 : static_cast<std::size_t>(since); i < ev.size(); ++i) {
    if (o.size() > 1) o += ',';
    event_json(o, ev, i);
  }
  o += ']';
  return o.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* sim_state() {
  return g_machine ? state_json() : error("not configured");
}

// thread < 0: the scheduler chooses.
EMSCRIPTEN_KEEPALIVE const char* sim_step(int thread) {
  if (!g_machine) return error("not configured");
  if (thread >= 0) {
    if (!g_machine->step(thread)) return error("T" + std::to_string(thread + 1) + " cannot step now");
  } else if (g_machine->step() < 0) {
    return error(g_machine->finished() ? "all threads are done" : "the manual scheduler needs a thread");
  }
  return state_json();
}

EMSCRIPTEN_KEEPALIVE const char* sim_undo() {
  if (!g_machine) return error("not configured");
  g_machine->undo();
  return state_json();
}

EMSCRIPTEN_KEEPALIVE const char* sim_reset() {
  if (!g_machine) return error("not configured");
  g_machine->reset();
  return state_json();
}

EMSCRIPTEN_KEEPALIVE const char* sim_explore(int threads, int increments, const char* mode, int sem_count) {
  Config c;
  std::string err;
  if (!make_config(threads, increments, mode, "manual", 1, sem_count, c, err)) return error(err);
  const Exploration x = explore(c);
  if (!x.error.empty()) return error(x.error);
  std::string& o = g_out;
  o = "{\"schedules\":" + std::to_string(x.schedules) + ",\"outcomes\":[";
  for (std::size_t i = 0; i < x.outcomes.size(); ++i) {
    const Outcome& oc = x.outcomes[i];
    if (i) o += ',';
    o += "{\"value\":" + std::to_string(oc.final_value) + ",\"schedules\":" + std::to_string(oc.schedules) +
         ",\"example\":[";
    for (std::size_t k = 0; k < oc.example.size(); ++k) {
      if (k) o += ',';
      o += std::to_string(oc.example[k]);
    }
    o += "]}";
  }
  o += "]}";
  return o.c_str();
}

EMSCRIPTEN_KEEPALIVE int real_supported() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return 1;
#else
  return 0;
#endif
}

EMSCRIPTEN_KEEPALIVE const char* real_start(int threads, double increments, const char* mode, int runs) {
#ifdef __EMSCRIPTEN_PTHREADS__
  if (g_job.running.load(std::memory_order_acquire)) return error("a real run is still going");
  RealConfig rc;
  rc.threads = threads;
  rc.increments = static_cast<long long>(increments);
  if (!parse_sync(mode, rc.sync)) return error(std::string("unknown mode \"") + mode + "\"");
  std::string err = validate(rc);
  if (!err.empty()) return error(err);
  if (runs < 1 || runs > kMaxRuns) return error("runs must be between 1 and " + std::to_string(kMaxRuns));
  for (auto& p : g_job.progress) p.store(0, std::memory_order_relaxed);
  rc.progress = g_job.progress;
  g_job.config = rc;
  g_job.runs = runs;
  g_job.completed.store(0);
  g_job.running.store(true, std::memory_order_release);
  pthread_t id;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  const int rc2 = pthread_create(&id, &attr, coordinator, nullptr);
  pthread_attr_destroy(&attr);
  if (rc2 != 0) {
    g_job.running.store(false);
    return error("could not start the coordinator thread");
  }
  g_out = "{\"started\":true}";
  return g_out.c_str();
#else
  (void)threads;
  (void)increments;
  (void)mode;
  (void)runs;
  return error("this build has no threads");
#endif
}

EMSCRIPTEN_KEEPALIVE const char* real_poll() {
#ifdef __EMSCRIPTEN_PTHREADS__
  const bool running = g_job.running.load(std::memory_order_acquire);
  const int done = g_job.completed.load(std::memory_order_acquire);
  std::string& o = g_out;
  o = std::string("{\"running\":") + (running ? "true" : "false") + ",\"runs\":" + std::to_string(g_job.runs) +
      ",\"increments\":" + std::to_string(g_job.config.increments) + ",\"progress\":[";
  for (int t = 0; t < g_job.config.threads; ++t) {
    if (t) o += ',';
    o += std::to_string(g_job.progress[t].load(std::memory_order_relaxed));
  }
  o += "],\"results\":[";
  for (int i = 0; i < done; ++i) {
    const RealResult& r = g_job.results[i];
    if (i) o += ',';
    o += "{\"final\":" + std::to_string(r.final_value) + ",\"expected\":" + std::to_string(r.expected) +
         ",\"lost\":" + std::to_string(r.lost) + ",\"seconds\":";
    json_number(o, r.seconds);
    o += ",\"perSecond\":";
    json_number(o, r.increments_per_second);
    o += '}';
  }
  o += "]}";
  return o.c_str();
#else
  return error("this build has no threads");
#endif
}

}  // extern "C"

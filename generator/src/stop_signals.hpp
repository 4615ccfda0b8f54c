// Ctrl-C and SIGTERM end `generator serve`. Ending it means taking locks, waking condition
// variables and closing the server's socket, none of which may happen in a signal handler, so
// the signals are blocked in every thread and taken as data by the thread that does the
// stopping.
#pragma once
#include <signal.h>

#include <atomic>

namespace book {

class StopSignals {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread and so in every thread started after it:
  // construct it before any thread exists, or a thread without the mask takes the signal.
  StopSignals();
  // Discards a signal that came after wait() (a second Ctrl-C while stopping) and unblocks.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Blocks until SIGINT or SIGTERM arrives (returns it) or interrupt() is called (returns 0).
  int wait();

  // Makes wait() return, for a server that ended by itself. Thread-safe.
  void interrupt();

 private:
  sigset_t signals_;
  sigset_t old_mask_;
  int signal_fd_;  // readable while a signal is pending
  int wake_fd_;    // eventfd written by interrupt()
  std::atomic<bool> interrupted_{false};
};

}  // namespace book

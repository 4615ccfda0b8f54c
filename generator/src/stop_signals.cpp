// signalfd and an eventfd, polled together: the thread that waits here sleeps until there is
// something to do, whichever of a signal or the server's own end comes first.
#include "stop_signals.hpp"

#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdint>

namespace book {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, &old_mask_);
  signal_fd_ = signalfd(-1, &signals_, SFD_NONBLOCK | SFD_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

StopSignals::~StopSignals() {
  const timespec now{0, 0};
  while (sigtimedwait(&signals_, nullptr, &now) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  if (signal_fd_ >= 0) close(signal_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

int StopSignals::wait() {
  // The descriptors only say when to look; sigtimedwait() takes the signal. Should either
  // descriptor be missing (no file descriptors left), look every 100 ms instead.
  const int timeout_ms = signal_fd_ >= 0 && wake_fd_ >= 0 ? -1 : 100;
  for (;;) {
    const timespec now{0, 0};
    const int sig = sigtimedwait(&signals_, nullptr, &now);
    if (sig > 0) return sig;
    if (interrupted_) return 0;
    pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};  // poll() skips negative fds
    ::poll(fds, 2, timeout_ms);
  }
}

void StopSignals::interrupt() {
  interrupted_ = true;
  const uint64_t one = 1;
  // eventfd's write fails only when its counter would overflow, which a few calls cannot reach.
  if (wake_fd_ >= 0) (void)!write(wake_fd_, &one, sizeof one);
}

}  // namespace book

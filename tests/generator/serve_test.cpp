// `generator serve` must end promptly on Ctrl-C and SIGTERM whatever its clients are doing:
// every open page holds a live-reload long poll (up to 20 s) on one of the server's threads, a
// browser keeps idle connections open, and pages go away in the middle of a poll. The real
// binary runs in a child process, because signals and the process's exit code are the subject.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "temp_book.hpp"

namespace {
using Clock = std::chrono::steady_clock;

// `generator serve --port 0` on a temporary book; the port comes from its "serving" line.
class ServeProcess {
 public:
  explicit ServeProcess(const TempBook& book) {
    int err[2];
    REQUIRE(pipe2(err, O_CLOEXEC) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) exec_generator(book, err[1]);
    close(err[1]);
    stderr_ = err[0];
    try {
      port_ = read_port();
    } catch (...) {
      end();  // a constructor that throws runs no destructor
      throw;
    }
  }
  ~ServeProcess() { end(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& output() const { return output_; }

  // The wait status, or nothing if the process is still running at `deadline`.
  std::optional<int> wait_until(Clock::time_point deadline) {
    for (;;) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return status;
      }
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

 private:
  void end() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      exited_ = true;
    }
    if (stderr_ >= 0) close(stderr_);
    stderr_ = -1;
  }

  [[noreturn]] static void exec_generator(const TempBook& book, int err) {
    dup2(err, STDERR_FILENO);
    // Whatever the test runner blocked or ignored must not decide how the server stops.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    const std::string config = (book.root / "mkdocs.yml").string(), theme = (book.root / "theme").string(),
                      out = (book.root / "out").string();
    execl(BOOK_GENERATOR, BOOK_GENERATOR, "serve", "--config", config.c_str(), "--theme", theme.c_str(), "--out",
          out.c_str(), "--host", "127.0.0.1", "--port", "0", static_cast<char*>(nullptr));
    _exit(127);
  }

  int read_port() {
    const std::regex serving(R"(serving .* at http://127\.0\.0\.1:(\d+)/)");
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    std::smatch m;
    while (!std::regex_search(output_, m, serving)) {
      pollfd p{stderr_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      char buf[4096];
      const ssize_t n = left > 0 && poll(&p, 1, static_cast<int>(left)) > 0 ? read(stderr_, buf, sizeof buf) : 0;
      INFO(output_);
      REQUIRE(n > 0);  // the server ended, or did not listen in time
      output_.append(buf, static_cast<size_t>(n));
    }
    return std::stoi(m[1]);
  }

  pid_t pid_ = -1;
  int stderr_ = -1;
  int port_ = 0;
  bool exited_ = false;
  std::string output_;
};

int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

void send_get(int fd, const std::string& path) {
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  REQUIRE(send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
}

// Whatever arrives on `fd` until the reply is complete (by Content-Length), EOF or `timeout`.
std::string receive(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string got;
  for (;;) {
    const size_t head_end = got.find("\r\n\r\n");
    std::smatch m;
    static const std::regex length(R"(Content-Length: (\d+))", std::regex::icase);
    if (head_end != std::string::npos && std::regex_search(got, m, length) &&
        got.size() >= head_end + 4 + std::stoul(m[1]))
      return got;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return got;
    char buf[4096];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return got;
    got.append(buf, static_cast<size_t>(n));
  }
}

long current_version(int port) {
  const int fd = connect_to(port);
  send_get(fd, "/__livereload?since=-1");
  const std::string reply = receive(fd, std::chrono::seconds(5));
  close(fd);
  const size_t body = reply.find("\r\n\r\n");
  INFO(reply);
  REQUIRE(body != std::string::npos);
  return nlohmann::json::parse(reply.substr(body + 4)).at("version").get<long>();
}

// Everything a browser session leaves on the server at once, then the signal.
void require_prompt_stop(int signal_number) {
  TempBook book;
  book.write("docs/index.md", "# Home\n\nText.\n");
  ServeProcess server(book);
  const int port = server.port();
  const std::string poll_path = "/__livereload?since=" + std::to_string(current_version(port));

  std::vector<int> polls;  // open pages waiting for the next build
  for (int i = 0; i < 5; ++i) {
    polls.push_back(connect_to(port));
    send_get(polls.back(), poll_path);
  }
  const int gone = connect_to(port);  // a page closed in the middle of its poll
  send_get(gone, poll_path);
  const int kept_alive = connect_to(port);  // a page that was loaded; its connection stays open
  send_get(kept_alive, "/");
  REQUIRE(receive(kept_alive, std::chrono::seconds(5)).rfind("HTTP/1.1 200", 0) == 0);
  const int spare = connect_to(port);  // a browser's connection opened ahead of a request
  close(connect_to(port));             // a client that connected and went away
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  close(gone);
  for (int fd : polls) REQUIRE(receive(fd, std::chrono::milliseconds(0)).empty());  // the polls are pending

  const auto sent = Clock::now();
  REQUIRE(kill(server.pid(), signal_number) == 0);
  const std::optional<int> status = server.wait_until(sent + std::chrono::seconds(2));
  const double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  INFO("stderr of the server:\n" << server.output());
  INFO("seconds from the signal to the exit: " << seconds);
  REQUIRE(status.has_value());
  REQUIRE(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  CHECK(seconds < 2.0);
  // The pending polls were answered, not dropped: the pages see the same generation and wait again.
  for (int fd : polls) CHECK(receive(fd, std::chrono::seconds(1)).rfind("HTTP/1.1 200", 0) == 0);

  for (int fd : polls) close(fd);
  close(kept_alive);
  close(spare);
}

}  // namespace

TEST_CASE("serve exits 0 within 2 s of SIGINT with long polls and idle connections open", "[serve]") {
  require_prompt_stop(SIGINT);
}

TEST_CASE("serve exits 0 within 2 s of SIGTERM with long polls and idle connections open", "[serve]") {
  require_prompt_stop(SIGTERM);
}

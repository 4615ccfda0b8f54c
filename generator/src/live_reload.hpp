// Live reload for `generator serve`: every open page keeps one long poll here, reloads when a
// build succeeded and shows a failed build's errors in a banner. A pending poll occupies one of
// the HTTP server's worker threads, and the server cannot finish while any is busy, so stopping
// has to answer every poll at once instead of waiting for their timeouts.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

namespace httplib {
class Server;
}

namespace book {

// The tag that puts the page's side of live reload into an HTML page.
inline constexpr const char* kLiveReloadScriptTag = "<script src=\"/__livereload.js\"></script>";

// The page's side: long-polls for a new build, then reloads or shows the error.
extern const char* const kLiveReloadJs;

class LiveReload {
 public:
  // A finished build. Every build moves the version on (so pages learn about a failed one and
  // show its errors); only a successful one moves the generation on (so pages reload).
  void publish(bool ok, const std::string& errors);

  // The state as the page's script reads it (JSON), as soon as the version differs from
  // `since`, stop() was called or `timeout` has passed.
  std::string wait_for_change(long since, std::chrono::milliseconds timeout);

  // Answers every pending poll now and every later one immediately. Thread-safe.
  void stop();

  // Waits until the reply of every poll answered so far has been written (or `timeout`), so
  // that cutting the server's connections afterwards cannot lose one.
  void wait_until_answered(std::chrono::milliseconds timeout);

  // GET /__livereload?since=N (the long poll, up to 20 s) and GET /__livereload.js. Takes the
  // server's logger: httplib calls it once a reply has been written.
  void add_routes(httplib::Server& server);

 private:
  std::string state_json() const;  // with mu_ held
  void written();                  // a poll's reply went out

  std::mutex mu_;
  std::condition_variable changed_;
  std::condition_variable written_;
  long generation_ = 0;  // successful builds
  long version_ = 0;     // every build, failed ones too
  std::string error_;
  bool stopping_ = false;
  long unwritten_ = 0;  // polls in a handler or whose reply is being written
};

}  // namespace book

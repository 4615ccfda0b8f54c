// Live reload's state: what a page's poll is told after each build, and that stopping answers
// every waiting poll at once (a waiting poll holds a server thread until it is answered).
#include "live_reload.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <vector>

using namespace std::chrono_literals;

namespace {
nlohmann::json poll(book::LiveReload& reload, long since, std::chrono::milliseconds timeout) {
  return nlohmann::json::parse(reload.wait_for_change(since, timeout));
}
}  // namespace

TEST_CASE("a failed build moves the version but not the generation, and carries its errors", "[live_reload]") {
  book::LiveReload reload;
  reload.publish(true, "");
  CHECK(poll(reload, -1, 0ms) == nlohmann::json{{"version", 1}, {"generation", 1}, {"error", ""}});
  reload.publish(false, "docs/a.md:3: error: broken link\n");
  CHECK(poll(reload, 1, 0ms) ==
        nlohmann::json{{"version", 2}, {"generation", 1}, {"error", "docs/a.md:3: error: broken link\n"}});
  reload.publish(true, "");
  CHECK(poll(reload, 2, 0ms) == nlohmann::json{{"version", 3}, {"generation", 2}, {"error", ""}});
}

TEST_CASE("a poll on the current version waits for the next build", "[live_reload]") {
  book::LiveReload reload;
  reload.publish(true, "");
  auto waiting = std::async(std::launch::async, [&] { return poll(reload, 1, 10s); });
  CHECK(waiting.wait_for(100ms) == std::future_status::timeout);
  reload.publish(true, "");
  REQUIRE(waiting.wait_for(5s) == std::future_status::ready);
  CHECK(waiting.get().at("version") == 2);
}

TEST_CASE("an error text that is not UTF-8 still gives valid JSON", "[live_reload]") {
  book::LiveReload reload;
  reload.publish(false, "docs/a.md:1: error: \xff\xfe bad\n");
  CHECK(poll(reload, -1, 0ms).at("error").get<std::string>().find("bad") != std::string::npos);
}

TEST_CASE("stop() answers every waiting poll at once, and later ones without waiting", "[live_reload]") {
  book::LiveReload reload;
  reload.publish(true, "");
  std::vector<std::future<nlohmann::json>> polls;
  for (int i = 0; i < 6; ++i) polls.push_back(std::async(std::launch::async, [&] { return poll(reload, 1, 20s); }));
  CHECK(polls.front().wait_for(100ms) == std::future_status::timeout);
  const auto stopped = std::chrono::steady_clock::now();
  reload.stop();
  for (auto& p : polls) {
    REQUIRE(p.wait_for(2s) == std::future_status::ready);
    CHECK(p.get().at("version") == 1);  // same generation: the page does not reload
  }
  CHECK(std::chrono::steady_clock::now() - stopped < 1s);
  CHECK(poll(reload, 1, 20s).at("version") == 1);
}

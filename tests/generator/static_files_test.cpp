// What `serve` answers for ordinary URLs: files of the built site only, HTML with the
// live-reload script, a 404 page that keeps reloading.
#include "static_files.hpp"

#include <catch2/catch.hpp>

#include "live_reload.hpp"
#include "temp_book.hpp"

TEST_CASE("content types by extension", "[static_files]") {
  CHECK(std::string(book::content_type_for("a/b.html")) == "text/html; charset=utf-8");
  CHECK(std::string(book::content_type_for("sim.wasm")) == "application/wasm");
  CHECK(std::string(book::content_type_for("noext")) == "application/octet-stream");
}

TEST_CASE("HTML gets the live-reload script before its last </body>", "[static_files]") {
  CHECK(book::with_live_reload("<p>a</p></body><!-- </body> --></body>") ==
        std::string("<p>a</p></body><!-- </body> -->") + book::kLiveReloadScriptTag + "</body>");
  CHECK(book::with_live_reload("<p>no body end") == std::string("<p>no body end") + book::kLiveReloadScriptTag);
}

TEST_CASE("files, folders' index pages, 404 and paths that climb out of the site", "[static_files]") {
  TempBook b;
  b.write("site/index.html", "<body>home</body>");
  b.write("site/ch/index.html", "<body>chapter</body>");
  b.write("site/book.css", "p{}");
  b.write("secret.txt", "not for the browser");
  const auto root = b.root / "site";

  auto home = book::static_reply(root, "/");
  CHECK(home.status == 200);
  CHECK(home.body == std::string("<body>home") + book::kLiveReloadScriptTag + "</body>");
  CHECK(home.content_type == "text/html; charset=utf-8");
  CHECK(book::static_reply(root, "/ch/").body.find("chapter") != std::string::npos);
  // A folder without its '/' is redirected, so the page's relative links start from the folder.
  const auto folder = book::static_reply(root, "/ch");
  CHECK(folder.status == 301);
  CHECK(folder.location == "/ch/");
  auto css = book::static_reply(root, "/book.css");
  CHECK((css.status == 200 && css.body == "p{}" && css.content_type == "text/css; charset=utf-8"));

  auto missing = book::static_reply(root, "/nope<b>.html");
  CHECK(missing.status == 404);
  CHECK(missing.body.find("/nope&lt;b&gt;.html") != std::string::npos);
  CHECK(missing.body.find(book::kLiveReloadScriptTag) != std::string::npos);

  for (const char* path : {"/../secret.txt", "/ch/../../secret.txt", "/.."}) {
    INFO(path);
    const auto r = book::static_reply(root, path);
    CHECK(r.status == 403);
    CHECK(r.body.find("not for the browser") == std::string::npos);
  }
  CHECK(book::static_reply(root, "/ch/../book.css").status == 200);  // stays inside: fine

  // With the theme's 404 page in the site, that page answers, still with live reload.
  b.write("site/404.html", "<body>lost</body>");
  auto themed = book::static_reply(root, "/a/b/missing.html");
  CHECK(themed.status == 404);
  CHECK(themed.body == std::string("<body>lost") + book::kLiveReloadScriptTag + "</body>");
}

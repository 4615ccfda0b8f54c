// pymdownx.emoji as Material sets it up: twemoji shortcodes and Material's icon sets as inline
// SVG from the npm packages, unknown names a warning, code left alone.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"

namespace {

Rendered emoji(const std::string& md) {
  return render_configured(md, config_with({"pymdownx.emoji"}));
}

}  // namespace

TEST_CASE("a twemoji shortcode becomes its SVG, named for screen readers", "[emoji]") {
  const auto r = emoji("Hi :smile: and :+1:\n");
  const std::string& b = r.page.body;
  CHECK(b.rfind(
            "<p>Hi <span class=\"twemoji\" role=\"img\" aria-label=\"\xF0\x9F\x98\x84\" title=\":smile:\">"
            "<svg aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 36 36\">",
            0) == 0);
  CHECK(b.find("title=\":+1:\"") != std::string::npos);
  CHECK(r.errors().empty());
}

TEST_CASE("Material's icon sets: :material-...:, :fontawesome-...:, :octicons-...:", "[emoji]") {
  const auto r = emoji(":material-account: :fontawesome-brands-github: :octicons-mark-github-16:\n");
  const std::string& b = r.page.body;
  CHECK(b.rfind("<p><span class=\"twemoji\"><svg aria-hidden=\"true\" focusable=\"false\" "
                "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M12,4A4,4",
                0) == 0);
  CHECK(b.find("id=\"mdi-account\"") == std::string::npos);  // would repeat with every use
  CHECK(b.find("Font Awesome Free") == std::string::npos);   // the file's comment is dropped
  size_t spans = 0;
  for (size_t at = b.find("<span class=\"twemoji\"><svg"); at != std::string::npos;
       at = b.find("<span class=\"twemoji\"><svg", at + 1))
    ++spans;
  CHECK(spans == 3);
  CHECK(r.errors().empty());
}

TEST_CASE("an unknown shortcode is a warning at its line and stays as text", "[emoji]") {
  const auto r = emoji("# T\n\nfine\nsee :no-such-icon: here\n");
  CHECK(r.page.body.find("see :no-such-icon: here") != std::string::npos);
  CHECK(r.errors() == "page.md:4: warning: unknown emoji or icon :no-such-icon: (left as text)\n");
}

TEST_CASE("shortcodes are not looked for in code, in HTML tags or in times", "[emoji]") {
  const auto r = emoji("`:smile:` <a title=\":smile:\" href=\"#x\">x</a> at 10:30:45\n\n```\n:smile:\n```\n");
  CHECK(r.page.body.find("twemoji") == std::string::npos);
  CHECK(r.errors().empty());
}

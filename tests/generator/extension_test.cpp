// Adding a Markdown feature is one file with an Extension and its test: this one is both.
// [[Ctrl]] becomes <kbd>Ctrl</kbd>; headings that end in "(draft)" get the id "draft-..."; and
// the page model tells how many keys the page shows.
#include <catch2/catch.hpp>

#include "markdown.hpp"

namespace {

class Keys : public book::Extension {
 public:
  const char* name() const override { return "keys"; }

  bool inline_text(const std::string& text, std::string& html, book::PageContext&) override {
    const size_t open = text.find("[["), close = text.find("]]");
    if (open == std::string::npos || close == std::string::npos || close < open) return false;
    html = text.substr(0, open) + "<kbd>" + text.substr(open + 2, close - open - 2) + "</kbd>" + text.substr(close + 2);
    return true;
  }

  void heading(book::Heading& h, book::PageContext&) override {
    const std::string tail = " (draft)";
    if (h.text.size() > tail.size() && h.text.compare(h.text.size() - tail.size(), tail.size(), tail) == 0)
      h.id = "draft-" + h.id;
  }

  void link(book::Link& link, book::PageContext& ctx) override {
    if (link.url == "TODO") ctx.diags.warning(ctx.shown_file, link.line, "a link still says TODO");
  }

  void page_done(book::PageContext& ctx) override {
    size_t n = 0;
    for (size_t at = ctx.page.body.find("<kbd>"); at != std::string::npos; at = ctx.page.body.find("<kbd>", at + 1))
      ++n;
    ctx.page.front_matter["keys"] = std::to_string(n);
  }
};

}  // namespace

TEST_CASE("an extension plugs in through its hooks without the core knowing it", "[extension]") {
  book::Extensions extensions;
  extensions.push_back(std::make_unique<Keys>());
  book::Renderer renderer(extensions);
  book::Diagnostics diags;
  const auto page = renderer.render("## Shortcuts (draft)\n\nPress [[Ctrl]] then `[[not]]`.\n\n[later](TODO)\n",
                                    {"page.md", "."}, diags);
  CHECK(page.body.find("Press <kbd>Ctrl</kbd> then <code>[[not]]</code>.") != std::string::npos);
  REQUIRE(page.headings.size() == 1);
  CHECK(page.headings[0].id == "draft-shortcuts-draft");
  CHECK(page.ids.count("draft-shortcuts-draft") == 1);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].format() == "page.md:5: warning: a link still says TODO");
  CHECK(page.front_matter.at("keys") == "1");
}
